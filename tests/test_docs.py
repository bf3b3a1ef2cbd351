"""Documentation that cannot fall behind the code: design references resolve inside the
repository, and the code map names every module."""

from __future__ import annotations

import re
import subprocess

from monitor.config import PROJECT_ROOT

REFERENCE = re.compile(r"[A-Za-z0-9_./-]+\.md\b")
# A path into the repository, such as `monitor/store/sql.py` or `queries/store/cijfer_count.sql`:
# it must name a tracked file, so a move cannot leave the README or a design document behind.
PATH_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9_./-])(?:monitor|queries|tests|benchmarks|docs|data)/[A-Za-z0-9_/.-]+?"
    r"\.(?:py|sql|md|toml|j2)\b"
)
SOURCES = ("monitor", "queries", "tests", "benchmarks", "docs", "app.py", "README.md")


def tracked_files() -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True,  # nosec B603 B607
                            check=True).stdout  # fmt: skip
    return set(listed.split())


def dangling_references(files: set[str]) -> list[str]:
    names = {path.rsplit("/", 1)[-1] for path in files}
    dangling = []
    for path in sorted(files):
        if not path.startswith(SOURCES) or not path.endswith(
            (".py", ".sql", ".md", ".j2", ".toml")
        ):
            continue
        text = (PROJECT_ROOT / path).read_text(encoding="utf-8")
        for reference in REFERENCE.findall(text):
            target = reference.lstrip("./")
            if target in files or (target in names and "/" not in target):
                continue
            dangling.append(f"{path}: {reference}")
        dangling.extend(
            f"{path}: {reference}"
            for reference in PATH_REFERENCE.findall(text)
            if reference not in files and "*" not in reference
        )
    return dangling


def test_every_design_reference_points_at_a_file_in_the_repository():
    assert dangling_references(tracked_files()) == []


def test_a_reference_to_a_document_outside_the_repository_is_found():
    files = tracked_files()
    assert "docs/disclosure.md" in files
    assert dangling_references(files - {"docs/disclosure.md"}) != []


def test_a_path_to_a_moved_module_is_found():
    files = tracked_files()
    assert "tests/oracles/records_reference.py" in files
    assert dangling_references(files - {"tests/oracles/records_reference.py"}) != []


def test_the_code_map_names_every_module():
    code_map = (PROJECT_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = [
        path
        for path in sorted(tracked_files())
        if path.startswith("monitor/") and path.endswith(".py") and not path.endswith("__init__.py")
    ]
    missing = [path for path in modules if path.rsplit("/", 1)[-1] not in code_map]
    assert missing == []
