"""Guardrails that keep a customer file from making its contract say something untrue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dpa_gen.check import check
from tests.contract_text import REPO, clause_text, contract_text, customer

pytestmark = pytest.mark.slow  # each test is a full check of the bundled library


def codes(tmp_path: Path, data: dict[str, Any]) -> list[str]:
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [d.render(with_code=True) for d in check([path], REPO / "clauses").findings(strict=False)]


def test_a_transfer_mechanism_for_a_processor_inside_the_eea_is_refused_c140(tmp_path: Path) -> None:
    found = codes(tmp_path, customer(processing={"transfer_safeguard": "scc"}))
    assert any("C140" in line and "processing.transfer_safeguard" in line for line in found), found


def test_changes_on_a_web_page_need_its_address_c141(tmp_path: Path) -> None:
    data = customer(subprocessors={"announcement": "web_page"})
    found = codes(tmp_path, data)
    assert any("C141" in line and "current_list: {where: web_page, url: …}" in line for line in found), found
    data["subprocessors"]["current_list"] = {"where": "web_page", "url": "https://mailflow.example/subverwerkers"}
    assert not any("C141" in line for line in codes(tmp_path, data))


def test_a_controller_seat_abroad_under_dutch_law_is_warned_c142(tmp_path: Path) -> None:
    abroad = customer(controller={"address": {"city": "Gent", "country": "BE"}})
    found = codes(tmp_path, abroad)
    assert any("warning C142" in line and "outside the Netherlands" in line for line in found), found
    assert not any("C142" in line for line in codes(tmp_path, customer()))


def test_a_sub_processor_established_outside_the_eea_transfers_even_when_it_stores_in_the_eea(
    tmp_path: Path,
) -> None:
    us_company = {"name": "Cloudy Inc.", "service": "cloud_hosting", "country": "US", "locations": ["DE"]}
    assert any("C104" in line for line in codes(tmp_path, customer(subprocessors={"list": [us_company]})))
    data = customer(subprocessors={"list": [{**us_company, "safeguard": "scc"}]})
    annex = contract_text(data, "nl", tmp_path).split("Subverwerkers")[-1]
    assert "Ja: Verenigde Staten" in annex


def test_conditions_can_test_vocabulary_keys(tmp_path: Path) -> None:
    data = customer(processing={"data_categories": ["email_address", "citizen_service_number"]})
    assert "burgerservicenummer" in clause_text(data, "nl", "subject_matter.citizen_service_number", tmp_path)
    assert clause_text(customer(), "nl", "subject_matter.citizen_service_number", tmp_path) == ""


def test_vocabulary_wording_takes_the_role_words_of_a_sub_processing_agreement(tmp_path: Path) -> None:
    sub = customer(
        contract={"kind": "processor_subprocessor"},
        controller=None,
        subprocessor={
            "name": "Datacenter Oost B.V.",
            "legal_form": "bv",
            "kvk": "70998877",
            "address": {"street": "Industrieweg 1", "postcode": "7400 AA", "city": "Deventer"},
            "contact": {"name": "Security Office", "email": "security@dc-oost.nl"},
            "dpo": "none",
        },
        upstream={"controllers": {"nl": "de klanten van Verwerker", "en": "the Processor's customers"}},
        processing={"nature": ["hosting"]},
    )
    nl = contract_text(sub, "nl", tmp_path)
    assert "hosten op servers van Subverwerker of zijn Verdere Subverwerkers" in nl
    assert "hosten op servers van Verwerker of zijn Subverwerkers" not in nl
