"""House rules of the code base that a reviewer should not have to check by hand.

* No module in ``dpa_gen/`` is longer than 450 lines (``wc -l``): a longer one does more than
  one job and is split by job.
* ``check`` never depends on the build driver (``dpa_gen.build``) or the batch module
  (``dpa_gen.batch``), not even through another module: it runs on the engine alone, so a CI
  gate needs neither, and a change to building cannot break checking. Imports are read from
  the syntax tree (also those inside functions, and relative ones), not searched as text.
  ``dpa_gen.workers`` is allowed: it is the generic process pool, which ``check`` uses too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "dpa_gen"
MAX_LINES = 450
DRIVERS = ("dpa_gen.build", "dpa_gen.batch")


def module_name(path: Path, root: Path) -> str:
    """``root/dpa_gen/check/__init__.py`` → ``dpa_gen.check``."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, name: str, is_package: bool) -> Iterator[str]:
    """Every module named by an import in ``source`` (of module ``name``), with each ``from x import y`` also as x.y.

    ``x.y`` may be a function rather than a module; callers keep the names that are modules.
    """
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from .. import batch, from ..build import x
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports (a package's import counts its parents too)."""
    paths = {module_name(path, root): path for path in (root / "dpa_gen").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        found = set()
        for module in imported(path.read_text(encoding="utf-8"), name, path.name == "__init__.py"):
            parts = module.split(".")
            found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1) if ".".join(parts[:i]) in paths)
        graph[name] = found - {name}
    return graph


def chains_to(graph: dict[str, set[str]], start: str, targets: tuple[str, ...]) -> list[list[str]]:
    """For each target reachable from the modules under ``start``: one import chain that reaches it."""
    came_from: dict[str, str | None] = {name: None for name in graph if name == start or name.startswith(start + ".")}
    queue = list(came_from)
    while queue:
        name = queue.pop(0)
        for imported_name in sorted(graph[name]):
            if imported_name not in came_from:
                came_from[imported_name] = name
                queue.append(imported_name)
    chains = []
    for target in targets:
        if target in came_from:
            chain: list[str] = [target]
            while (before := came_from[chain[-1]]) is not None:
                chain.append(before)
            chains.append(chain[::-1])
    return chains


def test_no_module_is_longer_than_450_lines() -> None:
    lengths = {path.relative_to(REPO): path.read_bytes().count(b"\n") for path in PACKAGE.rglob("*.py")}
    assert len(lengths) > 50  # the package was found
    too_long = {str(path): lines for path, lines in lengths.items() if lines > MAX_LINES}
    assert not too_long, f"split these by job (at most {MAX_LINES} lines): {too_long}"


def test_check_never_imports_the_build_driver_or_the_batch_module() -> None:
    chains = chains_to(import_graph(REPO), "dpa_gen.check", DRIVERS)
    assert not chains, "check reaches the build driver: " + "; ".join(" → ".join(chain) for chain in chains)


@pytest.mark.parametrize(
    ("where", "source"),
    [
        ("dpa_gen/check/a.py", "import dpa_gen.build\n"),
        ("dpa_gen/check/a.py", "from dpa_gen import batch\n"),
        ("dpa_gen/check/a.py", "def late():\n    from dpa_gen.build import build\n"),
        ("dpa_gen/check/a.py", "from ..batch import run_builds\n"),
        ("dpa_gen/check/a.py", "from .. import build\n"),
        ("dpa_gen/check/__init__.py", "from ..build import build\n"),
        ("dpa_gen/check/a.py", "from dpa_gen.helper import x\n"),  # through another module
    ],
)
def test_the_import_rule_sees_every_form_of_import(tmp_path: Path, where: str, source: str) -> None:
    files = {
        "dpa_gen/__init__.py": "",
        "dpa_gen/build.py": "",
        "dpa_gen/batch.py": "",
        "dpa_gen/helper.py": "import dpa_gen.batch\nx = 1\n",
        "dpa_gen/check/__init__.py": "",
        where: source,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert chains_to(import_graph(tmp_path), "dpa_gen.check", DRIVERS)


def test_the_import_rule_lets_check_use_the_engine(tmp_path: Path) -> None:
    for name, text in {
        "dpa_gen/__init__.py": "",
        "dpa_gen/build.py": "from dpa_gen import engine\n",
        "dpa_gen/engine.py": "",
        "dpa_gen/check/__init__.py": "from dpa_gen.engine import compose\nfrom . import sample\n",
        "dpa_gen/check/sample.py": "from .. import engine\n",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert chains_to(import_graph(tmp_path), "dpa_gen.check", DRIVERS) == []
