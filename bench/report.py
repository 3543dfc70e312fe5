"""The Markdown report and the JSON data of a benchmark run (see run.py): tables, ratios, targets."""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from run import Batch, Command

MB = 1_000_000
WARM_BUILD = "build (DOCX+PDF, incl. load and writes)"


def fmt_s(seconds: float | None) -> str:
    """Seconds as a reader takes them in: ``85 ms``, ``2.31 s``, ``123 s``; ``–`` for none."""
    if seconds is None:
        return "–"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def fmt_range(values: list[float]) -> str:
    """The fastest and slowest of ``values``: ``1.92 s–2.10 s``."""
    return f"{fmt_s(min(values))}–{fmt_s(max(values))}" if values else "–"


def fmt_mib(kib: float | None) -> str:
    """KiB as whole MiB; ``–`` for none or zero."""
    return "–" if not kib else f"{kib / 1024:.0f} MiB"


def _load(share: float) -> str:
    """A CPU share of other processes; jiffy accounting makes ±1 % noise, shown as ≈0%."""
    return "≈0%" if abs(share) < 0.01 else f"{share:.0%}"


def ratio(value: float | None, base: float | None) -> float | None:
    """``value / base``, None when either is missing (or ``base`` is 0)."""
    return value / base if value is not None and base else None


def fmt_ratio(value: float | None) -> str:
    """A ratio as ``1.35×``; ``–`` for none."""
    return "–" if value is None else f"{value:.2f}×"


@dataclass
class Run:
    """Everything a report is made from."""

    args: argparse.Namespace
    env: dict[str, Any]
    meta: dict[str, Any]
    cmds: list[Command]
    batches: list[Batch]
    warm: dict[str, Any] | None
    profile: dict[str, Any] | None

    def cmd(self, key: str) -> Command | None:
        """The whole-process row ``key``, None when it did not run."""
        return next((c for c in self.cmds if c.key == key and c.unavailable is None), None)

    def med(self, key: str) -> float | None:
        """Median seconds of a whole-process row, None when it did not run."""
        found = self.cmd(key)
        return found.median() if found else None

    def batch(self, key: str) -> Batch:
        """The batch row ``key``."""
        return next(b for b in self.batches if b.key == key)


def _header(run: Run, add: Callable[[str], None]) -> None:
    meta, env = run.meta, run.env
    add(f"# dpa-gen benchmark — {meta['date']} on {env['host']} ({'quick' if run.args.quick else 'full'} run)")
    add("")
    add(
        f"{env['cpu']}, {env['ram']} RAM; {env['os']}. Total run time {fmt_s(meta['total_s'])}. "
        f"Load average {meta['load_before']} at the start, {meta['load_after']} at the end. Other processes "
        f"used {_load(meta['other_load'])} of the machine's CPU time during the run (per round of the table "
        f"below: {', '.join(_load(x) for x in meta['round_other_load'])}); a noise indicator, the benchmark's "
        "own processes are not counted."
    )
    add("")
    add(
        "All times are whole-process wall times (`time.perf_counter` around spawn … `wait4`) unless noted; "
        "medians with min–max. A ratio is a row's median divided by the median of its baseline, measured in "
        "the same run; ratios from different runs do not compare."
    )
    add("")


def _commands(run: Run, add: Callable[[str], None]) -> None:
    args = run.args
    add(f"## Whole-process commands (interleaved: {args.rounds} rounds in shuffled order, {args.warmup} warm-up)")
    add("")
    add(
        f"Input: `{run.meta['input']}`. Cold = a new process with `--force` into an empty folder (the page cache "
        "is warm). Peak RSS is the process's `ru_maxrss`, including anything it reaped (`soffice.bin`)."
    )
    add("")
    add("| command | median | min–max | runs | peak RSS | output | vs | ratio |")
    add("|---|---:|---:|---:|---:|---|---|---:|")
    by_key = {c.key: c for c in run.cmds}
    for c in run.cmds:
        if c.unavailable:
            add(f"| {c.label} | not available | | 0 | | {c.unavailable[:80].replace('|', '/')} | | |")
            continue
        base = by_key.get(c.baseline) if c.baseline else None
        rss = statistics.median(s.maxrss_kib for s in c.samples) if c.samples else None
        vs = base.label.removeprefix("baseline: ") if base else ("baseline" if c.label.startswith("baseline") else "–")
        add(
            f"| {c.label} | **{fmt_s(c.median())}** | {fmt_range(c.seconds())} | {len(c.samples)} | {fmt_mib(rss)} "
            f"| {c.output.replace('|', '/')} | {vs} | {fmt_ratio(ratio(c.median(), base.median()) if base else None)} |"
        )
    add("")


def _worker_peak(b: Batch) -> int:
    """Peak RSS per worker: polled per child for pools, the process itself for ``--jobs 1``."""
    workers = [w["hwm_kib"] for s in b.samples for w in s.workers.values()]
    if workers and b.key != "jobs1":
        return max(workers)
    return max((s.maxrss_kib for s in b.samples), default=0)


def _batches(run: Run, add: Callable[[str], None]) -> None:
    args = run.args
    add(
        f"## Batch ({args.batch} generated customers; `--jobs 1` on the first {args.seq_batch}; "
        f"{args.batch_rounds} round(s) in shuffled order)"
    )
    add("")
    add(
        "Customer files are varied from `examples/*.yaml` with a fixed seed (names, KvK numbers, dates, a subset "
        "of the sub-processors). Languages are 60 % nl+en, 25 % nl and 15 % en, exact in every block of 20 files, "
        "and the examples cycle every 6 files, so the first 60 files have the make-up of the whole batch. "
        "The baseline renders `dpa-gen build -f html` of the same files (made untimed) with the stock CLI, "
        "one process per file, two at a time."
    )
    add("")
    add(
        "| run | docs | wall (median) | min–max | docs/s | s/doc | time for 200 | PDF pages | peak RSS per worker "
        "| other load | vs | ratio per doc |"
    )
    add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for b in run.batches:
        wall = b.median()
        if wall is None:
            continue
        per_doc = wall / b.docs
        base = run.batch(b.baseline) if b.baseline else None
        base_wall = base.median() if base else None
        base_per_doc = base_wall / base.docs if base and base_wall else None
        vs = base.label.removeprefix("baseline: ").split(",")[0] if base else "baseline"
        pages = f"{b.pages} ({b.pages / b.docs:.1f}/doc)" if b.pages else "–"
        add(
            f"| {b.label} | {b.docs} | **{fmt_s(wall)}** | {fmt_range([s.seconds for s in b.samples])} "
            f"| {b.docs / wall:.2f} | {fmt_s(per_doc)} | {'' if b.docs == 200 else '≈'}{fmt_s(per_doc * 200)} "
            f"| {pages} | {fmt_mib(_worker_peak(b))} | {', '.join(_load(x) for x in b.other_load)} | {vs} "
            f"| {fmt_ratio(ratio(per_doc, base_per_doc))} |"
        )
    add("")
    add(
        "Ratios here compare time per document, so batches of different sizes compare; “time for 200” is "
        "measured when docs = 200 and extrapolated (≈) from the throughput otherwise. “Other load” is the share "
        "of the machine's CPU that other processes took during that run: above a few % the row is disturbed."
    )
    add("")


def _memory(run: Run, add: Callable[[str], None]) -> None:
    add("## Peak memory")
    add("")
    add("| process | peak RSS | notes |")
    add("|---|---:|---|")
    jobs2, jobs1, wp = run.batch("jobs2"), run.batch("jobs1"), run.batch("wp-p2")
    for s in jobs2.samples[:1]:
        for number, (pid, w) in enumerate(sorted(s.workers.items()), 1):
            add(
                f"| `--jobs 2` worker {number} (pid {pid}) | {fmt_mib(w['hwm_kib'])} | VmHWM; PSS peak "
                f"{fmt_mib(w['pss_kib'])} (pages shared copy-on-write with the parent are split between them) |"
            )
        add(
            f"| `--jobs 2` parent | {fmt_mib(s.parent_hwm_kib)} | VmHWM; loads the library, imports WeasyPrint, forks |"
        )
    for s in jobs1.samples[:1]:
        add(f"| `--jobs 1`, one process building {jobs1.docs} customers | {fmt_mib(s.maxrss_kib)} | ru_maxrss |")
    cold = run.cmd("build-pdf-nl+en")
    if cold and cold.samples:
        rss = statistics.median(s.maxrss_kib for s in cold.samples)
        add(f"| cold `dpa-gen build -f pdf`, nl+en | {fmt_mib(rss)} | median of {len(cold.samples)} runs |")
    wp_rss = [w["hwm_kib"] for s in wp.samples for w in s.workers.values()]
    if wp_rss:
        add(
            f"| `weasyprint` CLI, one document (batch) | {fmt_mib(max(wp_rss))} "
            f"| max; median {fmt_mib(statistics.median(wp_rss))} |"
        )
    if run.warm:
        rss = run.warm["rss_kib"]
        add(
            f"| warm in-process worker, after document 1 / {len(rss)} | {fmt_mib(rss[0])} / {fmt_mib(rss[-1])} "
            "| VmRSS; equal means no growth per document |"
        )
    add("")


def _warm(run: Run, add: Callable[[str], None]) -> None:
    warm = run.warm
    if not warm:
        return
    add(f"## Warm per-document cost (one process builds the input, nl+en, {run.args.warm} times)")
    add("")
    sizes = warm["sizes"]
    add(
        f"Imports of dpa-gen, python-docx and WeasyPrint in that process: {fmt_s(warm['imports_s'])}. "
        f"Sizes: HTML {sizes['html'] / 1000:.0f} kB, DOCX {sizes['docx'] / 1000:.0f} kB, "
        f"PDF {sizes['pdf'] / 1000:.0f} kB."
    )
    add("")
    add("| phase | document 1 | median of documents 2..N | min–max | n |")
    add("|---|---:|---:|---:|---:|")
    for name, values in warm["phases"].items():
        rest = values[1:]
        add(
            f"| {name} | {fmt_s(values[0])} | **{fmt_s(statistics.median(rest)) if rest else '–'}** "
            f"| {fmt_range(rest)} | {len(rest)} |"
        )
    add("")
    add(
        "The phase rows redo the `build` row's work through the public functions (`load_customer`, `compose`, "
        '`render_html`, `renderer("docx")`, `renderer("pdf")`), timed one by one; the PDF phase renders the '
        "HTML again, as the writer does."
    )
    add("")


def _targets(run: Run, add: Callable[[str], None]) -> list[dict[str, Any]]:
    targets: list[dict[str, Any]] = []

    def target(name: str, measured: str, value: float | None, limit: float, unit: str) -> None:
        result = "n/a" if value is None else ("PASS" if value <= limit else "FAIL")
        shown = "not available" if value is None else f"{value:.2f}{'×' if unit == '×' else ' ' + unit}"
        bound = f"≤ {limit:g}×" if unit == "×" else f"≤ {limit:g} {unit}"
        targets.append(
            {"target": name, "measured": measured, "value": value, "limit": limit, "unit": unit, "result": result}
        )
        add(f"| {name} | {measured} | {shown} | {bound} | **{result}** |")

    med = run.med
    jobs2, jobs1, wp = run.batch("jobs2"), run.batch("jobs1"), run.batch("wp-p2")
    add("## Targets")
    add("")
    add("| target | measured | value | limit | result |")
    add("|---|---|---:|---:|---|")
    target(
        "cold DOCX build ≤ 0.9× pandoc",
        f"{fmt_s(med('build-docx-nl+en'))} vs {fmt_s(med('pandoc-nl+en'))} (nl+en)",
        ratio(med("build-docx-nl+en"), med("pandoc-nl+en")),
        0.9,
        "×",
    )
    target(
        "cold PDF build ≤ 1.0× LibreOffice converting our DOCX",
        f"{fmt_s(med('build-pdf-nl+en'))} vs {fmt_s(med('lo-nl+en'))} (nl+en, LibreOffice with its profile made)",
        ratio(med("build-pdf-nl+en"), med("lo-nl+en")),
        1.0,
        "×",
    )
    target(
        f"{jobs2.docs} customers on 2 cores ≤ 0.5× the plain-WeasyPrint batch",
        f"{fmt_s(jobs2.median())} (PDF+DOCX, `--jobs 2`) vs {fmt_s(wp.median())} (`weasyprint` CLI, 2 at a time)",
        ratio(jobs2.median(), wp.median()),
        0.5,
        "×",
    )
    target(
        "`dpa-gen --help` ≤ 5× `python -c pass`",
        f"{fmt_s(med('help'))} vs {fmt_s(med('python'))}",
        ratio(med("help"), med("python")),
        5,
        "×",
    )
    check = med("check")
    target("`dpa-gen check` of the library + 100 customers ≤ 1 s", fmt_s(check) if check else "–", check, 1.0, "s")
    peaks = [w["hwm_kib"] for s in jobs2.samples for w in s.workers.values()]
    peaks += [s.maxrss_kib for s in jobs1.samples]
    target(
        "peak memory ≤ 250 MB per worker",
        "highest VmHWM of the `--jobs 2` workers and the `--jobs 1` process",
        max(peaks) * 1024 / MB if peaks else None,
        250,
        "MB",
    )
    add("")
    return targets


def _comparisons(run: Run, add: Callable[[str], None]) -> None:
    med = run.med
    add("## Other comparisons (same run)")
    add("")
    for text, a, b in (
        ("cold PDF build nl+en vs the stock weasyprint CLI on the same HTML", med("build-pdf-nl+en"), med("wp-nl+en")),
        ("cold PDF build nl vs the stock weasyprint CLI on the same HTML", med("build-pdf-nl"), med("wp-nl")),
        ("cold build of both formats vs PDF only (nl+en)", med("build-both-nl+en"), med("build-pdf-nl+en")),
        ("cold DOCX build nl vs pandoc (nl text)", med("build-docx-nl"), med("pandoc-nl")),
        ("cold PDF build nl vs LibreOffice (nl DOCX)", med("build-pdf-nl"), med("lo-nl")),
        ("LibreOffice with a fresh profile vs with its profile made (nl+en)", med("lo-nl+en-fresh"), med("lo-nl+en")),
        ("stock `import weasyprint` vs cold PDF build nl+en", med("import-wp"), med("build-pdf-nl+en")),
    ):
        add(f"- {text}: {fmt_ratio(ratio(a, b))} ({fmt_s(a)} vs {fmt_s(b)})")
    jobs2, jobs1 = run.batch("jobs2"), run.batch("jobs1")
    wall2, wall1 = jobs2.median(), jobs1.median()
    if wall2 and wall1:
        add(
            f"- batch throughput `--jobs 2` vs `--jobs 1`: {(wall1 / jobs1.docs) / (wall2 / jobs2.docs):.2f}× "
            f"({jobs2.docs / wall2:.2f} vs {jobs1.docs / wall1:.2f} docs/s)"
        )
    both = med("build-both-nl+en")
    if run.warm and both:
        marginal = statistics.median(run.warm["phases"][WARM_BUILD][1:] or [0.0])
        add(
            "- warm marginal document vs cold CLI build (both formats, nl+en): "
            f"{fmt_ratio(ratio(marginal, both))} ({fmt_s(marginal)} vs {fmt_s(both)})"
        )
    add("")


def _profile(run: Run, add: Callable[[str], None]) -> None:
    prof = run.profile
    if not prof:
        return
    add('## Where a warm PDF render spends its time (cProfile of one `renderer("pdf")`, nl+en)')
    add("")
    add(
        f"Unprofiled warm render {fmt_s(prof['warm_unprofiled_s'])}; profiled {fmt_s(prof['profiled_s'])} "
        "(cProfile slows Python code down, so read the shares). Shares are inclusive; indented rows are part "
        "of the row above them and may overlap one another."
    )
    add("")
    add("| phase | inclusive time (profiled) | share |")
    add("|---|---:|---:|")
    for label, seconds, share in prof["phases"]:
        shown = "&nbsp;&nbsp;" + label.strip() if label.startswith("  ") else label
        add(f"| {shown} | {fmt_s(seconds)} | {share:.1%} |")
    add("")
    add("| function, by self time | self time | share | calls |")
    add("|---|---:|---:|---:|")
    for name, seconds, share, calls in prof["top_self"][:10]:
        add(f"| `{name}` | {fmt_s(seconds)} | {share:.1%} | {calls:,} |")
    add("")


def _environment(run: Run, add: Callable[[str], None]) -> None:
    add("## Environment")
    add("")
    for key, value in run.env.items():
        add(f"- {key}: {value}")
    add(f"- command: `{' '.join(run.meta['argv'])}` (seed {run.args.seed})")
    add("")
    add(
        "Method: every process is started by a small spawner that imports only built-in modules, so the "
        "kernel's carried-over peak RSS is the spawner's ≈8 MiB, not the benchmark driver's. LibreOffice's "
        "main baseline reuses one profile made before the rounds (the faster, stricter case); pandoc gets "
        "Markdown of the same words (side-by-side rows written one after the other, so it lays out less); "
        "the weasyprint CLI runs with default settings (stock import and user-agent stylesheet)."
    )
    add("")


def report(run: Run) -> tuple[str, dict[str, Any]]:
    """The Markdown text and the JSON-ready data of ``run``."""
    lines: list[str] = []
    add = lines.append
    _header(run, add)
    _commands(run, add)
    _batches(run, add)
    _memory(run, add)
    _warm(run, add)
    targets = _targets(run, add)
    _comparisons(run, add)
    _profile(run, add)
    _environment(run, add)
    data = {
        "meta": run.meta,
        "environment": run.env,
        "options": {k: v if isinstance(v, int | float | str | None) else str(v) for k, v in vars(run.args).items()},
        "commands": [
            {
                "key": c.key,
                "label": c.label,
                "baseline": c.baseline,
                "unavailable": c.unavailable,
                "output": c.output,
                "median_s": c.median(),
                "seconds": c.seconds(),
                "maxrss_kib": [s.maxrss_kib for s in c.samples],
                "cpu_s": [s.cpu_s for s in c.samples],
            }
            for c in run.cmds
        ],
        "batches": [
            {
                "key": b.key,
                "label": b.label,
                "docs": b.docs,
                "pdf_pages": b.pages,
                "baseline": b.baseline,
                "seconds": [s.seconds for s in b.samples],
                "maxrss_kib": [s.maxrss_kib for s in b.samples],
                "workers": [list(s.workers.values()) for s in b.samples],
                "parent_hwm_kib": [s.parent_hwm_kib for s in b.samples],
                "cpu_s": [s.cpu_s for s in b.samples],
                "other_load": b.other_load,
            }
            for b in run.batches
        ],
        "warm": run.warm,
        "profile": run.profile,
        "targets": targets,
    }
    return "\n".join(lines), data
