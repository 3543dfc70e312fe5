"""In-process measurements, run by ``bench/run.py`` in a child process that prints one JSON object.

``warm``: import dpa-gen and its renderers once, then build the same customer N times, each
time (a) the whole ``dpa_gen.build.build(..., force=True)`` as the CLI runs it and (b) the
same work phase by phase through the public functions (load → compose → HTML → DOCX → PDF),
so the marginal cost of a document in a long-lived worker can be split.

``profile``: one warm-up PDF, then cProfile of one more ``writer("pdf").render``; prints inclusive
shares of WeasyPrint's phases (cascade, box tree, layout, line breaking, paint, fonts,
serialisation) and the top functions. cProfile slows Python code down by roughly 1.4×, so
read the shares, not the seconds.

    python bench/inproc.py warm CUSTOMER.yaml --lang nl+en -n 8 --out DIR
    python bench/inproc.py profile CUSTOMER.yaml --lang nl+en
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path
from typing import Any


def _status_kib(field: str) -> int:
    """``VmRSS``/``VmHWM`` of this process in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def warm(customer: Path, lang: str, count: int, out: Path) -> dict[str, Any]:
    """Build ``customer`` ``count`` times in this process, whole and phase by phase: seconds, memory, sizes."""
    start = time.perf_counter()
    from dpa_gen.build import build
    from dpa_gen.engine import compose, load_customer
    from dpa_gen.library import load_library
    from dpa_gen.models.base import LanguageMode
    from dpa_gen.paths import clauses_dir
    from dpa_gen.style import bundled_style
    from dpa_gen.writers import writer
    from dpa_gen.writers.html import render_html

    style = bundled_style()
    render_docx, render_pdf = writer("docx").render, writer("pdf").render  # imports python-docx and WeasyPrint
    imports = time.perf_counter() - start

    phases: dict[str, list[float]] = {
        "build (DOCX+PDF, incl. load and writes)": [],
        "load + validate customer": [],
        "compose (resolve + render clauses)": [],
        "HTML (Jinja)": [],
        "DOCX (python-docx)": [],
        "PDF (HTML → WeasyPrint)": [],
    }
    rss: list[int] = []
    sizes: dict[str, int] = {}
    for _ in range(count):
        t = time.perf_counter()
        build(customer, out_dir=out, formats=("docx", "pdf"), mode=LanguageMode(lang), force=True)
        phases["build (DOCX+PDF, incl. load and writes)"].append(time.perf_counter() - t)

        t = time.perf_counter()
        library = load_library(clauses_dir())  # cached after the first call, as in a batch worker
        loaded = load_customer(customer, library, LanguageMode(lang))
        t1 = time.perf_counter()
        document = compose(loaded.customer, library, LanguageMode(lang)).document
        t2 = time.perf_counter()
        html = render_html(document)
        t3 = time.perf_counter()
        docx = render_docx(document, style)
        t4 = time.perf_counter()
        pdf = render_pdf(document, style)  # renders the HTML again, as the writer always does
        t5 = time.perf_counter()
        for name, seconds in zip(list(phases)[1:], (t1 - t, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            phases[name].append(seconds)
        rss.append(_status_kib("VmRSS"))
        sizes = {"html": len(html), "docx": len(docx), "pdf": len(pdf)}
    return {"imports_s": imports, "phases": phases, "rss_kib": rss, "hwm_kib": _status_kib("VmHWM"), "sizes": sizes}


# Inclusive phases: (label, module path fragment, function name). cProfile's cumulative time
# counts a recursive function once, so nested calls are not double counted within one row.
PHASES = (
    ("dpa-gen HTML (Jinja render_html)", "dpa_gen/writers/html.py", "render_html"),
    ("HTML parse (tinyhtml5, HTML())", "weasyprint/__init__.py", "__init__"),
    ("CSS parse + cascade (get_all_computed_styles)", "weasyprint/css/__init__.py", "get_all_computed_styles"),
    ("box tree (build_formatting_structure)", "weasyprint/formatting_structure/build.py", "build_formatting_structure"),
    ("layout (layout_document)", "weasyprint/layout/__init__.py", "layout_document"),
    ("  line boxes (iter_line_boxes)", "weasyprint/layout/inline.py", "iter_line_boxes"),
    ("  Pango line breaking (split_first_line, all callers)", "weasyprint/text/line_break.py", "split_first_line"),
    ("  table layout (table_layout)", "weasyprint/layout/table.py", "table_layout"),
    ("  intrinsic widths (min/max_content_width)", "weasyprint/layout/preferred.py", "min_content_width"),
    ("  ", "weasyprint/layout/preferred.py", "max_content_width"),
    ("PDF generation (generate_pdf: paint + fonts + metadata)", "weasyprint/pdf/__init__.py", "generate_pdf"),
    ("  paint (draw_page)", "weasyprint/draw/__init__.py", "draw_page"),
    ("  font subsetting + embedding (build_fonts_dictionary)", "weasyprint/pdf/fonts.py", "build_fonts_dictionary"),
    ("PDF serialisation + compression (pydyf PDF.write)", "pydyf/__init__.py", "write"),
)


def profile(customer: Path, lang: str) -> dict[str, Any]:
    """Profile one warm PDF render with cProfile: the share of each WeasyPrint phase, the top functions."""
    from dpa_gen.engine import compose, load_customer
    from dpa_gen.library import load_library
    from dpa_gen.models.base import LanguageMode
    from dpa_gen.paths import clauses_dir
    from dpa_gen.style import bundled_style
    from dpa_gen.writers import writer

    library = load_library(clauses_dir())
    mode = LanguageMode(lang)
    document = compose(load_customer(customer, library, mode).customer, library, mode).document
    render_pdf, style = writer("pdf").render, bundled_style()
    t = time.perf_counter()
    render_pdf(document, style)  # warm-up: fetcher, fonts, Jinja environment
    warm_s = time.perf_counter() - t
    profiler = cProfile.Profile()
    t = time.perf_counter()
    profiler.runcall(render_pdf, document, style)
    profiled_s = time.perf_counter() - t
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_cc, _nc, _tt, ct, _callers) in raw.values())

    def inclusive(fragment: str, function: str) -> float:
        return sum(v[3] for (path, _line, name), v in raw.items() if name == function and path.endswith(fragment))

    phases: list[list[Any]] = []
    for label, fragment, function in PHASES:
        seconds = inclusive(fragment, function)
        if label.strip():
            phases.append([label, seconds])
        else:  # a continuation row: add to the previous phase (min + max content widths)
            phases[-1][1] += seconds
    pyphen = sum(v[2] for (path, _l, _n), v in raw.items() if "pyphen" in path)
    phases.append(["  hyphenation (pyphen, self time)", pyphen])

    def short(key: tuple[str, int, str]) -> str:
        path, line, name = key
        for marker in ("site-packages/", "/work/main/"):
            if marker in path:
                path = path.split(marker, 1)[1]
        return f"{path}:{line}({name})" if line else name

    by_self = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:15]
    return {
        "warm_unprofiled_s": warm_s,
        "profiled_s": profiled_s,
        "total_s": total,
        "phases": [[label, seconds, seconds / total] for label, seconds in phases],
        "top_self": [[short(k), v[2], v[2] / total, v[1]] for k, v in by_self],
    }


def main() -> int:
    """Run ``warm`` or ``profile`` as the command line asks; print the result as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("warm", "profile"))
    parser.add_argument("customer", type=Path)
    parser.add_argument("--lang", default="nl+en")
    parser.add_argument("-n", type=int, default=6)
    parser.add_argument("--out", type=Path)
    options = parser.parse_args()
    if options.mode == "warm":
        if options.out is None:
            parser.error("warm needs --out")
        result = warm(options.customer, options.lang, options.n, options.out)
    else:
        result = profile(options.customer, options.lang)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
