"""Loads the `.sql` files under `queries/` and runs them with named parameters.

One statement per file; parameters are DuckDB `$named` parameters, never string-built.
A DuckDB connection is not thread-safe: code that shares one across threads passes
`con.cursor()` here, one per query.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb

from monitor.config import QUERIES_DIR


@cache
def load_sql(name: str) -> str:
    """The text of `queries/<name>.sql`, e.g. `load_sql("store/create_cijfers")`."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.resolve().is_relative_to(QUERIES_DIR.resolve()):
        raise ValueError(f"query name outside queries/: {name!r}")
    return path.read_text(encoding="utf-8")


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> duckdb.DuckDBPyConnection:
    return con.execute(load_sql(name), params or None)


def fetch_records(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows as dicts with exact Python values (DECIMAL stays Decimal, unlike a DataFrame)."""
    result = execute(con, name, **params)
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
