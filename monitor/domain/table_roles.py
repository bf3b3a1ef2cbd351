"""What a row or column of a figure's table means (the begroting of a year, the total of a
quarter), as a type. Builders give each row and column its role; charts, sentences and the
overview find cells by role, never by the Dutch label a reader sees, so rewording a label cannot
silently empty a chart or a sentence."""

from __future__ import annotations

from enum import StrEnum


class TableRole(StrEnum):
    # Columns
    MAAND = "maand"  # the twelve months of a year, January first
    BEGROTING = "begroting"
    PROGNOSE = "prognose"
    SALDO = "saldo"  # begroting minus prognose: the expected advantage (+) or disadvantage (-)
    GEMIDDELDE = "gemiddelde"  # the average per month of a year
    VERANDERING = "verandering"  # the change of that average against the year before, in %
    # Rows
    TOTAAL = "totaal"  # the sum of the categories above it
    INSTROOM = "instroom"
    UITSTROOM = "uitstroom"
    EINDTOTAAL = "eindtotaal"
    EINDTOTAAL_ZONDER_ENERGIETOESLAG = "eindtotaal_zonder_energietoeslag"


# The label a reader sees for a role that has one fixed label.
LABELS: dict[TableRole, str] = {
    TableRole.BEGROTING: "Begroting",
    TableRole.PROGNOSE: "Prognose",
    TableRole.SALDO: "Verwacht voordeel (+) / nadeel (-)",
    TableRole.GEMIDDELDE: "Gemiddeld per maand",
    TableRole.VERANDERING: "Verandering t.o.v. vorig jaar (%)",
    TableRole.TOTAAL: "Totaal",
    TableRole.INSTROOM: "Instroom",
    TableRole.UITSTROOM: "Uitstroom",
}

TableRoles = tuple[
    "TableRole | None", ...
]  # aligned with a table's rows or columns; () when none has one


def labels_with(labels: tuple[str, ...], roles: TableRoles, role: TableRole) -> tuple[str, ...]:
    return tuple(label for label, r in zip(labels, roles, strict=False) if r is role)


def labels_without(
    labels: tuple[str, ...], roles: TableRoles, *excluded: TableRole
) -> tuple[str, ...]:
    padded = roles + (None,) * (len(labels) - len(roles))
    return tuple(label for label, r in zip(labels, padded, strict=True) if r not in excluded)
