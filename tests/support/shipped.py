"""The figures of the shipped catalogue, by id, for tests that build one figure."""

from __future__ import annotations

from functools import cache

from monitor.config import DEFAULT_CATALOGUE
from monitor.domain.catalogue import load_catalogue
from monitor.domain.registry import FigureSpec, spec_by_id


@cache
def shipped_spec(figure_id: str) -> FigureSpec:
    spec = spec_by_id(load_catalogue(DEFAULT_CATALOGUE), figure_id)
    if spec is None:
        raise KeyError(f"the shipped catalogue has no figure {figure_id}")
    return spec
