"""A --clauses library is code, but bounded: time, memory, output size, determinism (item 6).

Each hostile text goes into a copy of the fixture library; ``check`` must report it with a
finding code at the text's line, and ``build`` must fail it with the same place, quickly,
never with exit status 3.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dpa_gen import render
from dpa_gen.cli import app
from dpa_gen.render import ClauseError, ClauseRenderer
from tests.conftest import FIXTURES

CUSTOMER = str(FIXTURES / "customer.yaml")
runner = CliRunner()
REFERENCE_NL = "nl: Zie artikel {{ ref('breach.notice') }} en Bijlage {{ ref('annex_subprocessors') }}."
REFERENCE_EN = "en: See Clause {{ ref('breach.notice') }} and Annex {{ ref('annex_subprocessors') }}."

HOSTILE = {
    "power": (
        "{{ breach.notice_hours.amount ** 100000000 }}",
        "E215",
        "computes a power of more than 1,000,000 digits",
    ),
    "repetition": ("{{ 'x' * 10**9 }}", "E215", "repeats a text or list to more than 1,000,000 characters"),
    "padding": ("{{ processor.name | center(10**9) }}", "E215", "| center: the number 1,000,000,000 is over"),
    "replace": ("{{ processor.name | replace('', 'x' * 100000) }}", "E215", "| replace: the result would be longer"),
    "text size": (
        "{% for a in 'x' * 1000 %}{% for b in 'y' * 1001 %}z{% endfor %}{% endfor %}",
        "E215",
        "renders more than 1,000,000 characters",
    ),
    "recursion": ("{% for a in [1] recursive %}{{ loop([a]) }}{% endfor %}", "E215", "recurses too deeply"),
    "nesting": ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "E203", "nested too deeply"),
    "memory address": ("{{ ref.func }}", "E214", "has no attribute 'func'"),
    "generator": ("{{ processing.purposes | map(attribute='key') }}", "E216", "prints a generator object"),
    "method": ("{{ contract.effective_date.strftime('%s') }}", "E216", "access to attribute 'strftime'"),
    "random": ("{{ [1, 2] | random }}", "E203", "there is no filter 'random'"),
    "percent": ("{{ '%0999999999d' % 1 }}", "E216", "formats text with %"),
}

# Each case copies the library and runs a whole check or build: one limit and one unstable output
# stay in the fast run, the rest are slow.
FAST = ("repetition", "generator")
HOSTILE_CASES = [pytest.param(name, marks=() if name in FAST else pytest.mark.slow) for name in sorted(HOSTILE)]


def library_with(tmp_path: Path, text: str) -> Path:
    library = tmp_path / "lib"
    shutil.copytree(FIXTURES / "library", library)
    breach = library / "02-breach.yaml"
    source = breach.read_text()
    source = source.replace(REFERENCE_NL, f"nl: {json.dumps(text)}").replace(REFERENCE_EN, f"en: {json.dumps(text)}")
    breach.write_text(source)
    return library


@pytest.mark.parametrize("name", HOSTILE_CASES)
def test_check_reports_a_hostile_clause_at_its_line(tmp_path: Path, name: str) -> None:
    text, code, message = HOSTILE[name]
    library = library_with(tmp_path, text)
    start = time.monotonic()
    result = runner.invoke(app, ["check", "--clauses", str(library)])
    assert time.monotonic() - start < 30
    assert result.exit_code == 1, result.output
    found = [line for line in result.stdout.splitlines() if f" {code}: breach.reference: nl text" in line]
    assert found and re.search(r"lib/02-breach\.yaml:32:11: error E2\d\d", found[0]), result.stdout
    assert message in found[0]


@pytest.mark.parametrize("name", HOSTILE_CASES)
def test_build_fails_a_hostile_clause_cleanly(tmp_path: Path, name: str) -> None:
    text, _, _ = HOSTILE[name]
    library = library_with(tmp_path, text)
    start = time.monotonic()
    result = runner.invoke(app, ["build", CUSTOMER, "--clauses", str(library), "-o", str(tmp_path / "o"), "-f", "docx"])
    assert time.monotonic() - start < 30
    assert result.exit_code == 1, result.output
    assert "02-breach.yaml:32:11: error: breach.reference: nl text: " in result.stderr
    assert "internal error" not in result.stderr


def test_a_slow_text_is_stopped_by_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "RENDER_SECONDS", 0.5)
    loops = "{% for a in items %}{% for b in items %}{% for c in items %}{% endfor %}{% endfor %}{% endfor %}"
    start = time.monotonic()
    with pytest.raises(ClauseError, match=r"took longer than 0\.5 s") as caught:
        ClauseRenderer("nl", {}).render_text(loops, {"items": list(range(2000))}, {})
    assert time.monotonic() - start < 5
    assert caught.value.kind == "limit"


def test_a_condition_is_bounded_too() -> None:
    with pytest.raises(ClauseError, match="power of more than"):
        ClauseRenderer("nl", {}).holds("9 ** 99999999 > 1", {})


def test_a_title_too_long_for_a_document_is_refused_by_check(tmp_path: Path) -> None:
    library = library_with(tmp_path, "Zie.")
    meta = library / "library.yaml"
    title = "{nl: " + "Verwerkersovereenkomst " * 7 + ", en: " + "Data processing agreement " * 6 + "}"
    meta.write_text(re.sub(r"title:.*", lambda _: f"title: {title}", meta.read_text(), count=1))
    result = runner.invoke(app, ["check", "--clauses", str(library)])
    assert result.exit_code == 1
    assert 'title: the Dutch and English title together ("nl / en") are 318 characters' in result.stdout
    assert "E100" in result.stdout


def test_printing_plain_data_still_works() -> None:
    facts = {"n": 1500, "s": "tekst", "f": 1.5, "items": ["a", "b"]}
    text = "{{ n }} {{ s }} {{ f }} {{ items | and_list }} {{ 2 ** 10 }} {{ 'ab' * 3 }} {{ s | center(9) }}"
    rendered = ClauseRenderer("nl", {}).render_text(text, facts, {})
    assert re.sub("[\x01\x02]", "", rendered) == "1.500 tekst 1.5 a en b 1.024 ababab   tekst  "
