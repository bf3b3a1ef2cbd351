"""What a reader holds after downloading everything: the CSV export (`monitor exporteer`) of every
figure of every published edition, read back from the files; and, for the attacker, every
relation that holds on the real data of each edition (the strongest reader: one who also knows
which breakdowns are complete and which cells a revision left unchanged).

Cells of different editions are different unknowns (a revision may change a value); where the
real value did not change, the attacker is told they are equal."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from monitor import config
from monitor.cli import main
from monitor.disclosure.model import Relation, RelationKind
from monitor.disclosure.relations import HUNDRED, protection_problem
from monitor.domain.catalogue import Catalogue
from monitor.domain.registry import figure_specs
from monitor.figures.builders import FigureContext, build_exact_table
from monitor.figures.exact import CellKey
from monitor.figures.published import MARKERS, CellStatus
from monitor.publication.edition import _frozen, published_edition
from monitor.publication.editorial import published_editions
from monitor.store.snapshots import reading

Shown = dict[CellKey, tuple[CellStatus, Decimal | None]]
STATUS = {marker: status for status, marker in MARKERS.items()}


def _read_csv(path: Path) -> list[list[str]]:
    rows = []
    for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"):
        if not row:
            break  # the legend follows the first empty line
        rows.append([text.removeprefix("'") for text in row])
    return rows


def _observation(text: str) -> tuple[CellStatus, Decimal | None]:
    status = STATUS.get(text, CellStatus.WAARDE)
    if status is CellStatus.STRUCTUREEL:
        return CellStatus.WAARDE, Decimal(0)
    return status, Decimal(text.replace(",", ".")) if status is CellStatus.WAARDE else None


def _named(edition: str, key: CellKey) -> CellKey:
    return key if key == HUNDRED else (f"{edition}|{key[0]}", key[1], key[2])


def exported_knowledge(data_dir: Path, out: Path) -> tuple[Shown, list[Relation]]:
    """Every cell of every published edition as its CSV export shows it, and the relations."""
    shown: Shown = {HUNDRED: (CellStatus.WAARDE, Decimal(100))}
    relations: list[Relation] = []
    exact: dict[str, dict[CellKey, Decimal | None]] = {}
    for info in published_editions(data_dir):
        edition = info.edition
        published = published_edition(data_dir, edition, version=info.version)
        for figure in published.figures:
            target = out / f"{edition.key}_{figure.figure_id}.csv"
            code = main(["exporteer", figure.figure_id, "--editie", edition.key,
                         "--formaat", "csv", "--bestand", str(target)])  # fmt: skip
            assert code == 0, (edition.key, figure.figure_id)
            table = _read_csv(target)
            header = table[0][1:]
            place = {(c.row, c.column): c.key for c in figure.cells if c.key is not None}
            for row in table[1:]:
                for column, text in zip(header, row[1:], strict=False):
                    key = place.get((row[0], column))
                    if key is not None:
                        shown[_named(edition.key, key)] = _observation(text)
        catalogue = published.catalogue
        with reading(data_dir, info.version) as con:
            context = FigureContext(con, edition, catalogue, config.gemeente_code())
            tables = [build_exact_table(context, spec) for spec in figure_specs(catalogue)]
            problem = protection_problem(tables, catalogue, _frozen(con, edition))
        exact[edition.key] = {key: cell.value for key, cell in problem.cells.items()}
        relations += [
            Relation(r.kind, tuple((_named(edition.key, k), c) for k, c in r.terms),
                     None if r.total is None else _named(edition.key, r.total), r.sense)
            for r in problem.relations
        ]  # fmt: skip
    editions = sorted(exact)
    for older, newer in itertools.combinations(editions, 2):
        for key, value in exact[older].items():
            if key != HUNDRED and value is not None and exact[newer].get(key) == value:
                terms = ((_named(older, key), 1), (_named(newer, key), -1))
                relations.append(Relation(RelationKind.SOM, terms))
    return shown, relations


def counts_of(catalogue: Catalogue) -> Callable[[CellKey], bool]:
    """Whether a (named) cell is a count of persons: the AVG rule's integers."""

    def is_count(key: CellKey) -> bool:
        populatie = key[0].split("|", 1)[-1]
        indicator = catalogue.get(populatie.split("#", 1)[0])
        return bool(indicator and indicator.gevoelig and "#aandeel" not in populatie)

    return is_count
