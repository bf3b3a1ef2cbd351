"""Run one import in a process of its own and report its refusal and peak memory as JSON:
`python -m tests.support.bounded_import cijfers|wmo|jeugd|participatie FILE [INDICATOR]`.

Peak memory (ru_maxrss) is only meaningful per process, so the bound tests start one import per
file; the address space is capped so that an unbounded parse fails here instead of filling the
machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

ADDRESS_SPACE = 4 << 30
ROOT = Path(__file__).resolve().parents[2]


def _peak_mb() -> float:
    # VmHWM belongs to this process's own address space. ru_maxrss survives exec on Linux, so in
    # a process started by a large pytest it reports the parent's peak, not this import's.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is in KiB


def main(kind: str, path: Path, indicator: str | None) -> None:
    from monitor.config import DEFAULT_CATALOGUE
    from monitor.domain.catalogue import load_catalogue
    from monitor.ingest.figure_import import validate_files
    from monitor.ingest.files import UploadFile
    from monitor.ingest.problems import ImportRefused
    from monitor.ingest.records.compute import RecordKind, compute_records

    upload = [UploadFile(path, path.name)]
    before = _peak_mb()
    try:
        if kind == "cijfers":
            validate_files(upload, load_catalogue(DEFAULT_CATALOGUE), indicator)
        else:
            compute_records(upload, RecordKind(kind))
        problems: list[str] = []
    except ImportRefused as refused:
        problems = [str(problem) for problem in refused.problems]
    print(json.dumps({"problems": problems, "start_mb": before, "peak_mb": _peak_mb()}))


def _cap_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def bounded_import(kind: str, path: Path, indicator: str | None = None,
                   timeout: float = 300) -> dict:  # fmt: skip
    """The refusal (a list of problems, empty when accepted) and peak memory of one import. The
    timeout only guards against a runaway parse; the tests assert the refusal itself."""
    args = [sys.executable, "-m", "tests.support.bounded_import", kind, str(path)]
    run = subprocess.run(
        args + ([indicator] if indicator else []),
        capture_output=True, text=True, cwd=ROOT, timeout=timeout, preexec_fn=_cap_address_space,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.splitlines()[-1])


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
