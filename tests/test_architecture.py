"""Structure that keeps exact numbers inside: renderers cannot reach the store or the SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from monitor.config import PROJECT_ROOT

FORBIDDEN_FOR_RENDERERS = {"duckdb", "monitor.store.snapshots", "monitor.store.sql", "monitor.figures.exact",
                           "monitor.figures.builders", "monitor.ingest.figure_import"}  # fmt: skip


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_import_linter_contracts_hold():
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_the_app_entry_point_imports_no_store_or_sql():
    assert not imported_modules(PROJECT_ROOT / "app.py") & FORBIDDEN_FOR_RENDERERS


def test_pages_and_exports_import_no_store_or_sql():
    renderers = [
        *(PROJECT_ROOT / "monitor" / "app").rglob("*.py"),
        *(PROJECT_ROOT / "monitor" / "render").rglob("*.py"),
    ]
    offenders = {
        path.name: imported_modules(path) & FORBIDDEN_FOR_RENDERERS
        for path in renderers
        if imported_modules(path) & FORBIDDEN_FOR_RENDERERS
    }
    assert offenders == {}


def test_sql_lives_in_sql_files_only():
    """No SQL statement is built in Python: every query is a .sql file under queries/."""
    keywords = ("SELECT ", "INSERT INTO", "DELETE FROM", "CREATE TABLE", "ATTACH ")
    offenders = []
    for path in (PROJECT_ROOT / "monitor").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and any(keyword in node.value.upper() for keyword in keywords):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
