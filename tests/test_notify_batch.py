"""``dpa-gen notify`` over 50 customers made from the examples, against deadlines worked out by hand.

The customers mix the contract languages, general and specific authorisation, Dutch and
Belgian law (and the main agreement's), calendar and business-day periods, and three groups:
A engages Mollie B.V. (which the change replaces), B engages another payment provider, C none.
The change replaces Mollie by Adyen and adds Ravelin for every customer that uses a payment
service (``affects.services: [payment]``): A gets both, B the addition only, C nothing.

Every deadline is a literal with its count; see tests/test_notify_dates.py for the calendar.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from dpa_gen.notify.driver import run_notify
from dpa_gen.sources import read_yaml
from tests.conftest import EXAMPLES as ALL_EXAMPLES

pytestmark = pytest.mark.slow  # letters for 50 customers

SENT = date(2027, 2, 26)  # a Friday
EFFECTIVE = date(2027, 6, 1)  # after the longest notice period below (90 days: Thu 27 May)
LANGUAGES = ("nl+en", "nl", "en")


@dataclass(frozen=True)
class Profile:
    """A customer's terms and the deadline they give for a letter sent on Friday 26 February 2027."""

    law: str
    authorisation: str
    notice: str
    objection: str | None
    deadline: date | None  # None: a request, which has no deadline


PROFILES = (
    # 28 days: Fri 26 Mar, Good Friday (Atw art. 3 lid 2) -> Sat, Easter Sunday, Easter Monday -> Tue 30 Mar.
    Profile("NL", "general", "28 days", None, date(2027, 3, 30)),
    # 28 days under Belgian law: Fri 26 Mar is no Belgian holiday.
    Profile("BE", "general", "28 days", None, date(2027, 3, 26)),
    # 60 days: Tue 27 Apr, King's Day -> Wed 28 Apr.
    Profile("NL", "general", "60 days", None, date(2027, 4, 28)),
    # 60 days under Belgian law: no King's Day -> Tue 27 Apr.
    Profile("BE", "general", "60 days", None, date(2027, 4, 27)),
    # Objection 15 days: Sat 13 Mar -> Mon 15 Mar.
    Profile("NL", "general", "30 days", "15 days", date(2027, 3, 15)),
    # Objection 10 business days: Mon 1 - Fri 5 Mar (5), Mon 8 - Fri 12 Mar (10).
    Profile("NL", "general", "45 days", "10 business days", date(2027, 3, 12)),
    # Objection 20 business days: ... Mon 22 - Fri 26 Mar (20), Good Friday -> Tue 30 Mar.
    Profile("NL", "general", "60 days", "20 business days", date(2027, 3, 30)),
    # Notice (and objection) 20 business days under Belgian law: Fri 26 Mar (20), no move.
    Profile("BE", "general", "20 business days", None, date(2027, 3, 26)),
    # Objection 42 business days: Easter Monday and King's Day skipped -> Thu 29 Apr.
    Profile("NL", "general", "90 days", "42 business days", date(2027, 4, 29)),
    # The same in Belgium, where 27 Apr counts -> Wed 28 Apr.
    Profile("BE", "general", "90 days", "42 business days", date(2027, 4, 28)),
    # 69 days: Thu 6 May, Ascension -> Fri 7 May.
    Profile("NL", "general", "69 days", None, date(2027, 5, 7)),
    # 80 days under Belgian law: Mon 17 May, Whit Monday -> Tue 18 May.
    Profile("BE", "general", "80 days", None, date(2027, 5, 18)),
    # The main agreement's law: the Dutch calendar (documented) -> as NL 60 days, Wed 28 Apr.
    Profile("main_agreement", "general", "60 days", None, date(2027, 4, 28)),
    # Specific authorisation: a request, without a deadline to object.
    Profile("NL", "specific", "30 days", None, None),
    Profile("BE", "specific", "45 days", None, None),
)

# The six processor agreements the generated customers are made from (a fixed set: the expected
# letters below follow from it).
SOURCES = ("belgian-processor", "edtech-school", "emailmarketing-saas", "minimal", "payroll-hr", "strict-municipality")
EXAMPLES = [path for path in ALL_EXAMPLES if path.stem in SOURCES]

MOLLIE = {"name": "Mollie B.V.", "service": "payment", "country": "NL", "city": "Amsterdam"}
STRIPE = {"name": "Stripe Payments Europe, Limited", "service": "payment", "country": "IE", "city": "Dublin"}

CHANGE = """\
effective: 2027-06-01
reference: SUB-2027-07
replace:
  - old: Mollie B.V.
    new: {name: Adyen N.V., service: payment, country: NL, city: Amsterdam, access_from: [US], safeguard: scc}
add:
  - name: Ravelin Technology Ltd
    service: payment
    description: {nl: fraudedetectie bij betalingen, en: fraud detection for payments}
    country: GB
    city: London
    safeguard: adequacy
affects:
  services: [payment]
"""


@dataclass(frozen=True)
class Made:
    """One generated customer and what it should get."""

    path: Path
    profile: Profile
    group: str
    language: str


def make_customer(index: int, folder: Path) -> Made:
    """Customer ``index``: an example with a profile's terms, a group's payment provider, a language."""
    base_path = EXAMPLES[index % len(EXAMPLES)]
    data: dict[str, Any] = read_yaml(base_path).data  # every scalar a string, as written
    profile = PROFILES[index % len(PROFILES)]
    group = "ABC"[(index // len(PROFILES)) % 3]
    language = LANGUAGES[(index // 5) % 3]
    data["controller"]["name"] += f" ({index:02d})"
    data["contract"]["language"] = language
    if language != "nl+en":
        data["contract"]["prevailing_language"] = language
    subs = data.setdefault("subprocessors", {})
    engaged = [s for s in subs.get("list", []) if s.get("service") != "payment"]
    engaged += {"A": [MOLLIE], "B": [STRIPE], "C": []}[group]
    subs["list"] = engaged
    subs["authorisation"] = profile.authorisation
    subs["notice_days"] = profile.notice
    subs.pop("objection_days", None)
    if profile.objection:
        subs["objection_days"] = profile.objection
    data["law"] = {"governing_law": profile.law}
    path = folder / f"c{index:02d}-{base_path.stem}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Made(path, profile, group, language)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Made], Path, int]:
    """Generate the 50 customers and notify them once (DOCX only, to keep the suite fast)."""
    root = tmp_path_factory.mktemp("notify50")
    folder = root / "customers"
    folder.mkdir()
    made = [make_customer(i, folder) for i in range(50)]
    change = root / "change.yaml"
    change.write_text(CHANGE, encoding="utf-8")
    out = root / "out"
    status = run_notify([folder], change, sent=SENT, out_dir=out, formats=("docx",), quiet=True)
    return made, out, status


def test_the_mix_is_what_the_issue_asks_for(run: tuple[list[Made], Path, int]) -> None:
    made, _, _ = run
    assert {m.language for m in made} == set(LANGUAGES)
    assert {m.profile.authorisation for m in made} == {"general", "specific"}
    assert {m.profile.law for m in made} == {"NL", "BE", "main_agreement"}
    assert {m.group for m in made} == {"A", "B", "C"}
    assert any("business" in (m.profile.objection or m.profile.notice) for m in made)
    assert len({m.path.stem.split("-", 1)[1] for m in made}) == len(EXAMPLES)


def test_only_affected_customers_get_letters(run: tuple[list[Made], Path, int]) -> None:
    made, out, status = run
    assert status == 0
    expected = set()
    for m in made:
        if m.group in "AB":
            kind = "request" if m.profile.authorisation == "specific" else "notice"
            expected.add(f"{m.path.stem}.{kind}.{m.language.replace('+', '-')}.docx")
    written = {p.name for p in out.iterdir()}
    assert written == expected | {"notices.csv", "notices.json"}
    assert not any(name.startswith(m.path.stem + ".") for m in made if m.group == "C" for name in written)


def test_every_deadline_is_the_hand_computed_one(run: tuple[list[Made], Path, int]) -> None:
    made, out, _ = run
    rows = {
        row["customer_file"]: row for row in csv.DictReader(io.StringIO((out / "notices.csv").read_text("utf-8-sig")))
    }
    assert len(rows) == sum(1 for m in made if m.group in "AB")
    for m in made:
        row = rows.get(str(m.path))
        if m.group == "C":
            assert row is None
            continue
        assert row is not None
        expected = m.profile.deadline.isoformat() if m.profile.deadline else ""
        assert (row["kind"], row["deadline"]) == ("notice" if expected else "request", expected), m.path.name
        assert (row["sent"], row["effective"], row["language"]) == ("2027-02-26", "2027-06-01", m.language)


def test_the_letters_name_what_changes_for_each_customer(run: tuple[list[Made], Path, int]) -> None:
    made, out, _ = run
    data = json.loads((out / "notices.json").read_text("utf-8"))
    by_file = {row["customer_file"]: row["changes"] for row in data["notices"]}
    for m in made:
        if m.group == "A":
            assert by_file[str(m.path)] == {
                "added": ["Ravelin Technology Ltd"],
                "replaced": [{"old": "Mollie B.V.", "new": "Adyen N.V."}],
                "removed": [],
            }
        elif m.group == "B":
            assert by_file[str(m.path)] == {"added": ["Ravelin Technology Ltd"], "replaced": [], "removed": []}
    assert sorted(data["not_affected"]) == sorted(str(m.path) for m in made if m.group == "C")
    # The text: a group A letter in Dutch names the replacement, a group B one does not.
    a = next(m for m in made if m.group == "A" and m.language == "nl" and m.profile.deadline)
    b = next(m for m in made if m.group == "B" and m.language == "nl" and m.profile.deadline)
    text_a, text_b = docx_text(out / f"{a.path.stem}.notice.nl.docx"), docx_text(out / f"{b.path.stem}.notice.nl.docx")
    assert "Mollie B.V., thans ingeschakeld voor betalingsverwerking, door Adyen N.V." in text_a
    assert "Mollie" not in text_b and "Adyen" not in text_b
    assert "Ravelin Technology Ltd (vestiging: London, Verenigd Koninkrijk)" in text_b


def docx_text(path: Path) -> str:
    """Every paragraph of a DOCX (tables included), one per line."""
    from docx import Document
    from docx.oxml.ns import qn

    body = Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
