"""dpa-gen benchmark: our commands and their baselines, measured in the same run on this machine.

    /work/venv/bin/python bench/run.py            # full run: ≈10 min on a quiet 2-core machine
    /work/venv/bin/python bench/run.py --quick    # ≈1.5–2.5 min, smoke-level numbers
    /work/venv/bin/python bench/run.py --batch 200 --seq-batch 200   # the issue's literal 200: ≈20 min

The full run's batch is 100 customers (and 60 for ``--jobs 1``) to stay within ≈15 minutes on
a busy machine; the report gives docs/s and the extrapolated time for 200, and ratios per
document, which do not depend on the batch size.

Measures, in one run (see /work/shared/reference/performance-reference.md for the method):

* whole-process commands, **interleaved round-robin** (every round runs every command once,
  in a seeded shuffled order, so drift on this noisy machine hits all of them alike):
  ``python -c pass``, ``dpa-gen --help``/``--version``, cold builds of the big example
  (``-f docx``, ``-f pdf``, both, for ``nl+en`` and ``nl``), ``dpa-gen diff`` of two versions
  of it (``nl+en``), ``dpa-gen check`` of the library plus 100 customers, and the baselines:
  the stock ``weasyprint`` CLI on the very HTML dpa-gen produces, LibreOffice converting our
  DOCX to PDF, pandoc writing a DOCX of the same text;
* warm per-document cost in one long-lived process, split into phases (``bench/inproc.py``);
* batches of generated customers (``bench/corpus.py``) with ``--jobs 2`` and ``--jobs 1``
  against the stock ``weasyprint`` CLI rendering the same HTML two at a time, and
  ``dpa-gen notify`` of a sub-processor change to 50 of them (DOCX only, and PDF+DOCX);
* peak memory of every process, and of each ``--jobs 2`` worker;
* optionally (default in the full run) a cProfile of one warm PDF render.

Prints a Markdown report (medians, min–max, ratios against the baseline of each row, and a
Targets section with PASS/FAIL) and writes it to ``bench/results/<date>-<host>[-quick].md``
with the raw samples in a ``.json`` next to it. Ratios are only meaningful inside one report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import procs
from procs import Sample, Spawner
from report import Run, fmt_s, report

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYTHON = sys.executable
BIG = REPO / "examples" / "emailmarketing-saas.yaml"
RESULTS = REPO / "bench" / "results"


def tool(name: str) -> str:
    """A tool from the venv (dpa-gen, weasyprint) or else from PATH."""
    local = BIN / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"bench: {name} not found (venv {BIN} or PATH)")
    return found


DPA = tool("dpa-gen")
WEASYPRINT = tool("weasyprint")
SOFFICE = tool("soffice")
PANDOC = tool("pandoc")
PDFINFO = shutil.which("pdfinfo")


class BenchError(Exception):
    """A command failed: the numbers of this run would be meaningless."""


# --- small helpers -----------------------------------------------------------------------


def pdf_pages(path: Path) -> int | None:
    """The page count ``pdfinfo`` gives, None without poppler."""
    if PDFINFO is None:
        return None
    result = subprocess.run([PDFINFO, str(path)], capture_output=True, text=True, check=False)
    for line in result.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def describe_output(path: Path) -> str:
    """``32 p, 214 kB`` for a PDF, ``80 kB`` for anything else."""
    size = f"{path.stat().st_size / 1000:.0f} kB"
    if path.suffix == ".pdf":
        pages = pdf_pages(path)
        return f"{pages} p, {size}" if pages else size
    return size


def quiet_run(argv: list[str], what: str) -> subprocess.CompletedProcess[str]:
    """An untimed preparation step that must succeed."""
    result = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, check=False)
    if result.returncode != 0:
        raise BenchError(f"{what} failed (exit {result.returncode}): {' '.join(argv)}\n{result.stderr[-2000:]}")
    return result


# --- whole-process commands (interleaved) ------------------------------------------------------


@dataclass
class Command:
    """One row of the interleaved table.

    ``argv(run_dir)`` builds the command for one run in a fresh empty folder; ``verify(run_dir,
    sample)`` checks it really produced its output (some tools exit 0 on failure) and returns a
    short description of it (pages, size) or raises ``BenchError``.
    """

    key: str
    label: str
    argv: Callable[[Path], list[str]]
    verify: Callable[[Path, Sample], str]
    baseline: str | None = None  # key of the row this one is compared with
    optional: bool = False  # a failure marks the row "not available" instead of stopping the run
    samples: list[Sample] = field(default_factory=list)
    output: str = ""
    unavailable: str | None = None

    def seconds(self) -> list[float]:
        """The wall time of each run."""
        return [s.seconds for s in self.samples]

    def median(self) -> float | None:
        """The median wall time, None before the first run."""
        return statistics.median(self.seconds()) if self.samples else None


def expect_ok(sample: Sample, what: str) -> None:
    """``BenchError`` for a command that exited with an error."""
    if sample.returncode != 0:
        raise BenchError(f"{what}: exit {sample.returncode}\n{sample.stderr[-1500:]}")


def expect_file(path: Path, sample: Sample, what: str) -> str:
    """``BenchError`` unless the command succeeded and wrote ``path``; else a description of ``path``."""
    expect_ok(sample, what)
    if not path.is_file() or path.stat().st_size == 0:
        raise BenchError(f"{what}: exit 0 but no {path.name} was written\n{sample.stdout[-800:]}{sample.stderr[-800:]}")
    return describe_output(path)


@dataclass
class Inputs:
    """Files prepared (untimed) before the rounds."""

    work: Path
    html: dict[str, Path]  # language mode -> the HTML dpa-gen renders for BIG
    docx: dict[str, Path]  # language mode -> the DOCX dpa-gen writes for BIG
    markdown: dict[str, Path]  # language mode -> the same text as pandoc Markdown
    lo_profile: Path  # a LibreOffice profile, created once (the "warm profile" case)
    check_folder: Path  # 100 customer files for ``dpa-gen check``
    words: dict[str, int] = field(default_factory=dict)
    next_version: Path | None = None  # BIG with a sub-processor added and 24-hour breach notice, for ``diff``


def commands(inp: Inputs) -> list[Command]:
    """The rows of the interleaved table: dpa-gen's commands and the tools they are compared with."""
    stem = BIG.stem
    base_url = str(REPO / "templates" / "_base") + "/"

    def dpa_build(lang: str, fmt: str | None) -> Command:
        formats = ["-f", fmt] if fmt else []
        suffixes = [fmt] if fmt else ["docx", "pdf"]
        out_stem = f"{stem}.{lang.replace('+', '-')}"
        what = "both formats" if fmt is None else fmt.upper()

        def verify(d: Path, s: Sample) -> str:
            return ", ".join(
                expect_file(d / f"{out_stem}.{sfx}", s, f"dpa-gen build {lang} {what}") for sfx in suffixes
            )

        return Command(
            key=f"build-{fmt or 'both'}-{lang}",
            label=f"dpa-gen build, cold, -l {lang} → {what}",
            # The command from the issue: a fresh process, --force, a fresh output folder.
            argv=lambda d: [DPA, "build", str(BIG), "-l", lang, *formats, "--force", "-o", str(d)],
            verify=verify,
            baseline={"docx": f"pandoc-{lang}", "pdf": f"lo-{lang}", None: f"lo-{lang}"}[fmt],
        )

    def weasyprint(lang: str) -> Command:
        # The stock CLI with default settings on the very HTML dpa-gen renders; the fonts are
        # referenced relative to templates/_base, hence --base-url. It pays the stock
        # `import weasyprint` (~0.7 s, without dpa-gen's find_library short-circuit) and the
        # full HTML5 user-agent stylesheet: that is what "plain WeasyPrint" costs a user.
        return Command(
            key=f"wp-{lang}",
            label=f"baseline: weasyprint CLI, same HTML ({lang}) → PDF",
            argv=lambda d: [WEASYPRINT, "--base-url", base_url, str(inp.html[lang]), str(d / "out.pdf")],
            verify=lambda d, s: expect_file(d / "out.pdf", s, f"weasyprint {lang}"),
        )

    def libreoffice(lang: str, fresh: bool) -> Command:
        # LibreOffice converting the DOCX dpa-gen wrote. The warm case reuses one profile made
        # before the rounds (what a server doing conversions has, and the faster baseline, so
        # the stricter one for our target); the fresh case makes a new profile every run.
        # soffice exits 0 even when the conversion fails, so the PDF's existence is checked.
        def argv(d: Path) -> list[str]:
            profile = d / "lo-profile" if fresh else inp.lo_profile
            return [
                SOFFICE,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(d),
                str(inp.docx[lang]),
            ]

        pdf_name = inp.docx[lang].with_suffix(".pdf").name
        return Command(
            key=f"lo-{lang}" + ("-fresh" if fresh else ""),
            label=f"baseline: LibreOffice, our DOCX ({lang}) → PDF" + (", fresh profile" if fresh else ""),
            argv=argv,
            verify=lambda d, s: expect_file(d / pdf_name, s, "soffice --convert-to pdf"),
        )

    def pandoc(lang: str) -> Command:
        # pandoc writing a DOCX of the same text (Markdown derived from the Document model by
        # bench/mdtext.py): the cost of "some DOCX of these words" from a fast native tool.
        return Command(
            key=f"pandoc-{lang}",
            label=f"baseline: pandoc, same text ({lang}, {inp.words[lang]:,} words) → DOCX",
            argv=lambda d: [PANDOC, "-f", "markdown", "-t", "docx", "-o", str(d / "out.docx"), str(inp.markdown[lang])],
            verify=lambda d, s: expect_file(d / "out.docx", s, f"pandoc {lang}"),
        )

    def check_verify(d: Path, s: Sample) -> str:
        if s.returncode not in (0, 1):  # 1 = findings: the command works, the files have remarks
            raise BenchError(f"dpa-gen check: exit {s.returncode}\n{s.stderr[-1500:]}")
        lines = (s.stdout.strip() or s.stderr.strip()).splitlines()
        return f"exit {s.returncode}: {lines[-1][:90]}" if lines else f"exit {s.returncode}"

    def ok(what: str) -> Callable[[Path, Sample], str]:
        def verify(_d: Path, s: Sample) -> str:
            expect_ok(s, what)
            return ""

        return verify

    return [
        Command("python", "baseline: python -c pass", lambda d: [PYTHON, "-c", "pass"], ok("python -c pass")),
        Command(
            "import-wp",
            "baseline: python -c 'import weasyprint' (stock)",
            lambda d: [PYTHON, "-c", "import weasyprint"],
            ok("import weasyprint"),
            baseline="python",
        ),
        Command("help", "dpa-gen --help", lambda d: [DPA, "--help"], ok("dpa-gen --help"), baseline="python"),
        Command(
            "build-help",
            "dpa-gen build --help (through typer)",
            lambda d: [DPA, "build", "--help"],
            ok("dpa-gen build --help"),
            baseline="python",
        ),
        Command(
            "version", "dpa-gen --version", lambda d: [DPA, "--version"], ok("dpa-gen --version"), baseline="python"
        ),
        dpa_build("nl+en", "docx"),
        dpa_build("nl", "docx"),
        dpa_build("nl+en", "pdf"),
        dpa_build("nl", "pdf"),
        dpa_build("nl+en", None),
        Command(
            "build-pdfa-nl+en",
            "dpa-gen build, cold, -l nl+en → PDF/A-3b (--pdf-a)",
            lambda d: [DPA, "build", str(BIG), "-l", "nl+en", "-f", "pdf", "--pdf-a", "--force", "-o", str(d)],
            lambda d, s: expect_file(d / f"{stem}.nl-en.pdf", s, "dpa-gen build --pdf-a"),
            baseline="build-pdf-nl+en",
        ),
        Command(
            "verify-nl+en",
            "dpa-gen verify, the nl+en PDF and its customer file",
            # prepare() built this PDF; verify rebuilds it in memory and compares (exit 0: identical).
            lambda d: [DPA, "verify", str(inp.docx["nl+en"].with_suffix(".pdf")), str(BIG)],
            ok("dpa-gen verify"),
            baseline="build-pdf-nl+en",
        ),
        Command(
            "diff-nl+en",
            "dpa-gen diff, two versions of the big example, nl+en → redline DOCX",
            lambda d: [DPA, "diff", str(BIG), str(inp.next_version), "-l", "nl+en", "-o", str(d)],
            lambda d, s: expect_file(d / f"{BIG.stem}-next.nl-en.redline.docx", s, "dpa-gen diff"),
            baseline="build-docx-nl+en",
        ),
        Command(
            "check",
            "dpa-gen check (library + 100 customer files)",
            lambda d: [DPA, "check", str(inp.check_folder)],
            check_verify,
            optional=True,
        ),
        weasyprint("nl+en"),
        weasyprint("nl"),
        libreoffice("nl+en", fresh=False),
        libreoffice("nl+en", fresh=True),
        libreoffice("nl", fresh=False),
        pandoc("nl+en"),
        pandoc("nl"),
    ]


def run_command(spawner: Spawner, cmd: Command, runs_dir: Path, index: int) -> Sample:
    """One run of ``cmd`` in a fresh folder, verified, then the folder is removed (untimed)."""
    folder = runs_dir / f"{cmd.key}-{index}"
    folder.mkdir(parents=True)
    try:
        sample = spawner.run(cmd.argv(folder))
        description = cmd.verify(folder, sample)
        if not cmd.output:
            cmd.output = description
        return sample
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def interleaved(
    spawner: Spawner, cmds: list[Command], rounds: int, warmup: int, rng: random.Random, runs_dir: Path
) -> list[float]:
    """Warm-up runs (discarded; they also prime the page cache), then ``rounds`` shuffled rounds.

    Returns the share of the CPU that other processes used during each timed round.
    """
    for cmd in cmds:  # optional commands are probed once even without warm-up, to know if they work
        if cmd.optional:
            try:
                run_command(spawner, cmd, runs_dir, -1)
            except BenchError as exc:
                cmd.unavailable = str(exc).splitlines()[0]
                log(f"  {cmd.label}: not available ({cmd.unavailable})")
    active = [c for c in cmds if c.unavailable is None]
    other_load = []
    for number in range(-warmup, rounds):
        order = active[:]
        rng.shuffle(order)
        start = time.perf_counter()
        load = procs.OtherLoad()
        samples = [run_command(spawner, cmd, runs_dir, number) for cmd in order]
        other = load.share(sum(s.cpu_s for s in samples))
        if number >= 0:
            other_load.append(other)
            for cmd, sample in zip(order, samples, strict=True):
                cmd.samples.append(sample)
        kind = "warm-up" if number < 0 else f"round {number + 1}/{rounds}"
        log(f"  {kind}: {len(order)} commands in {time.perf_counter() - start:.0f} s (other load {other:.0%})")
    return other_load


# --- batches ----------------------------------------------------------------------------


@dataclass
class Batch:
    """One row of the batch table: many customers in one command, timed as a whole."""

    key: str
    label: str
    docs: int
    samples: list[Sample] = field(default_factory=list)
    other_load: list[float] = field(default_factory=list)  # CPU share other processes used, per run
    pages: int | None = None
    baseline: str | None = None

    def median(self) -> float | None:
        """The median wall time of the batch, None before the first run."""
        return statistics.median(s.seconds for s in self.samples) if self.samples else None


def notify_size(args: argparse.Namespace) -> int:
    """Customers in the ``notify`` rows: 50 (the issue's folder), fewer in a quick run."""
    return min(50, args.batch)


def count_pages(folder: Path) -> int | None:
    """The pages of all PDFs in ``folder``, None when one cannot be counted."""
    pages = [pdf_pages(p) for p in sorted(folder.glob("*.pdf"))]
    return sum(p for p in pages if p) if pages and all(pages) else None


def dpa_batch(spawner: Spawner, batch: Batch, folder: Path, out: Path, jobs: int, formats: list[str]) -> Sample:
    """``dpa-gen build`` over ``folder`` with ``jobs`` workers, checked to write a file per customer and format."""
    argv = [DPA, "build", str(folder), "-o", str(out), "--force", "--jobs", str(jobs)]
    for fmt in formats:
        argv += ["-f", fmt]
    sample = spawner.run(argv, watch=True)
    expect_ok(sample, batch.label)
    for fmt in formats or ["docx", "pdf"]:
        made = len(list(out.glob(f"*.{fmt}")))
        if made != batch.docs:
            raise BenchError(f"{batch.label}: {made} {fmt} files for {batch.docs} customers")
    return sample


NOTIFY_SENT = "2027-01-04"
NOTIFY_CHANGE = """\
# Every customer gets a letter: an addition without `affects` concerns them all.
effective: 2027-06-01
add:
  - {name: Scaleway SAS, service: cloud_hosting, country: FR, city: Paris}
"""


def notify_batch(spawner: Spawner, batch: Batch, folder: Path, change: Path, out: Path, formats: list[str]) -> Sample:
    """``dpa-gen notify`` over ``folder``: one letter per customer (customers run in one process)."""
    argv = [DPA, "notify", str(folder), "-c", str(change), "--sent", NOTIFY_SENT, "-o", str(out), "-q"]
    for fmt in formats:
        argv += ["-f", fmt]
    sample = spawner.run(argv, watch=True)
    expect_ok(sample, batch.label)
    for fmt in formats:
        made = len(list(out.glob(f"*.{fmt}")))
        if made != batch.docs:
            raise BenchError(f"{batch.label}: {made} {fmt} letters for {batch.docs} customers")
    if not (out / "notices.csv").is_file():
        raise BenchError(f"{batch.label}: no notices.csv")
    return sample


def weasyprint_batch(spawner: Spawner, batch: Batch, htmls: list[Path], out: Path, parallel: int) -> Sample:
    """The stock CLI, one process per document, ``parallel`` at a time (what ``xargs -P2`` does).

    Each document pays interpreter start, ``import weasyprint`` and font set-up again: that is
    the honest "plain WeasyPrint" batch a user gets without writing code, and exactly the cost
    dpa-gen's fork-after-import worker pool is designed to avoid.
    """
    base_url = str(REPO / "templates" / "_base") + "/"

    argvs = [[WEASYPRINT, "--base-url", base_url, str(html), str(out / f"{html.stem}.pdf")] for html in htmls]
    seconds, samples = spawner.pool(argvs, parallel)
    for s in samples:
        expect_ok(s, batch.label)
    made = len(list(out.glob("*.pdf")))
    if made != batch.docs:
        raise BenchError(f"{batch.label}: {made} PDFs for {batch.docs} HTML files")
    # One Sample for the whole batch; the per-process peaks go where pool workers' peaks go.
    merged = Sample(seconds, max(s.maxrss_kib for s in samples), 0, cpu_s=sum(s.cpu_s for s in samples))
    merged.workers = {i: {"hwm_kib": s.maxrss_kib, "pss_kib": 0} for i, s in enumerate(samples)}
    return merged


def batches(
    spawner: Spawner,
    args: argparse.Namespace,
    folders: dict[str, Path],
    htmls: list[Path],
    rng: random.Random,
    runs_dir: Path,
) -> list[Batch]:
    """Run every batch row ``--batch-rounds`` times, in a shuffled order per round."""
    n, m = args.batch, args.seq_batch
    k = notify_size(args)
    rows = [
        Batch("jobs2", f"dpa-gen build {n} customers → PDF+DOCX, --jobs 2", n, baseline="wp-p2"),
        Batch("jobs1", f"dpa-gen build {m} customers → PDF+DOCX, --jobs 1", m, baseline="wp-p2"),
        Batch("docx2", f"dpa-gen build {n} customers → DOCX only, --jobs 2", n),
        Batch("wp-p2", f"baseline: weasyprint CLI, the same {n} HTML → PDF, 2 at a time", n),
        Batch("notify-docx", f"dpa-gen notify {k} customers → letter DOCX only (one process)", k),
        Batch("notify-both", f"dpa-gen notify {k} customers → letter PDF+DOCX (one process)", k),
    ]
    runners: dict[str, Callable[[Batch, Path], Sample]] = {
        "jobs2": lambda b, out: dpa_batch(spawner, b, folders["batch"], out, 2, []),
        "jobs1": lambda b, out: dpa_batch(spawner, b, folders["seq"], out, 1, []),
        "docx2": lambda b, out: dpa_batch(spawner, b, folders["batch"], out, 2, ["docx"]),
        "wp-p2": lambda b, out: weasyprint_batch(spawner, b, htmls, out, 2),
        "notify-docx": lambda b, out: notify_batch(spawner, b, folders["notify"], folders["change"], out, ["docx"]),
        "notify-both": lambda b, out: notify_batch(
            spawner, b, folders["notify"], folders["change"], out, ["docx", "pdf"]
        ),
    }
    for number in range(args.batch_rounds):
        order = rows[:]
        rng.shuffle(order)
        for row in order:
            out = runs_dir / f"batch-{row.key}-{number}"
            out.mkdir(parents=True)
            log(f"  batch round {number + 1}/{args.batch_rounds}: {row.label} …")
            load = procs.OtherLoad()
            sample = runners[row.key](row, out)
            row.samples.append(sample)
            row.other_load.append(load.share(sample.cpu_s))
            log(
                f"    {fmt_s(sample.seconds)} ({row.docs / sample.seconds:.2f} docs/s, "
                f"other load {row.other_load[-1]:.0%})"
            )
            if row.pages is None and row.key not in ("docx2", "notify-docx"):
                row.pages = count_pages(out)  # untimed
            shutil.rmtree(out, ignore_errors=True)
    return rows


# --- in-process measurements (bench/inproc.py in a child process) ---------------------------


def inproc(mode: str, extra: list[str]) -> dict[str, Any]:
    """Run ``bench/inproc.py MODE`` on the big example in a child process; its JSON result."""
    argv = [PYTHON, str(REPO / "bench" / "inproc.py"), mode, str(BIG), "--lang", "nl+en", *extra]
    result = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, check=False)
    if result.returncode != 0:
        raise BenchError(f"bench/inproc.py {mode} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


# --- environment -------------------------------------------------------------------------


def environment() -> dict[str, Any]:
    """The machine and the versions of everything measured, for the report's header."""
    info = _weasyprint_info()
    git, dirty = _git_state()
    import ctypes.util

    return {
        "host": socket.gethostname(),
        "cpu": f"{os.cpu_count()} × {_cpu_model()}",
        "ram": f"{procs.read_kib(Path('/proc/meminfo'), 'MemTotal') / 1024 / 1024:.1f} GiB",
        "os": f"{_os_name()}, kernel {platform.release()}",
        "python": platform.python_version(),
        "dpa-gen": f"{_version('dpa-gen')} (git {git or '?'}{', uncommitted changes' if dirty else ''})",
        "weasyprint": info.get("WeasyPrint version", _version("weasyprint")),
        "pydyf": info.get("Pydyf version", _version("pydyf")),
        "pango": _pango(info.get("Pango version", "")) or "–",
        "harfbuzz-subset": "present" if ctypes.util.find_library("harfbuzz-subset") else "missing (fontTools fallback)",
        "python-docx": _version("python-docx"),
        "typer": _version("typer"),
        "pydantic": _version("pydantic"),
        "jinja2": _version("jinja2"),
        "fonttools": _version("fonttools"),
        "libreoffice": _first_line([SOFFICE, "--version"]),
        "pandoc": _first_line([PANDOC, "--version"]),
    }


def _version(dist: str) -> str:
    """The installed version of a distribution, ``–`` when it is not installed."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "–"


def _first_line(argv: list[str]) -> str:
    """The first line a command prints (a ``--version``), ``–`` when it cannot run."""
    try:
        out = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)
        return (out.stdout.strip() or out.stderr.strip()).splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "–"


def _weasyprint_info() -> dict[str, str]:
    """``weasyprint --info`` as key → value."""
    info: dict[str, str] = {}
    wp_info = subprocess.run([WEASYPRINT, "--info"], capture_output=True, text=True, check=False).stdout
    for line in wp_info.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            info[key.strip()] = value.strip()
    return info


def _pango(version: str) -> str:
    """WeasyPrint's Pango version number as a dotted version: 15012 → 1.50.12."""
    if version.isdigit():
        number = int(version)
        return f"{number // 10000}.{number // 100 % 100}.{number % 100}"
    return version


def _cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, ``–`` where there is none."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    for line in cpuinfo.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "–"


def _os_name() -> str:
    """The distribution's name from /etc/os-release, ``–`` where there is none."""
    if Path("/etc/os-release").exists():
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    return "–"


def _git_state() -> tuple[str, bool]:
    """The checkout's short commit and whether tracked files have uncommitted changes."""
    git = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return git, bool(dirty)


# --- main ----------------------------------------------------------------------------------


def log(message: str) -> None:
    """Progress on stderr (stdout stays free)."""
    print(message, file=sys.stderr, flush=True)


def prepare(work: Path, args: argparse.Namespace) -> tuple[Inputs, dict[str, Path], list[Path]]:
    """Everything the timed parts read, made untimed: customer files, HTML, DOCX, Markdown, LO profile."""
    import mdtext
    import yaml

    from dpa_gen.engine import compose, load_customer
    from dpa_gen.library import load_library
    from dpa_gen.models.base import LanguageMode
    from dpa_gen.paths import clauses_dir

    # Customer files: one pool, and folders holding its first N / M / 100 files.
    count = max(args.batch, args.seq_batch, 100)
    files = corpus.generate(work / "corpus", count, seed=args.seed)
    problems = corpus.validate(files)
    if problems:
        raise BenchError("generated customer files do not validate:\n" + "\n".join(problems[:5]))
    folders = {}
    for name, size in (("batch", args.batch), ("seq", args.seq_batch), ("check", 100), ("notify", notify_size(args))):
        folder = work / f"customers-{name}"
        folder.mkdir()
        for path, _stem, _lang in files[:size]:
            shutil.copy2(path, folder / path.name)
        folders[name] = folder
    folders["change"] = work / "change.yaml"
    folders["change"].write_text(NOTIFY_CHANGE, encoding="utf-8")
    log(f"  {count} customer files generated and validated")

    # The big example's HTML and DOCX as dpa-gen writes them, and its text as Markdown.
    prep = work / "prep"
    inputs = Inputs(work, {}, {}, {}, work / "lo-profile", folders["check"])
    library = load_library(clauses_dir())
    for lang in ("nl+en", "nl"):
        quiet_run(
            [DPA, "build", str(BIG), "-l", lang, "-f", "html", "-f", "docx", "-f", "pdf", "--force", "-o", str(prep)],
            "preparing HTML and DOCX",
        )
        out_stem = f"{BIG.stem}.{lang.replace('+', '-')}"
        inputs.html[lang] = prep / f"{out_stem}.html"
        inputs.docx[lang] = prep / f"{out_stem}.docx"
        document = compose(
            load_customer(BIG, library, LanguageMode(lang)).customer, library, LanguageMode(lang)
        ).document
        inputs.markdown[lang] = prep / f"{out_stem}.md"
        inputs.markdown[lang].write_text(mdtext.markdown(document), encoding="utf-8")
        inputs.words[lang] = mdtext.word_count(document)

    # The next version of the big example, for ``dpa-gen diff``.
    data = yaml.safe_load(BIG.read_text(encoding="utf-8"))
    data["breach"]["notice_hours"] = 24
    data["subprocessors"]["list"].append(
        {"name": "Mollie B.V.", "service": "payment", "country": "NL", "city": "Amsterdam"}
    )
    inputs.next_version = prep / f"{BIG.stem}-next.yaml"
    inputs.next_version.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    # One LibreOffice conversion to create the reused ("warm") profile.
    scratch = work / "lo-init"
    quiet_run(
        [
            SOFFICE,
            f"-env:UserInstallation={inputs.lo_profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(scratch),
            str(inputs.docx["nl+en"]),
        ],
        "creating the LibreOffice profile",
    )
    shutil.rmtree(scratch, ignore_errors=True)

    # The batch as HTML, for the plain-WeasyPrint batch baseline.
    html_out = work / "batch-html"
    quiet_run(
        [DPA, "build", str(folders["batch"]), "-f", "html", "-o", str(html_out), "--force", "-q"],
        "rendering the batch to HTML",
    )
    htmls = sorted(html_out.glob("*.html"))
    if len(htmls) != args.batch:
        raise BenchError(f"expected {args.batch} HTML files, got {len(htmls)}")
    log("  HTML, DOCX, Markdown and the LibreOffice profile prepared")
    return inputs, folders, htmls


def main() -> int:
    """Prepare, measure, and write the report and its data; 1 when a command failed."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small run (≈1.5–2.5 min): 2 rounds, no warm-up, batch of 4, 3 warm documents, no profile",
    )
    parser.add_argument("--rounds", type=int, help="interleaved rounds of the whole-process commands (full: 5)")
    parser.add_argument("--warmup", type=int, help="discarded warm-up rounds before them (full: 1, quick: 0)")
    parser.add_argument("--batch", type=int, help="customers in the --jobs 2 and baseline batches (full: 100)")
    parser.add_argument(
        "--seq-batch", type=int, help="customers in the --jobs 1 batch (full: 60; a prefix of the batch)"
    )
    parser.add_argument("--batch-rounds", type=int, default=1, help="rounds of the batch runs (default 1)")
    parser.add_argument("--warm", type=int, help="documents built in the warm in-process run (full: 6)")
    parser.add_argument(
        "--profile",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="cProfile one warm PDF render (default: on in the full run)",
    )
    parser.add_argument("--seed", type=int, default=20261122, help="seed of the customer files and the run order")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the .md and .json results")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    args = parser.parse_args()
    defaults = (
        {"rounds": 2, "warmup": 0, "batch": 4, "seq_batch": 4, "warm": 3, "profile": False}
        if args.quick
        else {"rounds": 5, "warmup": 1, "batch": 100, "seq_batch": 60, "warm": 6, "profile": True}
    )
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    args.seq_batch = min(args.seq_batch, args.batch)
    if args.rounds < 1 or args.batch < 2 or args.warm < 2:
        parser.error("need --rounds ≥ 1, --batch ≥ 2 and --warm ≥ 2")

    started = time.perf_counter()
    whole_run = procs.OtherLoad()
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="dpa-gen-bench-"))
    log(f"dpa-gen benchmark ({'quick' if args.quick else 'full'} run), work folder {work}")
    spawner = Spawner(work / "spawner", cwd=REPO)
    try:
        env = environment()
        log("preparing inputs …")
        inputs, folders, htmls = prepare(work, args)
        cmds = commands(inputs)
        log(f"whole-process commands: {len(cmds)} × ({args.warmup} warm-up + {args.rounds} rounds) …")
        round_load = interleaved(spawner, cmds, args.rounds, args.warmup, rng, work / "runs")
        log("batches …")
        rows = batches(spawner, args, folders, htmls, rng, work / "runs")
        log(f"warm in-process run ({args.warm} documents) …")
        warm = inproc("warm", ["-n", str(args.warm), "--out", str(work / "warm-out")])
        prof = None
        if args.profile:
            log("cProfile of one warm PDF render …")
            prof = inproc("profile", [])
    except BenchError as exc:
        log(f"bench: {exc}")
        return 1
    finally:
        spawner.close()  # before the CPU accounting below: its children's CPU reaches us when it is reaped
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    ours = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    other_load = whole_run.share(ours.ru_utime + ours.ru_stime + kids.ru_utime + kids.ru_stime)
    now = dt.datetime.now()
    total_s = time.perf_counter() - started
    meta: dict[str, Any] = {
        "date": now.date().isoformat(),
        "finished": now.isoformat(timespec="seconds"),
        "total_s": total_s,
        "load_before": load_before,
        "load_after": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "other_load": other_load,
        "round_other_load": round_load,
        "argv": ["bench/run.py", *sys.argv[1:]],
        "input": str(BIG.relative_to(REPO)),
    }
    text, data = report(Run(args, env, meta, cmds, rows, warm, prof))
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    name = f"{meta['date']}-{env['host']}{'-quick' if args.quick else ''}"
    for suffix, content in ((".md", text), (".json", json.dumps(data, indent=1, ensure_ascii=False) + "\n")):
        target = args.out / (name + suffix)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_text(content, encoding="utf-8")
        temporary.replace(target)
    log(f"wrote {args.out / name}.md and .json in {fmt_s(total_s)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
