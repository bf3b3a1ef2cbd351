"""The way out: published figures of an edition, built once per store version and shared.

Pages, exports and the report call this module; it is the only bridge from the store and the
queries to them, and everything it returns has passed the gate.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb

from monitor import config
from monitor.disclosure.gate import protect_edition
from monitor.domain.catalogue import Catalogue, load_catalogue
from monitor.domain.editions import Edition, edition_for_latest
from monitor.domain.periods import Period
from monitor.domain.registry import figure_specs
from monitor.figures.builders import FigureContext, build_exact_table
from monitor.figures.exact import CellKey
from monitor.figures.published import CellStatus, PublishedFigure
from monitor.publication.completeness import incomplete_months
from monitor.publication.sentences import sentences_for
from monitor.store.snapshots import current_snapshot, reading, version_of
from monitor.store.sql import fetch_records


class UnknownFigure(LookupError):
    """A figure id that the registry does not declare."""


@dataclass(frozen=True)
class PublishedEdition:
    edition: Edition
    store_version: str  # snapshot file name, '' for an empty store
    figures: tuple[PublishedFigure, ...]
    catalogue: Catalogue  # the one it was built with: for a published edition, as published

    def figure(self, figure_id: str) -> PublishedFigure:
        for figure in self.figures:
            if figure.figure_id == figure_id:
                return figure
        raise UnknownFigure(figure_id)

    def chapter(self, chapter: str) -> tuple[PublishedFigure, ...]:
        return tuple(figure for figure in self.figures if figure.chapter == chapter)


@lru_cache(maxsize=8)
def _catalogue_at(path: str, modified: float) -> Catalogue:
    return load_catalogue(Path(path))


def current_catalogue() -> Catalogue:
    """The configured catalogue, re-read when the file changes."""
    path = config.catalogue_path()
    modified = path.stat().st_mtime if path.exists() else 0.0
    return _catalogue_at(str(path), modified)


def store_version(data_dir: Path) -> str:
    snapshot = current_snapshot(data_dir)
    return "" if snapshot is None else snapshot.name


def _period_range(data_dir: Path, gemeente: str | None) -> dict:
    """First and last day covered by monthly or quarterly figures of the gemeente."""
    with reading(data_dir) as con:
        return fetch_records(
            con,
            "store/period_range",
            gemeente=config.gemeente_code() if gemeente is None else gemeente,
        )[0]


def available_editions(data_dir: Path, gemeente: str | None = None) -> list[Edition]:
    """Every edition the store can show, newest first: each quarter end from the first month
    with figures through the last complete quarter."""
    covered = _period_range(data_dir, gemeente)
    first, last = covered["eerste"], edition_for_latest(covered["laatste"])
    if first is None or last is None:
        return []
    editions = []
    month = last.peildatum
    while month.end >= first:
        editions.append(Edition(month))
        month = (
            Period.month(month.year - 1, 12)
            if month.index == 3
            else Period.month(month.year, month.index - 3)
        )
    return editions


def latest_edition(data_dir: Path, gemeente: str | None = None) -> Edition | None:
    """The edition of the last complete quarter in the store (None for an empty store)."""
    latest = _period_range(data_dir, gemeente)["laatste"]
    return edition_for_latest(latest)


_CACHE_SIZE = 32
_cache: OrderedDict[
    tuple[str, int | None, Edition, str, int], tuple[Catalogue, PublishedEdition]
] = OrderedDict()
_cache_lock = threading.Lock()


def _frozen(con: duckdb.DuckDBPyConnection, edition: Edition) -> dict[CellKey, CellStatus]:
    records = fetch_records(con, "store/frozen_cells", editie=edition.key)
    return {
        (r["populatie"], r["categorie"], r["periode"]): CellStatus(r["status"]) for r in records
    }


def _build(
    data_dir: Path, version: int | None, edition: Edition, gemeente: str, catalogue: Catalogue
) -> PublishedEdition:
    with reading(data_dir, version) as con:
        context = FigureContext(con, edition, catalogue, gemeente)
        tables = [build_exact_table(context, spec) for spec in figure_specs(catalogue)]
        protected = protect_edition(tables, edition, catalogue, _frozen(con, edition))
    # Sentences are written from the published cells only, so they cannot reveal a hidden value.
    figures = tuple(
        figure.worded(
            sentences_for(
                figure,
                table.spec,
                incomplete_months([catalogue.by_id[i] for i in table.spec.indicators], edition),
            )
        )
        for figure, table in zip(protected, tables, strict=True)
    )
    snapshot = "" if version is None else f"v{version:06d}.duckdb"
    return PublishedEdition(edition, snapshot, figures, catalogue)


@lru_cache(maxsize=64)
def frozen_catalogue(directory: str, edition: Edition, version: int) -> Catalogue | None:
    """The catalogue `edition` was published with by `version` (None for an edition published
    before catalogues were kept, or a version that did not publish it). Snapshots never change,
    so one parse serves every later call, and the edition cache stays keyed on one object."""
    with reading(Path(directory), version) as con:
        records = fetch_records(con, "store/edition_catalogue", editie=edition.key, versie=version)
    return Catalogue.model_validate_json(records[0]["catalogus"]) if records else None


def published_edition(
    data_dir: Path,
    edition: Edition,
    catalogue: Catalogue | None = None,
    gemeente: str | None = None,
    version: int | None = None,
) -> PublishedEdition:
    """Every declared figure of an edition, through the gate, cached per store version.

    Without `version` the figures come from the current store (the draft); with it, from that
    frozen snapshot (a published edition re-opens exactly as it was). Published figures are
    immutable, so one cache serves every session of the dashboard.
    """
    if version is not None:
        # A published edition is rebuilt with the catalogue it was published with.
        catalogue = frozen_catalogue(str(data_dir.resolve()), edition, version) or catalogue
    catalogue = catalogue or current_catalogue()
    gemeente = config.gemeente_code() if gemeente is None else gemeente
    if version is None:
        snapshot = current_snapshot(data_dir)
        version = None if snapshot is None else version_of(snapshot)
    # The catalogue object itself is kept in the entry, so its id cannot be reused meanwhile.
    key = (str(data_dir.resolve()), version, edition, gemeente, id(catalogue))
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key][1]
    built = _build(data_dir, version, edition, gemeente, catalogue)
    with _cache_lock:
        _cache[key] = (catalogue, built)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return built
