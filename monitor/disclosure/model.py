"""The protection model: cells with one identity across all views, and the linear relations a
reader can use between them (docs/disclosure.md, "Model")."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from monitor.figures.exact import CellKey
from monitor.figures.published import CellStatus

HIDING = (CellStatus.PRIMAIR, CellStatus.SECUNDAIR)
# Shares are rounded decimals: their sum is 100 within this, in the gate, the audit and the
# audit of exported artefacts alike.
SHARE_TOLERANCE = Decimal("0.000001")


class GateError(RuntimeError):
    """The audit cannot be satisfied; publishing is refused (the message is Dutch)."""


class RelationKind(StrEnum):
    SOM = "som"  # total = Σ parts (or Σ parts ≤ total when the breakdown is incomplete)
    VOORRAAD = "voorraad"  # stand(t) = stand(t-1) + instroom(t) - uitstroom(t)
    AANDEEL = "aandeel"  # shares of one total add up to 100%
    UNIEK = "uniek"  # a unique total next to overlapping categories: part ≤ total ≤ Σ parts


class Sense(StrEnum):
    """How the weighted sum of a relation compares with 0 on the real data."""

    GELIJK = "="
    HOOGSTENS = "≤"


@dataclass(frozen=True)
class ProtectionCell:
    key: CellKey
    value: Decimal | None
    is_count: bool  # a person count: integer, the AVG rule applies


@dataclass(frozen=True)
class Relation:
    """Σ coefficient × cell = 0 (or ≤ 0, for `Sense.HOOGSTENS`) on the real data."""

    kind: RelationKind
    terms: tuple[tuple[CellKey, int], ...]
    total: CellKey | None = None  # the margin of a sum relation: hidden only after interior cells
    sense: Sense = Sense.GELIJK

    @property
    def keys(self) -> tuple[CellKey, ...]:
        return tuple(key for key, _ in self.terms)

    def holds(self, values: dict[CellKey, Decimal | None], tolerance: Decimal = Decimal(0)) -> bool:
        if any(values.get(key) is None for key in self.keys):
            return False
        total = sum((values[key] * coefficient for key, coefficient in self.terms), Decimal(0))  # type: ignore[operator]
        if self.sense is Sense.HOOGSTENS:
            return total <= tolerance
        return abs(total) <= tolerance

    def at_most(self) -> Relation:
        """The inequality a sum still gives when its breakdown is incomplete: Σ parts ≤ total
        (written as Σ parts − total ≤ 0)."""
        terms = tuple((key, -coefficient) for key, coefficient in self.terms)
        return Relation(self.kind, terms, self.total, Sense.HOOGSTENS)


@dataclass(frozen=True)
class Settings:
    threshold: int = 10
    minimum_range: int = 3
    zeros_published: bool = False  # then `<10` means 1…9 and a zero is published as 0


@dataclass
class ProtectionProblem:
    """Everything the gate protects at once for one edition."""

    cells: dict[CellKey, ProtectionCell]
    relations: list[Relation]
    links: dict[CellKey, CellKey] = field(default_factory=dict)  # amount → linked count (P2)
    frozen: dict[CellKey, CellStatus] = field(default_factory=dict)  # published before (history)
    settings: Settings = field(default_factory=Settings)
    shown: frozenset[CellKey] | None = None  # cells a reader sees; None: all cells
    # Declared relations the data misses (registrations that do not quite add up): a reader who
    # takes them at their word still narrows hidden cells, so the audit protects against them too.
    believed: list[Relation] = field(default_factory=list)

    def is_shown(self, key: CellKey) -> bool:
        return self.shown is None or key in self.shown

    def relations_of(self) -> dict[CellKey, list[Relation]]:
        index: dict[CellKey, list[Relation]] = {}
        for relation in [*self.relations, *self.believed]:
            for key in relation.keys:
                index.setdefault(key, []).append(relation)
        return index
