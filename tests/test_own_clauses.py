"""The company's own clauses: added in place, replacing a clause or a variant, checked like library text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from dpa_gen.check import check
from dpa_gen.cli import app
from tests.contract_text import REPO, clause_text, contract_text, customer

STATEMENT = {
    "nl": "Verwerker stelt jaarlijks vóór 1 maart een nalevingsverklaring op, getekend door {{ provider.name }};"
    " zie artikel {{ ref('audits.right') }}.",
    "en": "Before 1 March of each year the Processor shall prepare a compliance statement, signed by"
    " {{ provider.name }}; see Clause {{ ref('audits.right') }}.",
}
OWN_COSTS = {
    "nl": "Iedere Partij draagt haar eigen kosten van een audit.",
    "en": "Each Party bears its own costs of an audit.",
}


def with_own(**own: Any) -> dict[str, Any]:
    return customer(clauses=own)


def findings(tmp_path: Path, data: dict[str, Any]) -> list[str]:
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = check([path], REPO / "clauses")
    return [d.render(with_code=True).replace(str(path), "own.yaml") for d in result.findings(strict=False)]


def test_an_added_clause_is_numbered_in_place_and_the_rest_renumbers(tmp_path: Path) -> None:
    plain = contract_text(customer(), "nl", tmp_path)
    data = with_own(add=[{"article": "audits", "after": "audits.information", "text": STATEMENT}])
    nl = contract_text(data, "nl", tmp_path)
    en = contract_text(data, "en", tmp_path)
    right = clause_text(customer(), "nl", "audits.right", tmp_path).split(" ", 1)[0]  # e.g. "11.3"
    article, position = right.split(".")
    moved = f"{article}.{int(position) + 1}"
    assert f"{article}.2 Verwerker stelt jaarlijks vóór 1 maart een nalevingsverklaring op, getekend door" in nl
    assert f"Mailflow B.V.; zie artikel {moved}." in nl  # the reference follows the renumbering
    assert f"{article}.2 Before 1 March of each year the Processor shall prepare a compliance statement" in en
    assert f"see Clause {moved}." in en
    assert f"{moved} Verwerker maakt audits" in nl and f"{right} Verwerker maakt audits" in plain


def test_a_replaced_clause_prints_the_negotiated_text_in_both_languages(tmp_path: Path) -> None:
    data = with_own(replace=[{"clause": "audits.costs", "text": OWN_COSTS}])
    assert clause_text(data, "nl", "audits.costs", tmp_path).endswith(
        "Iedere Partij draagt haar eigen kosten van een audit."
    )
    assert clause_text(data, "en", "audits.costs", tmp_path).endswith("Each Party bears its own costs of an audit.")
    assert "Verwerkingsverantwoordelijke draagt de kosten" not in contract_text(data, "nl", tmp_path)


def test_replacing_one_variant_leaves_the_others(tmp_path: Path) -> None:
    data = with_own(replace=[{"clause": "audits.costs", "variant": "processor", "text": OWN_COSTS}])
    assert "eigen kosten van een audit" not in clause_text(data, "nl", "audits.costs", tmp_path)  # another variant
    chosen = customer(
        audit={"costs": "processor"},
        clauses={"replace": [{"clause": "audits.costs", "variant": "processor", "text": OWN_COSTS}]},
    )
    assert clause_text(chosen, "nl", "audits.costs", tmp_path).endswith(
        "Iedere Partij draagt haar eigen kosten van een audit."
    )


def test_a_customer_value_in_an_own_text_is_data_not_template(tmp_path: Path) -> None:
    data = customer(processor={"name": "{{7*7}} B.V."}, clauses={"add": [{"article": "audits", "text": STATEMENT}]})
    nl = contract_text(data, "nl", tmp_path)
    assert "getekend door {{7*7}} B.V.;" in nl and "49" not in nl.split("nalevingsverklaring")[1][:80]


@pytest.mark.slow  # a full check of the bundled library per case
@pytest.mark.parametrize(
    ("own", "expected"),
    [
        (
            {"replace": [{"clause": "audits.cost", "text": OWN_COSTS}]},
            "error C130: clauses.replace[0].clause: the library has no clause 'audits.cost'"
            " (did you mean 'audits.costs'?)",
        ),
        (
            {"replace": [{"clause": "audits.costs", "variant": "nobody", "text": OWN_COSTS}]},
            "error C130: clauses.replace[0].variant: audits.costs has no variant 'nobody'",
        ),
        (
            {"add": [{"article": "audit", "text": OWN_COSTS}]},
            "error C130: clauses.add[0].article: the library has no article or annex 'audit' (did you mean 'audits'?)",
        ),
        (
            {"add": [{"article": "audits", "id": "audits.right", "text": OWN_COSTS}]},
            "error C135: clauses.add[0].id: the id 'audits.right' is already used; choose another",
        ),
        (
            {"add": [{"article": "audits", "covers": ["A28_3_h_audit"], "text": OWN_COSTS}]},
            "error C136: clauses.add[0].covers[0]: unknown duty 'A28_3_h_audit'",
        ),
        (
            {"add": [{"article": "audits", "text": {"nl": "Zie {{ 7*7 }}.", "en": "See {{ 7*7 }}."}}]},
            "error C132: clauses.add[0].text.nl: '{{': an own text may use only {{ variable }} and"
            " {{ ref('clause.id') }}; it is contract text, not a template",
        ),
        (
            {"add": [{"article": "audits", "text": {"nl": "Binnen 5 dagen.", "en": "Within 7 days."}}]},
            "error C134: clauses.add[0].text.nl: number 5 is in the Dutch text but not (as often) in the English text",
        ),
        (
            {
                "add": [
                    {"article": "audits", "text": {"nl": "{{ provider.name }} meldt.", "en": "The Processor reports."}}
                ]
            },
            "error C133: clauses.add[0].text.nl: the placeholder {{ provider.name }} is in the Dutch text but not",
        ),
        (
            {"add": [{"article": "audits", "text": {"nl": "{{ provider.nmae }}.", "en": "{{ provider.nmae }}."}}]},
            "{{ provider.nmae }}: there is no 'nmae' (did you mean 'name'?)",
        ),
    ],
)
def test_mistakes_in_own_clauses_are_reported_at_their_place(
    tmp_path: Path, own: dict[str, Any], expected: str
) -> None:
    found = findings(tmp_path, with_own(**own))
    assert any(expected in line for line in found), found
    assert all(re.match(r"own\.yaml:\d+:\d+: error C13", line) for line in found), found


@pytest.mark.slow  # a full check of the bundled library
def test_replacing_a_clause_that_covers_a_duty_needs_its_covers(tmp_path: Path) -> None:
    text = {
        "nl": "Verwerker meldt een Datalek zo snel mogelijk.",
        "en": "The Processor reports a Personal Data Breach as soon as possible.",
    }
    silent = findings(tmp_path, with_own(replace=[{"clause": "breach.notification", "text": text}]))
    assert any("C131" in line and "say which duties the new text covers" in line for line in silent), silent
    # Claiming less than the clause did leaves a duty uncovered in this customer's contract.
    partial = findings(
        tmp_path,
        with_own(
            replace=[{"clause": "breach.notification", "covers": ["A33_2_breach_notify_controller"], "text": text}]
        ),
    )
    assert any("C110" in line and "PRODUCT_breach_48h" in line for line in partial), partial


def test_build_lists_the_deviations_in_the_manifest_and_on_request(tmp_path: Path) -> None:
    data = with_own(
        add=[{"article": "audits", "after": "audits.information", "text": STATEMENT}],
        replace=[{"clause": "audits.costs", "text": OWN_COSTS}],
    )
    path = tmp_path / "acme.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["build", str(path), "-o", str(tmp_path / "out"), "-f", "docx", "-l", "nl", "--deviations"]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "acme.nl.manifest.json").read_text())
    kinds = [(d["kind"], d["clause"], d["customer_key"]) for d in manifest["deviations"]]
    assert kinds == [("add", "own.audits.1", "clauses.add[0]"), ("replace", "audits.costs", "clauses.replace[0]")]
    assert "deviations from library dpa_gen_standard" in result.stderr
    assert "own.audits.1: added (clauses.add[0])" in result.stderr
    assert "audits.costs: replaced (clauses.replace[0])" in result.stderr
    assert manifest["defaults"]["breach.notice_hours"] == "48 hours"
