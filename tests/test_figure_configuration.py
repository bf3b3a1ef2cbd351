"""Figures as configuration: the shipped catalogue declares today's figures exactly as they were
when they lived in code (a golden list recorded before the move)."""

from __future__ import annotations

import dataclasses
import json

from monitor.config import PROJECT_ROOT
from monitor.domain.registry import FigureSpec, figure_specs

GOLDEN = PROJECT_ROOT / "tests/fixtures/figures/figures_before_configuration.json"


def as_record(spec: FigureSpec) -> dict:
    record = dataclasses.asdict(spec)
    return {
        key: list(value) if isinstance(value, tuple) else str(value) if key == "shape" else value
        for key, value in record.items()
    }


def golden() -> list[dict]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_shipped_catalogue_declares_every_figure_as_it_was(catalogue):
    assert [as_record(spec) for spec in figure_specs(catalogue)] == golden()
