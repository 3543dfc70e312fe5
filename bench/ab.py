"""Compare this checkout with an earlier revision, interleaved, on the same machine at the same time.

``bench/run.py`` gives ratios against outside tools within one run; seconds from runs on
different days do not compare (a shared VM can be twice as slow one day as another). To say
whether a change made dpa-gen slower, run both versions alternately instead::

    python bench/ab.py b077818            # the revision of bench/results/2026-12-01-vm.md
    python bench/ab.py b077818 --rounds 7

Each version runs from its own folder with ``python -m dpa_gen.cli`` (the old one from a
temporary ``git worktree``), on its own copy of the six base examples, so both build the same
customers in the file format of their time. The contracts differ where the library grew, so
a ratio above 1 can be more text rather than slower code: the table shows the output sizes.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import BASES  # the six examples the benchmark's corpus is made from

REPO = Path(__file__).resolve().parent.parent
BIG = "examples/emailmarketing-saas.yaml"

Command = Callable[[Path], list[str]]  # output folder -> argv

COMMANDS: dict[str, Command] = {
    "cold build nl+en → DOCX": lambda out: ["build", BIG, "-f", "docx", "-o", str(out), "--force", "-q"],
    "cold build nl+en → PDF": lambda out: ["build", BIG, "-f", "pdf", "-o", str(out), "--force", "-q"],
    "check library + 6 examples": lambda out: ["check", *(f"examples/{b}.yaml" for b in BASES)],
    "6 examples → DOCX, --jobs 2": lambda out: [
        "build",
        *(f"examples/{b}.yaml" for b in BASES),
        "-f",
        "docx",
        "--jobs",
        "2",
        "-o",
        str(out),
        "--force",
        "-q",
    ],
}


def run(root: Path, argv: list[str]) -> float:
    """Wall time of ``python -m dpa_gen.cli ARGV`` in ``root``; a failure stops the comparison."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dpa_gen.cli", *argv], cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{root}: dpa-gen {' '.join(argv)} exited {done.returncode}:\n{done.stderr}")
    return elapsed


def size(folder: Path) -> int:
    """Bytes written into ``folder`` (DOCX and PDF only)."""
    return sum(p.stat().st_size for p in folder.glob("*") if p.suffix in (".docx", ".pdf"))


def main() -> None:
    """Run both versions of every command alternately and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the earlier git revision")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261203)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="dpa-gen-ab-") as tmp:
        work = Path(tmp)
        old_root = work / "old"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old_root), args.old], cwd=REPO, check=True)
        try:
            roots = {"old": old_root, "new": REPO}
            times: dict[tuple[str, str], list[float]] = {(c, v): [] for c in COMMANDS for v in roots}
            for round_no in range(args.rounds + 1):  # round 0 warms the page cache and is dropped
                order = [(c, v) for c in COMMANDS for v in roots]
                rng.shuffle(order)
                for name, version in order:
                    out = work / "out" / version / re.sub(r"\W+", "-", name).strip("-")
                    out.mkdir(parents=True, exist_ok=True)
                    elapsed = run(roots[version], COMMANDS[name](out))
                    if round_no:
                        times[(name, version)].append(elapsed)
                print(f"round {round_no}/{args.rounds} done", file=sys.stderr)
            print(f"| command ({args.rounds} rounds, interleaved) | {args.old} | this checkout | ratio |")
            print("|---|---:|---:|---:|")
            for name in COMMANDS:
                old, new = (statistics.median(times[(name, v)]) for v in ("old", "new"))
                print(f"| {name} | {old:.2f} s | {new:.2f} s | {new / old:.2f}× |")
            for version in roots:
                built = work / "out" / version
                print(
                    f"output of {version}: "
                    + ", ".join(f"{d.name} {size(d) // 1024} kB" for d in sorted(built.iterdir()))
                )
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old_root)], cwd=REPO, check=False)


if __name__ == "__main__":
    main()
