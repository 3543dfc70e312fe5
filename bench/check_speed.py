"""Time ``dpa-gen check`` on the shipped library plus 100 customer files, as CI runs it.

The customer files are varied copies of ``examples/*.yaml`` (and the test fixture's
customer when no examples exist): other names, every output language, breach notices of 24
to 48 hours, general and specific authorisation, with and without sub-processors, on-site
audits on and off. Each run is a whole process (``python -m dpa_gen check DIR``), so start-up
and imports count; the median of several runs is printed.

    python bench/check_speed.py [--files 100] [--runs 5] [--clauses clauses]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent


def sources() -> list[Path]:
    """The customer files the generated ones are varied from."""
    found = sorted((REPO / "examples").glob("*.yaml"))
    return found or [REPO / "tests" / "fixtures" / "customer.yaml"]


def vary(data: dict[str, Any], index: int) -> dict[str, Any]:
    """A copy of one customer file's data, changed a little by ``index``."""
    data = yaml.safe_load(yaml.safe_dump(data))  # a deep copy of plain data
    data["controller"]["name"] = f"{data['controller']['name']} {index:03d}"
    contract = data["contract"]
    contract["language"] = ("nl", "en", "nl+en")[index % 3]
    contract["prevailing_language"] = ("nl", "en")[index % 2]
    data.setdefault("breach", {})["notice_hours"] = str((24, 36, 48)[index % 3])
    subprocessors = data.setdefault("subprocessors", {})
    subprocessors["authorisation"] = ("general", "specific")[index // 2 % 2]
    if index % 5 == 0:
        subprocessors.pop("list", None)  # a customer without sub-processors
    data.setdefault("audit", {})["onsite"] = ("true", "false")[index // 3 % 2]
    return data


def generate(folder: Path, count: int) -> list[Path]:
    """Write ``count`` varied customer files into ``folder``."""
    bases = []
    for path in sources():
        with path.open(encoding="utf-8") as handle:
            # BaseLoader builds only strings, lists and dicts: every scalar stays a string.
            bases.append(yaml.load(handle, Loader=yaml.BaseLoader))  # noqa: S506
    written = []
    for index in range(count):
        path = folder / f"customer-{index:03d}.yaml"
        data = vary(bases[index % len(bases)], index)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        written.append(path)
    return written


def run(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """One whole ``dpa-gen check`` process: seconds and its result."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "dpa_gen", "check", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    return time.perf_counter() - start, result


def main() -> int:
    """Generate, time, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clauses", type=Path, default=REPO / "clauses")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dpa-gen-bench-") as tmp:
        folder = Path(tmp)
        generate(folder, options.files)
        library = ["--clauses", str(options.clauses)]
        timings: dict[str, list[float]] = {
            "library only": [],
            f"library + {options.files} customer files": [],
        }
        last = None
        for _ in range(options.runs):
            seconds, _result = run(library)
            timings["library only"].append(seconds)
            seconds, last = run([*library, str(folder)])
            timings[f"library + {options.files} customer files"].append(seconds)
        startup, _ = run(["--help"])
    assert last is not None
    summary = last.stdout.strip().splitlines()[-1] if last.stdout.strip() else last.stderr.strip()
    cpus = os.cpu_count()
    print(
        f"dpa-gen check, median of {options.runs} runs (whole process, Python {sys.version.split()[0]}, {cpus} cpus):"
    )
    for name, values in timings.items():
        print(f"  {name:<32} {statistics.median(values):6.2f} s   (min {min(values):.2f} s)")
    print(f"  {'start-up (dpa-gen check --help)':<32} {startup:6.2f} s")
    print(f"  last run: exit {last.returncode}; {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
