"""The generated text of articles 6-10 and Annex III, every variant in both languages.

Sub-processors, data-subject requests, assistance, breaches and transfers.

Legal review 2026-12 findings #2 (the processor's own transfer), #6/#19 (Annex III by
processing and access locations, with the SCC Annex IV fields), #12 (an empty or unnamed
Annex III), #14 (own staff's remote access), #16 (the supervisory authority), #19 (breach at the
controller, amendments of the sub-processor contract); issue 11 points 1, 4, 7, 9, 11, 12 and
the sub-processing agreement (art. 28(4)).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dpa_gen.check import check
from dpa_gen.library import load_library
from tests.contract_text import REPO, clause_text, contract_text, customer
from tests.fixtures.check.builders import found

LANGS = ("nl", "en")

US_ADDRESS = {"street": "100 Congress Avenue", "postcode": "78701", "city": "Austin", "country": "US"}

SUBPROCESSING: dict[str, Any] = {
    "contract": {"kind": "processor_subprocessor"},
    "controller": None,
    "subprocessor": {
        "name": "Bezorgdienst Mail B.V.",
        "legal_form": "bv",
        "kvk": "11223344",
        "address": {"street": "Laan 2", "postcode": "3500 AA", "city": "Utrecht"},
        "contact": {"name": "Privacy Desk", "email": "privacy@bezorg.example"},
        "dpo": "none",
    },
    "upstream": {"controllers": {"nl": "de klanten van Verwerker", "en": "the Processor's customers"}},
}


def sub(name: str = "Cloud GmbH", **fields: Any) -> dict[str, Any]:
    """A named sub-processor (EEA hosting in Germany unless ``fields`` say otherwise)."""
    return {"name": name, "service": "cloud_hosting", "country": "DE", **fields}


def clause(data: dict[str, Any], clause_id: str, tmp_path: Path) -> dict[str, str]:
    """The clause's text in Dutch and English."""
    return {lang: clause_text(data, lang, clause_id, tmp_path) for lang in LANGS}


def annex_iii(data: dict[str, Any], lang: str, tmp_path: Path) -> str:
    """The text of Annex III (its heading to the end of the contract)."""
    text = contract_text(data, lang, tmp_path)
    start = text.index("Bijlage III –" if lang == "nl" else "Annex III –")
    return text[start:]


def assert_in(texts: dict[str, str], nl: str, en: str) -> None:
    assert nl in texts["nl"], texts["nl"]
    assert en in texts["en"], texts["en"]


def assert_not_in(texts: dict[str, str], nl: str, en: str) -> None:
    assert nl not in texts["nl"], texts["nl"]
    assert en not in texts["en"], texts["en"]


# --- #2: the processor's own processing outside the EEA is a transfer ---------------------------


def us_processor(*safeguards: str, locations: list[str] | None = None) -> dict[str, Any]:
    return customer(
        processor={"address": US_ADDRESS},
        processing={"locations": locations or ["US"], "transfer_safeguard": list(safeguards)},
    )


def test_a_processor_processing_outside_the_eea_gets_an_instruction_a_basis_and_scc_module_two(
    tmp_path: Path,
) -> None:
    texts = clause(us_processor("scc"), "transfers.processor", tmp_path)
    assert_in(
        texts,
        "Verwerker verwerkt de Persoonsgegevens mede in landen buiten de EER (Verenigde Staten); de verwerking"
        " door Verwerker zelf houdt daarom een doorgifte naar een derde land in. Verwerkingsverantwoordelijke geeft"
        " Verwerker hierbij de schriftelijke instructie voor die doorgifte, voor zover die voor de uitvoering van"
        " de Diensten nodig is. De doorgifte berust op de volgende grondslag: standaardcontractbepalingen"
        " (Uitvoeringsbesluit (EU) 2021/914, artikel 46 AVG).",
        "The Processor also processes the Personal Data in countries outside the EEA (United States); the"
        " processing by the Processor itself therefore involves a transfer to a third country. The Controller"
        " hereby gives the Processor the documented instruction for that transfer, insofar as it is necessary for"
        " performing the Services. The transfer is based on the following basis: standard contractual clauses"
        " (Implementing Decision (EU) 2021/914, Article 46 GDPR).",
    )
    assert_in(  # a paragraph of its own
        texts,
        "artikel 46 AVG).\nVoor deze doorgifte sluiten Partijen hierbij de standaardcontractbepalingen van"
        " Uitvoeringsbesluit (EU) 2021/914, module twee (doorgifte van verwerkingsverantwoordelijke aan verwerker), met"
        " Verwerkingsverantwoordelijke als gegevensexporteur en Verwerker als gegevensimporteur; zij maken door"
        " verwijzing deel uit van deze Overeenkomst.",
        "Article 46 GDPR).\nFor this transfer, the Parties hereby enter into the standard contractual clauses of"
        " Implementing Decision (EU) 2021/914, Module Two (transfer controller to processor), with the Controller as"
        " data exporter and the Processor as data importer; they are incorporated into this Agreement by"
        " reference.",
    )
    assert_in(
        texts,
        "Hun aanhangsels worden gevormd door de gegevens in de Bijlagen I, II en III. Clausule 7 van die bepalingen"
        " (koppelingsclausule) is niet van toepassing; voor clausule 9, onder a, gelden de in artikel 6 gekozen"
        " vorm van toestemming en de daar genoemde termijn; voor de clausules 13, 17 en 18 gelden de"
        " toezichthoudende autoriteit, het recht en de rechter van de lidstaat waar Verwerkingsverantwoordelijke is"
        " gevestigd. Bij strijdigheid prevaleren de standaardcontractbepalingen boven deze Overeenkomst.",
        "Their appendices consist of the particulars in Annexes I, II and III. Clause 7 of those clauses (docking"
        " clause) does not apply; for Clause 9(a), the form of authorisation chosen in Clause 6 and the period"
        " stated there apply; for Clauses 13, 17 and 18, the supervisory authority, the law and the courts of the"
        " Member State in which the Controller is established apply. In the event of a conflict, the standard"
        " contractual clauses prevail over this Agreement.",
    )


def test_the_sub_processor_clause_never_says_no_transfers_when_the_processor_itself_transfers(
    tmp_path: Path,
) -> None:
    texts = clause(us_processor("scc"), "transfers.current", tmp_path)
    assert_in(
        texts,
        "Bij het aangaan van deze Overeenkomst schakelt Verwerker geen Subverwerkers in die de Persoonsgegevens"
        " buiten de EER verwerken of ze van daaruit kunnen raadplegen; dit laat de hiervoor geregelde doorgifte aan"
        " Verwerker zelf onverlet.",
        "On entering into this Agreement, the Processor does not engage any Sub-processors that process the"
        " Personal Data outside the EEA or can access them from there; this is without prejudice to the transfer"
        " to the Processor itself provided for above.",
    )


def test_a_processor_established_outside_the_eea_with_dpf_and_bcr_states_both_bases(tmp_path: Path) -> None:
    data = customer(
        processor={"address": US_ADDRESS}, processing={"locations": ["NL"], "transfer_safeguard": ["dpf", "bcr"]}
    )
    texts = clause(data, "transfers.processor", tmp_path)
    assert_in(
        texts,
        "Verwerker is buiten de EER gevestigd (Verenigde Staten); de verwerking door Verwerker zelf houdt daarom"
        " een doorgifte naar een derde land in.",
        "The Processor is established outside the EEA (United States); the processing by the Processor itself"
        " therefore involves a transfer to a third country.",
    )
    assert_in(
        texts,
        "De doorgifte berust op de volgende grondslagen: EU-US Data Privacy Framework (adequaatheidsbesluit,"
        " artikel 45 AVG) en bindende bedrijfsvoorschriften (artikel 47 AVG). Verwerker verklaart dat hij onder het"
        " EU-US Data Privacy Framework is gecertificeerd en dat die certificering de Persoonsgegevens omvat; vervalt"
        " de certificering, dan meldt hij dat Verwerkingsverantwoordelijke zonder onredelijke vertraging en is"
        " artikel 10.3 van toepassing. Verwerker verklaart dat zijn bindende bedrijfsvoorschriften op grond van"
        " artikel 47 AVG zijn goedgekeurd en deze doorgifte omvatten, en verstrekt Verwerkingsverantwoordelijke op"
        " verzoek een afschrift daarvan.",
        "The transfer is based on the following bases: EU-US Data Privacy Framework (adequacy decision, Article 45"
        " GDPR) and binding corporate rules (Article 47 GDPR). The Processor declares that it is certified under"
        " the EU-US Data Privacy Framework and that its certification covers the Personal Data; if the"
        " certification lapses, it shall inform the Controller without undue delay and Clause 10.3 applies. The"
        " Processor declares that its binding corporate rules have been approved under Article 47 GDPR and cover"
        " this transfer, and shall provide the Controller with a copy of them on request.",
    )
    assert_not_in(texts, "module twee", "Module Two")


def test_a_processor_in_an_adequate_country_names_the_adequacy_decision_only(tmp_path: Path) -> None:
    data = customer(
        processor={"address": {"street": "1 High Street", "postcode": "SW1A 1AA", "city": "London", "country": "GB"}},
        processing={"locations": ["GB"], "transfer_safeguard": ["adequacy"]},
    )
    texts = clause(data, "transfers.processor", tmp_path)
    assert_in(
        texts,
        "(Verenigd Koninkrijk); de verwerking door Verwerker zelf houdt daarom een doorgifte naar een derde land"
        " in. Verwerkingsverantwoordelijke geeft Verwerker hierbij de schriftelijke instructie voor die doorgifte,"
        " voor zover die voor de uitvoering van de Diensten nodig is. De doorgifte berust op de volgende grondslag:"
        " adequaatheidsbesluit (artikel 45 AVG).",
        "(United Kingdom); the processing by the Processor itself therefore involves a transfer to a third country."
        " The Controller hereby gives the Processor the documented instruction for that transfer, insofar as it is"
        " necessary for performing the Services. The transfer is based on the following basis: adequacy decision"
        " (Article 45 GDPR).",
    )
    assert texts["nl"].endswith("adequaatheidsbesluit (artikel 45 AVG).")
    assert texts["en"].endswith("adequacy decision (Article 45 GDPR).")


def test_a_processor_inside_the_eea_has_no_clause_on_its_own_transfer(tmp_path: Path) -> None:
    assert clause(customer(), "transfers.processor", tmp_path) == {"nl": "", "en": ""}
    assert_in(
        clause(customer(), "transfers.current", tmp_path),
        "Bij het aangaan van deze Overeenkomst schakelt Verwerker geen Subverwerkers in die de Persoonsgegevens"
        " buiten de EER verwerken of ze van daaruit kunnen raadplegen. Voor iedere doorgifte",
        "On entering into this Agreement, the Processor does not engage any Sub-processors that process the"
        " Personal Data outside the EEA or can access them from there. Every transfer",
    )


def test_a_sub_processor_outside_the_eea_gets_scc_module_three_on_the_controllers_instruction(
    tmp_path: Path,
) -> None:
    data = customer(**SUBPROCESSING, processing={"locations": ["US"], "transfer_safeguard": ["scc"]})
    data["subprocessor"]["address"] = US_ADDRESS
    texts = clause(data, "transfers.processor", tmp_path)
    assert_in(
        texts,
        "Subverwerker verwerkt de Persoonsgegevens mede in landen buiten de EER (Verenigde Staten); de verwerking"
        " door Subverwerker zelf houdt daarom een doorgifte naar een derde land in. Verwerker geeft Subverwerker"
        " hierbij de schriftelijke instructie voor die doorgifte, voor zover die voor de uitvoering van de Diensten"
        " nodig is en de Verwerkingsverantwoordelijke Verwerker daartoe schriftelijk heeft geïnstrueerd.",
        "The Sub-processor also processes the Personal Data in countries outside the EEA (United States); the"
        " processing by the Sub-processor itself therefore involves a transfer to a third country. The Processor"
        " hereby gives the Sub-processor the documented instruction for that transfer, insofar as it is necessary"
        " for performing the Services and the Controller has instructed the Processor to that effect in writing.",
    )
    assert_in(
        texts,
        "module drie (doorgifte van verwerker aan verwerker), met Verwerker als gegevensexporteur en Subverwerker"
        " als gegevensimporteur",
        "Module Three (transfer processor to processor), with the Processor as data exporter and the Sub-processor"
        " as data importer",
    )


# --- #6 and #19: Annex III by processing and access locations, with the Annex IV fields ---------


def test_an_eu_subsidiary_hosting_in_the_us_is_a_transfer_in_annex_iii_and_article_10(tmp_path: Path) -> None:
    data = customer(
        subprocessors={
            "list": [
                sub(
                    "Intercom R&D Unlimited Company",
                    service="customer_support",
                    country="IE",
                    city="Dublin",
                    locations=["US"],
                    safeguard="dpf",
                )
            ]
        }
    )
    nl, en = (annex_iii(data, lang, tmp_path) for lang in LANGS)
    assert (
        "1 | Intercom R&D Unlimited Company / Dublin / Ierland | klantenservice en ticketsysteem | Verenigde Staten"
        " | Ja: Verenigde Staten / EU-US Data Privacy Framework (art. 45 AVG)" in nl
    )
    assert (
        "1 | Intercom R&D Unlimited Company / Dublin / Ireland | customer support and ticketing | United States"
        " | Yes: United States / EU-US Data Privacy Framework (Art. 45 GDPR)" in en
    )
    assert "Geen doorgifte" not in nl and "No transfer" not in en
    assert "Niet vereist (EER)" not in nl and "Not required (EEA)" not in en
    assert_in(
        clause(data, "transfers.current", tmp_path),
        "(a) Intercom R&D Unlimited Company, Verenigde Staten: EU-US Data Privacy Framework (adequaatheidsbesluit,"
        " artikel 45 AVG).",
        "(a) Intercom R&D Unlimited Company, United States: EU-US Data Privacy Framework (adequacy decision,"
        " Article 45 GDPR).",
    )


def test_access_from_outside_the_eea_makes_a_transfer_with_several_countries_and_safeguards(
    tmp_path: Path,
) -> None:
    data = customer(
        subprocessors={
            "list": [
                sub(
                    "Microsoft Ireland Operations Limited",
                    country="IE",
                    city="Dublin",
                    locations=["NL", "IE"],
                    access_from=["US", "IN"],
                    safeguard=["dpf", "scc"],
                )
            ]
        }
    )
    nl, en = (annex_iii(data, lang, tmp_path) for lang in LANGS)
    assert (
        "| Nederland / Ierland / toegang vanuit: Verenigde Staten, India | Ja: Verenigde Staten, India"
        " / EU-US Data Privacy Framework (art. 45 AVG) / standaardcontractbepalingen (art. 46 AVG)" in nl
    )
    assert (
        "| Netherlands / Ireland / access from: United States, India | Yes: United States, India"
        " / EU-US Data Privacy Framework (Art. 45 GDPR) / standard contractual clauses (Art. 46 GDPR)" in en
    )
    assert_in(
        clause(data, "transfers.current", tmp_path),
        "(a) Microsoft Ireland Operations Limited, Verenigde Staten en India: EU-US Data Privacy Framework"
        " (adequaatheidsbesluit, artikel 45 AVG) en standaardcontractbepalingen (Uitvoeringsbesluit (EU) 2021/914,"
        " artikel 46 AVG).",
        "(a) Microsoft Ireland Operations Limited, United States and India: EU-US Data Privacy Framework (adequacy"
        " decision, Article 45 GDPR) and standard contractual clauses (Implementing Decision (EU) 2021/914, Article"
        " 46 GDPR).",
    )


def test_no_transfer_only_when_every_processing_and_access_location_is_in_the_eea(tmp_path: Path) -> None:
    data = customer(subprocessors={"list": [sub(locations=["DE", "FR"])]})
    nl, en = (annex_iii(data, lang, tmp_path) for lang in LANGS)
    assert "| Duitsland / Frankrijk | Geen doorgifte (uitsluitend EER)" in nl
    assert "| Germany / France | No transfer (EEA only)" in en
    assert_in(
        {"nl": nl, "en": en},
        "Een Subverwerker die de Persoonsgegevens uitsluitend in de EER verwerkt en ze uitsluitend vanuit de EER"
        " kan raadplegen, staat in de tabel vermeld zonder doorgifte;",
        "A Sub-processor that processes the Personal Data solely in the EEA and can access them solely from the"
        " EEA is shown without a transfer;",
    )


def test_annex_iii_shows_description_address_and_contact_side_by_side(tmp_path: Path) -> None:
    data = customer(
        subprocessors={
            "list": [
                sub(
                    "Hetzner Online GmbH",
                    service="data_centre",
                    city="Gunzenhausen",
                    address="Industriestraße 25, 91710",
                    contact="data-protection@hetzner.example",
                    description={"nl": "Colocatie van de verzendservers.", "en": "Colocation of the sending servers."},
                )
            ]
        }
    )
    text = contract_text(data, "nl+en", tmp_path)
    assert (
        "Nr. / No. | Subverwerker / Sub-processor | Dienst en verwerking / Service and processing | Landen van"
        " verwerking en toegang / Countries of processing and access | Doorgifte en grondslag / Transfer and basis"
    ) in text
    assert (
        "1 | Hetzner Online GmbH / Industriestraße 25, 91710, Gunzenhausen / Duitsland / Germany"
        " / data-protection@hetzner.example | datacenter (colocatie) / data centre (colocation)"
        " / Colocatie van de verzendservers. / Colocation of the sending servers. | Duitsland / Germany"
        " | Geen doorgifte (uitsluitend EER) / No transfer (EEA only)"
    ) in text


def test_specific_authorisation_refers_to_the_locations_the_table_lists(tmp_path: Path) -> None:
    data = customer(subprocessors={"authorisation": "specific", "list": [sub()]})
    nl, en = (annex_iii(data, lang, tmp_path) for lang in LANGS)
    assert (
        "Met het aangaan van deze Overeenkomst verleent Verwerkingsverantwoordelijke specifieke schriftelijke"
        " toestemming voor de inschakeling van de Subverwerkers in de onderstaande tabel, uitsluitend voor de"
        " diensten en de locaties van verwerking en toegang die daarin per Subverwerker zijn vermeld." in nl
    )
    assert "| Landen van verwerking en toegang |" in nl
    assert (
        "By entering into this Agreement, the Controller grants specific written authorisation for the engagement"
        " of the Sub-processors in the table below, solely for the services and the processing and access"
        " locations stated for each of them." in en
    )
    assert "| Countries of processing and access |" in en
    assert_in(
        clause(data, "subprocessing.authorisation", tmp_path),
        "Met het aangaan van deze Overeenkomst verleent Verwerkingsverantwoordelijke die toestemming voor de"
        " Subverwerkers die in artikel 6.2 zijn aangeduid, voor de diensten en de locaties van verwerking en"
        " toegang die in Bijlage III per Subverwerker zijn vermeld.",
        "By entering into this Agreement, the Controller grants that authorisation for the Sub-processors"
        " designated in Clause 6.2, for the services and the processing and access locations stated for each"
        " Sub-processor in Annex III.",
    )


def test_a_copy_of_the_sub_processor_contract_includes_its_amendments(tmp_path: Path) -> None:
    assert_in(
        clause(customer(), "subprocessing.list", tmp_path),
        "alsmede een afschrift van de overeenkomst met een Subverwerker en van alle latere wijzigingen daarvan,"
        " voor zover die op gegevensbescherming betrekking hebben.",
        "and with a copy of the contract with a Sub-processor, including any subsequent amendments to it, insofar"
        " as they relate to data protection.",
    )


# --- #12 and issue 11 point 1: which sub-processors, and an empty Annex III ----------------------


def test_an_empty_annex_iii_says_once_that_none_are_engaged_and_refers_to_no_table(tmp_path: Path) -> None:
    nl, en = (annex_iii(customer(), lang, tmp_path) for lang in LANGS)
    assert nl.count("Bij het aangaan van deze Overeenkomst schakelt Verwerker geen Subverwerkers in.") == 1
    assert en.count("On entering into this Agreement, the Processor does not engage any Sub-processors.") == 1
    assert "tabel" not in nl and "table" not in en
    assert "subverwerkers" not in nl and "sub-processors" not in en
    assert "|" not in nl and "|" not in en
    assert_in(
        clause(customer(), "subprocessing.engaged", tmp_path),
        "6.2 Bij het aangaan van deze Overeenkomst schakelt Verwerker geen Subverwerkers in.",
        "6.2 On entering into this Agreement, the Processor does not engage any Sub-processors.",
    )


def test_named_sub_processors_are_listed_in_annex_iii(tmp_path: Path) -> None:
    data = customer(subprocessors={"list": [sub()]})
    assert_in(
        clause(data, "subprocessing.engaged", tmp_path),
        "Bij het aangaan van deze Overeenkomst schakelt Verwerker de Subverwerkers in die in Bijlage III met naam"
        " zijn vermeld. Die bijlage vermeldt per Subverwerker de dienst,",
        "On entering into this Agreement, the Processor engages the Sub-processors listed by name in Annex III."
        " That annex states for each Sub-processor the service,",
    )
    assert_in(
        clause(data, "subprocessing.authorisation", tmp_path),
        "De Subverwerkers die in artikel 6.2 zijn aangeduid, zijn bij het aangaan van deze Overeenkomst aanvaard.",
        "The Sub-processors designated in Clause 6.2 are accepted on entering into this Agreement.",
    )
    nl, en = (annex_iii(data, lang, tmp_path) for lang in LANGS)
    assert (
        "De Subverwerkers in de onderstaande tabel vallen onder de algemene schriftelijke toestemming van artikel"
        " 6.1 en zijn bij het aangaan van deze Overeenkomst aanvaard. Verwerker kondigt iedere beoogde toevoeging"
        " of vervanging aan per e-mail, overeenkomstig artikel 6.3, en werkt deze bijlage bij zodra de wijziging"
        " van kracht wordt." in nl
    )
    assert (
        "The Sub-processors in the table below are covered by the general written authorisation in Clause 6.1 and"
        " are accepted on entering into this Agreement. The Processor shall announce any intended addition or"
        " replacement by email, in accordance with Clause 6.3, and shall update this annex as soon as the change"
        " takes effect." in en
    )
    assert "actuele lijst" not in nl and "current list" not in en


WEB = {"where": "web_page", "url": "https://www.voorbeeld.example/subverwerkers"}


def test_sub_processors_by_category_with_the_list_on_a_web_page(tmp_path: Path) -> None:
    data = customer(
        subprocessors={
            "categories": ["cloud_hosting", "email_delivery"],
            "current_list": WEB,
            "announcement": "web_page",
        }
    )
    assert_in(
        clause(data, "subprocessing.engaged", tmp_path),
        "Bij het aangaan van deze Overeenkomst schakelt Verwerker de Subverwerkers in die op dat moment op de"
        " actuele lijst van Subverwerkers staan; deze Overeenkomst noemt hen niet met naam. Bijlage III vermeldt"
        " hun categorieën en waar de actuele lijst wordt bijgehouden; die lijst vermeldt per Subverwerker de dienst,",
        "On entering into this Agreement, the Processor engages the Sub-processors that are on the current list of"
        " Sub-processors at that time; this Agreement does not name them. Annex III states their categories and"
        " where the current list is kept; that list states for each Sub-processor the service,",
    )
    nl, en = (annex_iii(data, lang, tmp_path) for lang in LANGS)
    assert (
        "De Subverwerkers die bij het aangaan van deze Overeenkomst op de hierna genoemde actuele lijst staan,"
        " vallen onder de algemene schriftelijke toestemming van artikel 6.1 en zijn op dat moment aanvaard.\n"
        "Verwerker schakelt Subverwerkers in die niet in deze Overeenkomst met naam zijn vermeld, van de volgende"
        " categorieën:\n(a) cloudhosting (infrastructuur);\n(b) verzending van e-mailberichten.\n"
        "Verwerker publiceert de actuele lijst van deze Subverwerkers op https://www.voorbeeld.example/subverwerkers,"
        " met per Subverwerker de dienst, de landen waar hij de Persoonsgegevens verwerkt en van waaruit hij er"
        " toegang toe heeft, en de grondslag voor een eventuele doorgifte naar een derde land. Verwerker kondigt"
        " iedere beoogde toevoeging of vervanging aan door publicatie op die webpagina, overeenkomstig artikel 6.3,"
        " en werkt de actuele lijst bij zodra de wijziging van kracht wordt." in nl
    )
    assert (
        "The Sub-processors that are on the current list referred to below on entering into this Agreement are"
        " covered by the general written authorisation in Clause 6.1 and are accepted at that time.\n"
        "The Processor engages Sub-processors that are not named in this Agreement, in the following categories:\n"
        "(a) cloud hosting (infrastructure);\n(b) email delivery.\n"
        "The Processor publishes the current list of these Sub-processors at"
        " https://www.voorbeeld.example/subverwerkers, stating for each Sub-processor the service, the countries in"
        " which it processes the Personal Data and from which it has access to them, and the basis for any transfer"
        " to a third country. The Processor shall announce any intended addition or replacement by publication on"
        " that web page, in accordance with Clause 6.3, and shall update the current list as soon as the change"
        " takes effect." in en
    )
    assert "|" not in nl and "tabel" not in nl and "table" not in en
    assert_in(
        clause(data, "transfers.current", tmp_path),
        "Verwerkingsverantwoordelijke geeft Verwerker hierbij de instructie om Persoonsgegevens door te geven aan"
        " de Subverwerkers die bij het aangaan van deze Overeenkomst op de actuele lijst van Subverwerkers staan"
        " met vermelding van een doorgifte naar een derde land, op de daar vermelde grondslag.",
        "The Controller hereby instructs the Processor to transfer Personal Data to the Sub-processors that, on"
        " entering into this Agreement, are on the current list of Sub-processors with a transfer to a third"
        " country stated, on the basis stated there.",
    )


@pytest.mark.parametrize(
    ("where", "nl", "en"),
    [
        (
            "order_form",
            "De actuele lijst van deze Subverwerkers, met per Subverwerker de dienst, de landen waar hij de"
            " Persoonsgegevens verwerkt en van waaruit hij er toegang toe heeft, en de grondslag voor een eventuele"
            " doorgifte naar een derde land, is opgenomen in het bestelformulier onder de Hoofdovereenkomst.",
            "The current list of these Sub-processors, stating for each Sub-processor the service, the countries in"
            " which it processes the Personal Data and from which it has access to them, and the basis for any"
            " transfer to a third country, is included in the order form under the Main Agreement.",
        ),
        (
            "on_request",
            "Verwerker verstrekt Verwerkingsverantwoordelijke op verzoek binnen 10 Werkdagen de actuele lijst van"
            " deze Subverwerkers, met per Subverwerker de dienst,",
            "On request, the Processor shall provide the Controller within 10 Business Days with the current list of"
            " these Sub-processors, stating for each Sub-processor the service,",
        ),
    ],
)
def test_the_current_list_in_the_order_form_or_on_request(where: str, nl: str, en: str, tmp_path: Path) -> None:
    data = customer(subprocessors={"categories": ["backup"], "current_list": {"where": where}})
    texts = {lang: annex_iii(data, lang, tmp_path) for lang in LANGS}
    assert_in(texts, nl, en)
    assert_in(
        texts,
        "Verwerker kondigt iedere beoogde toevoeging of vervanging aan per e-mail, overeenkomstig artikel 6.3",
        "The Processor shall announce any intended addition or replacement by email, in accordance with Clause 6.3",
    )


def test_named_sub_processors_and_a_current_list_together(tmp_path: Path) -> None:
    data = customer(subprocessors={"list": [sub()], "categories": ["backup"], "current_list": {"where": "order_form"}})
    assert_in(
        clause(data, "subprocessing.engaged", tmp_path),
        "Bij het aangaan van deze Overeenkomst schakelt Verwerker de Subverwerkers in die in Bijlage III met naam"
        " zijn vermeld, en daarnaast de Subverwerkers die op dat moment op de actuele lijst van Subverwerkers"
        " staan.",
        "On entering into this Agreement, the Processor engages the Sub-processors listed by name in Annex III and,"
        " in addition, the Sub-processors that are on the current list of Sub-processors at that time.",
    )
    nl, en = (annex_iii(data, lang, tmp_path) for lang in LANGS)
    assert "Hetzelfde geldt voor de Subverwerkers die op dat moment op de hierna genoemde actuele lijst staan." in nl
    assert "Verwerker schakelt daarnaast Subverwerkers in die niet in deze bijlage met naam zijn vermeld" in nl
    assert "en werkt deze bijlage en de actuele lijst bij zodra de wijziging van kracht wordt." in nl
    assert "The same applies to the Sub-processors that are on the current list referred to below at that time." in en
    assert "The Processor also engages Sub-processors that are not listed by name in this annex" in en
    assert "and shall update this annex and the current list as soon as the change takes effect." in en
    assert "1 | Cloud GmbH / Duitsland |" in nl and "1 | Cloud GmbH / Germany |" in en
    assert_in(
        clause(data, "transfers.current", tmp_path),
        "Geen van de in Bijlage III met naam vermelde Subverwerkers verwerkt de Persoonsgegevens buiten de EER of"
        " kan ze van daaruit raadplegen.",
        "None of the Sub-processors listed by name in Annex III processes the Personal Data outside the EEA or can"
        " access them from there.",
    )


def test_specific_authorisation_of_the_sub_processors_on_the_current_list(tmp_path: Path) -> None:
    data = customer(subprocessors={"authorisation": "specific", "categories": ["backup"], "current_list": WEB})
    nl, en = (annex_iii(data, lang, tmp_path) for lang in LANGS)
    assert (
        "Met het aangaan van deze Overeenkomst verleent Verwerkingsverantwoordelijke specifieke schriftelijke"
        " toestemming voor de inschakeling van de Subverwerkers die op dat moment op de hierna genoemde actuele"
        " lijst staan, uitsluitend voor de diensten en de locaties van verwerking en toegang die daarop per"
        " Subverwerker zijn vermeld." in nl
    )
    assert "Verwerker werkt de actuele lijst bij zodra een toegestane wijziging van kracht wordt." in nl
    assert (
        "By entering into this Agreement, the Controller grants specific written authorisation for the engagement"
        " of the Sub-processors that are on the current list referred to below at that time, solely for the"
        " services and the processing and access locations stated there for each of them." in en
    )
    assert "The Processor shall update the current list as soon as an authorised change takes effect." in en


# --- #14 and verdict (e): remote access by other entities, and the processor's own staff ---------


def test_remote_access_is_deemed_a_transfer_only_for_other_entities(tmp_path: Path) -> None:
    texts = clause(customer(), "transfers.instructions", tmp_path)
    assert_in(
        texts,
        "Voor de toepassing van dit artikel geldt als doorgifte mede het op afstand raadplegen van Persoonsgegevens"
        " vanuit een land buiten de EER door een andere entiteit dan Verwerker, zoals een Subverwerker of een"
        " groepsmaatschappij van Verwerker, bijvoorbeeld voor beheer of ondersteuning. Raadpleging door"
        " werknemers van Verwerker zelf is geregeld in artikel 10.2.",
        "For the purposes of this Clause, remote access to Personal Data from a country outside the EEA by an"
        " entity other than the Processor, such as a Sub-processor or a group company of the Processor, for"
        " example for maintenance or support, also constitutes a transfer. Access by the Processor's own employees"
        " is governed by Clause 10.2.",
    )


def test_own_staff_access_with_safeguards_is_not_labelled_a_transfer(tmp_path: Path) -> None:
    texts = clause(customer(transfers={"staff_access": "with_safeguards"}), "transfers.staff_access", tmp_path)
    assert_in(
        texts,
        "10.2 Werknemers van Verwerker mogen Persoonsgegevens raadplegen vanuit een land buiten de EER, bijvoorbeeld"
        " tijdens een reis, uitsluitend voor zover dat voor de Diensten nodig is en op de volgende voorwaarden:\n"
        "(a) de toegang verloopt via de systemen van Verwerker, met de maatregelen die in Bijlage II zijn"
        " beschreven;\n(b) de werknemer meldt zich aan met meervoudige authenticatie;\n"
        "(c) er worden geen Persoonsgegevens opgeslagen op het gebruikte apparaat of op andere lokale"
        " opslagmiddelen; en\n(d) Verwerker legt vast vanuit welk land de toegang plaatsvond en verstrekt die"
        " vastlegging op verzoek aan Verwerkingsverantwoordelijke.\nZulke toegang door werknemers van Verwerker"
        " zelf geldt niet als doorgifte in de zin van dit artikel.",
        "10.2 The Processor's employees may access Personal Data from a country outside the EEA, for example while"
        " travelling, only insofar as this is necessary for the Services and on the following conditions:\n"
        "(a) access takes place through the Processor's systems, with the measures described in Annex II;\n"
        "(b) the employee logs in with multi-factor authentication;\n"
        "(c) no Personal Data are stored on the device used or on other local storage media; and\n"
        "(d) the Processor records the country from which access took place and provides that record to the"
        " Controller on request.\nSuch access by the Processor's own employees does not constitute a transfer"
        " within the meaning of this Clause.",
    )


def test_own_staff_access_of_a_processor_outside_the_eea_excludes_its_own_countries(tmp_path: Path) -> None:
    assert_in(
        clause(us_processor("scc"), "transfers.staff_access", tmp_path),
        "10.2 Werknemers van Verwerker mogen Persoonsgegevens raadplegen vanuit een land buiten de EER waar"
        " Verwerker ze niet op grond van dit artikel zelf verwerkt, bijvoorbeeld tijdens een reis,",
        "10.2 The Processor's employees may access Personal Data from a country outside the EEA in which the"
        " Processor does not itself process them under this Clause, for example while travelling,",
    )


def test_own_staff_access_not_allowed(tmp_path: Path) -> None:
    assert_in(
        clause(customer(transfers={"staff_access": "not_allowed"}), "transfers.staff_access", tmp_path),
        "10.2 Werknemers van Verwerker raadplegen Persoonsgegevens niet vanuit een land buiten de EER, ook niet"
        " tijdelijk, zoals tijdens een reis.",
        "10.2 The Processor's employees shall not access Personal Data from a country outside the EEA, not even"
        " temporarily, such as while travelling.",
    )
    data = us_processor("scc")
    data["transfers"] = {"staff_access": "not_allowed"}
    assert_in(
        clause(data, "transfers.staff_access", tmp_path),
        "buiten de EER waar Verwerker ze niet op grond van dit artikel zelf verwerkt, ook niet",
        "outside the EEA in which the Processor does not itself process them under this Clause, not even",
    )


# --- #16 and verdict (f): the supervisory authority of the controller's establishment ----------


def test_the_authority_follows_the_controllers_establishment(tmp_path: Path) -> None:
    nl_controller = clause(customer(), "breach.assist", tmp_path)
    assert_in(
        nl_controller,
        "Voor Verwerkingsverantwoordelijke, die in Nederland is gevestigd, is de bevoegde toezichthoudende"
        " autoriteit in de regel de Autoriteit Persoonsgegevens.",
        "For the Controller, which is established in the Netherlands, the competent supervisory authority is as a"
        " rule the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).",
    )
    assert_not_in(nl_controller, "Gegevensbeschermingsautoriteit", "Gegevensbeschermingsautoriteit")
    be = customer(
        controller={"address": {"street": "Korenmarkt 1", "postcode": "9000", "city": "Gent", "country": "BE"}}
    )
    be_controller = clause(be, "breach.assist", tmp_path)
    assert_in(
        be_controller,
        "Voor Verwerkingsverantwoordelijke, die in België is gevestigd, is de bevoegde toezichthoudende autoriteit"
        " in de regel de Gegevensbeschermingsautoriteit (GBA/APD).",
        "For the Controller, which is established in Belgium, the competent supervisory authority is as a rule the"
        " Belgian Data Protection Authority (Gegevensbeschermingsautoriteit, GBA/APD).",
    )
    assert_not_in(be_controller, "Autoriteit Persoonsgegevens", "Autoriteit Persoonsgegevens")
    de = customer(
        controller={"address": {"street": "Hauptstraße 1", "postcode": "10115", "city": "Berlin", "country": "DE"}}
    )
    de_controller = clause(de, "breach.assist", tmp_path)
    assert_in(
        de_controller,
        "bij het melden van een Datalek aan de bevoegde toezichthoudende autoriteit, zodat",
        "in notifying a Personal Data Breach to the competent supervisory authority, so that",
    )
    for word in ("Autoriteit Persoonsgegevens", "Gegevensbeschermingsautoriteit", "in de regel", "as a rule"):
        assert word not in de_controller["nl"] and word not in de_controller["en"]


# --- #19: a breach at the controller's side -----------------------------------------------------


def test_assistance_with_a_breach_at_the_controller(tmp_path: Path) -> None:
    assert_in(
        clause(customer(), "breach.controller_side", tmp_path),
        "Doet een Datalek zich voor bij Verwerkingsverantwoordelijke zelf, bijvoorbeeld door misbruik van de"
        " inloggegevens van zijn gebruikers van de Diensten, dan verleent Verwerker hem op verzoek eveneens de"
        " bijstand die redelijkerwijs nodig is om het Datalek te onderzoeken en te beperken en om het te melden en"
        " mee te delen als bedoeld in artikel 9.8,",
        "If a Personal Data Breach occurs at the Controller itself, for example through misuse of the login"
        " credentials of its users of the Services, the Processor shall likewise on request provide the Controller"
        " with the assistance reasonably necessary to investigate and contain the breach and to notify and"
        " communicate it as referred to in Clause 9.8,",
    )


# --- issue 11 points 4 and 9: periods of data-subject requests and assistance -------------------


def test_request_periods_in_business_days_and_weeks_singular_and_plural(tmp_path: Path) -> None:
    data = customer(requests={"forward": "1 business day", "assist": "2 weeks"})
    assert_in(
        clause(data, "data_subject_rights.forwarding", tmp_path),
        "dan stuurt hij dat verzoek zonder onredelijke vertraging, en uiterlijk binnen 1 Werkdag na ontvangst, door"
        " aan Verwerkingsverantwoordelijke.",
        "it shall forward that request to the Controller without undue delay, and in any event within 1 Business"
        " Day of receipt.",
    )
    assert_in(
        clause(data, "data_subject_rights.execution", tmp_path),
        "de verwerking ervan te beperken uit binnen 2 weken na ontvangst, en in ieder geval zo tijdig dat"
        " Verwerkingsverantwoordelijke de termijnen van artikel 12, lid 3, AVG kan naleven.",
        "or to restrict their processing within 2 weeks of receipt, and in any event in time for the Controller to"
        " comply with the time limits of Article 12(3) GDPR.",
    )
    defaults = customer()
    assert_in(
        clause(defaults, "data_subject_rights.forwarding", tmp_path),
        "uiterlijk binnen 3 Werkdagen na ontvangst",
        "within 3 Business Days of receipt",
    )
    assert_in(
        clause(defaults, "data_subject_rights.execution", tmp_path),
        "binnen 5 Werkdagen na ontvangst",
        "within 5 Business Days of receipt",
    )


def test_request_periods_left_open(tmp_path: Path) -> None:
    data = customer(requests={"forward": "open", "assist": "open"})
    assert_in(
        clause(data, "data_subject_rights.forwarding", tmp_path),
        "dan stuurt hij dat verzoek zonder onredelijke vertraging door aan Verwerkingsverantwoordelijke.",
        "it shall forward that request to the Controller without undue delay.",
    )
    assert_in(
        clause(data, "data_subject_rights.execution", tmp_path),
        "de verwerking ervan te beperken uit binnen een redelijke termijn na ontvangst, en in ieder geval",
        "or to restrict their processing within a reasonable period after receipt, and in any event",
    )


def test_dpia_information_period_set_or_open(tmp_path: Path) -> None:
    assert_in(
        clause(customer(assistance={"dpia_days": "1 business day"}), "assistance.dpia", tmp_path),
        "dan verstrekt Verwerker binnen 1 Werkdag na een daartoe strekkend verzoek alle informatie",
        "the Processor shall, within 1 Business Day of a request to that effect, provide all information",
    )
    assert_in(
        clause(customer(assistance={"dpia_days": "open"}), "assistance.dpia", tmp_path),
        "dan verstrekt Verwerker binnen een redelijke termijn na een daartoe strekkend verzoek alle informatie",
        "the Processor shall, within a reasonable period after a request to that effect, provide all information",
    )


# --- issue 11 point 7: who pays for assistance ----------------------------------------------------


@pytest.mark.parametrize(
    ("costs", "nl", "en"),
    [
        (
            "free",
            "7.4 Verwerker verleent de bijstand op grond van dit artikel zonder vergoeding.",
            "7.4 The Processor shall provide the assistance under this Clause free of charge.",
        ),
        (
            "controller",
            "7.4 Verwerker mag voor de bijstand op grond van dit artikel een redelijke vergoeding in rekening brengen"
            " op basis van de tarieven van de Hoofdovereenkomst, na voorafgaande schriftelijke opgave van de geschatte"
            " kosten. Voor het doorsturen van verzoeken, voor het gebruik van functionaliteit van de Diensten waarmee"
            " Verwerkingsverantwoordelijke verzoeken zelf kan afhandelen en voor bijstand die het gevolg is van een"
            " tekortkoming van Verwerker is geen vergoeding verschuldigd.",
            "7.4 The Processor may charge a reasonable fee for the assistance under this Clause, based on the rates of"
            " the Main Agreement, after giving prior written notice of the estimated costs. No fee is payable for"
            " forwarding requests, for the use of functionality of the Services that enables the Controller to handle"
            " requests itself, or for assistance resulting from a failure by the Processor.",
        ),
        (
            "free_within_reason",
            "7.4 Verwerker verleent de bijstand op grond van dit artikel zonder afzonderlijke vergoeding, tenzij de"
            " gevraagde bijstand naar aard of omvang verder gaat dan redelijkerwijs mag worden verwacht.",
            "7.4 The Processor shall provide the assistance under this Clause without separate charge, unless the"
            " assistance requested goes beyond what may reasonably be expected in nature or extent.",
        ),
    ],
)
def test_who_pays_for_help_with_requests(costs: str, nl: str, en: str, tmp_path: Path) -> None:
    assert_in(clause(customer(requests={"costs": costs}), "data_subject_rights.costs", tmp_path), nl, en)


@pytest.mark.parametrize(
    ("costs", "nl", "en"),
    [
        (
            "free",
            "Verwerker verleent de bijstand op grond van dit artikel en artikel 9 zonder vergoeding.",
            "The Processor shall provide the assistance under this Clause and Clause 9 free of charge.",
        ),
        (
            "controller",
            "Verwerker mag voor de bijstand op grond van dit artikel en artikel 9 een redelijke vergoeding in rekening"
            " brengen op basis van de tarieven van de Hoofdovereenkomst, na voorafgaande schriftelijke opgave van de"
            " geschatte kosten. Voor bijstand die het gevolg is van een tekortkoming van Verwerker of van een Datalek"
            " bij Verwerker of een Subverwerker is geen vergoeding verschuldigd.",
            "The Processor may charge a reasonable fee for the assistance under this Clause and Clause 9, based on the"
            " rates of the Main Agreement, after giving prior written notice of the estimated costs. No fee is payable"
            " for assistance resulting from a failure by the Processor or from a Personal Data Breach at the Processor"
            " or a Sub-processor.",
        ),
        (
            "free_within_reason",
            "Verwerker verleent de bijstand op grond van dit artikel en artikel 9 zonder afzonderlijke vergoeding,"
            " tenzij de gevraagde bijstand naar aard of omvang verder gaat dan redelijkerwijs mag worden verwacht.",
            "The Processor shall provide the assistance under this Clause and Clause 9 without separate charge, unless"
            " the assistance requested goes beyond what may reasonably be expected in nature or extent.",
        ),
    ],
)
def test_who_pays_for_dpia_and_breach_assistance(costs: str, nl: str, en: str, tmp_path: Path) -> None:
    texts = clause(customer(assistance={"costs": costs}), "assistance.costs", tmp_path)
    assert_in(texts, nl, en)
    assert_not_in(texts, "artikel 7", "Clause 7")  # requests have their own rule (7.4)


# --- issue 11 points 9, 11 and 12: notice, objection, remedies, announcement ---------------------


def test_notice_and_objection_periods_in_weeks(tmp_path: Path) -> None:
    data = customer(subprocessors={"notice_days": "2 weeks", "objection_days": "1 week"})
    assert_in(
        clause(data, "subprocessing.notice", tmp_path),
        "Verwerker informeert Verwerkingsverantwoordelijke ten minste 2 weken voordat een nieuwe of vervangende"
        " Subverwerker Persoonsgegevens gaat verwerken over die beoogde wijziging, per e-mail aan de contactpersoon"
        " van Verwerkingsverantwoordelijke.",
        "The Processor shall inform the Controller of any intended addition or replacement of a Sub-processor at"
        " least 2 weeks before the new Sub-processor starts processing Personal Data, by email to the Controller's"
        " contact person.",
    )
    assert_in(
        clause(data, "subprocessing.notice", tmp_path),
        "De kennisgevingstermijn en de termijn om bezwaar te maken gaan in op de dag van de kennisgeving.",
        "The notice period and the period for objecting start on the day of the notice.",
    )
    assert_in(
        clause(data, "subprocessing.objection", tmp_path),
        "Verwerkingsverantwoordelijke kan binnen 1 week na de kennisgeving schriftelijk en met redenen omkleed"
        " bezwaar maken tegen een beoogde toevoeging of vervanging. Verwerker laat de nieuwe Subverwerker geen"
        " Persoonsgegevens verwerken voordat de in artikel 6.3 genoemde termijn is verstreken.",
        "The Controller may object to an intended addition or replacement in writing, stating its reasons, within 1"
        " week of the notice. The Processor shall not allow the new Sub-processor to process Personal Data before"
        " the period referred to in Clause 6.3 has expired.",
    )


def test_without_an_objection_period_the_whole_notice_period_applies(tmp_path: Path) -> None:
    assert_in(
        clause(customer(), "subprocessing.objection", tmp_path),
        "Verwerkingsverantwoordelijke kan tot het einde van de in artikel 6.3 genoemde termijn schriftelijk en met"
        " redenen omkleed bezwaar maken",
        "The Controller may object to an intended addition or replacement in writing, stating its reasons, until the"
        " end of the period referred to in Clause 6.3.",
    )


@pytest.mark.parametrize("authorisation", ["general", "specific"])
def test_objection_remedies_and_refund(authorisation: str, tmp_path: Path) -> None:
    whole = customer(
        subprocessors={
            "authorisation": authorisation,
            "objection_remedy": "terminate_agreement",
            "refund_prepaid": "false",
        }
    )
    assert_in(
        clause(whole, "subprocessing.objection", tmp_path),
        "kan Verwerkingsverantwoordelijke de Hoofdovereenkomst in haar geheel schriftelijk opzeggen, zonder tot"
        " enige schadevergoeding of boete gehouden te zijn. Voor vooruitbetaalde vergoedingen geldt wat de"
        " Hoofdovereenkomst bepaalt.",
        "the Controller may terminate the Main Agreement in its entirety in writing, without being liable for any"
        " compensation or penalty. Fees paid in advance are governed by the Main Agreement.",
    )
    part = customer(
        subprocessors={
            "authorisation": authorisation,
            "objection_remedy": "terminate_services",
            "refund_prepaid": "true",
        }
    )
    assert_in(
        clause(part, "subprocessing.objection", tmp_path),
        "kan Verwerkingsverantwoordelijke de Hoofdovereenkomst schriftelijk opzeggen voor zover die op de"
        " desbetreffende Diensten betrekking heeft, zonder tot enige schadevergoeding of boete gehouden te zijn;"
        " Verwerker betaalt vooruitbetaalde vergoedingen voor de periode na de opzegging naar rato terug.",
        "the Controller may terminate the Main Agreement in writing insofar as it relates to the Services concerned,"
        " without being liable for any compensation or penalty; the Processor shall refund pro rata any fees paid"
        " in advance for the period after termination.",
    )


def test_specific_authorisation_with_a_decision_period(tmp_path: Path) -> None:
    data = customer(subprocessors={"authorisation": "specific", "objection_days": "14 days"})
    assert_in(
        clause(data, "subprocessing.objection", tmp_path),
        "het uitblijven van een reactie geldt niet als toestemming. Verwerkingsverantwoordelijke deelt zijn"
        " beslissing binnen 14 dagen na ontvangst van het verzoek mee.",
        "the absence of a response does not constitute authorisation. The Controller shall communicate its decision"
        " within 14 days of receiving the request.",
    )


@pytest.mark.parametrize(
    ("announcement", "nl", "en"),
    [
        (
            "email",
            "over die beoogde wijziging, per e-mail aan de contactpersoon van Verwerkingsverantwoordelijke.",
            "before the new Sub-processor starts processing Personal Data, by email to the Controller's contact"
            " person.",
        ),
        (
            "web_page",
            "over die beoogde wijziging, door de wijziging met vermelding van de datum te publiceren op de webpagina"
            " https://www.voorbeeld.example/subverwerkers. De kennisgeving vermeldt",
            "by publishing the change, with its date, on the web page https://www.voorbeeld.example/subverwerkers."
            " The notice shall state",
        ),
        (
            "email_and_web_page",
            "over die beoogde wijziging, per e-mail aan de contactpersoon van Verwerkingsverantwoordelijke en door de"
            " wijziging met vermelding van de datum te publiceren op de webpagina"
            " https://www.voorbeeld.example/subverwerkers.",
            "by email to the Controller's contact person and by publishing the change, with its date, on the web page"
            " https://www.voorbeeld.example/subverwerkers.",
        ),
        (
            "in_service",
            "over die beoogde wijziging, door een bericht in de beheeromgeving van de Diensten.",
            "by a message in the administration console of the Services.",
        ),
    ],
)
def test_how_changes_are_announced(announcement: str, nl: str, en: str, tmp_path: Path) -> None:
    data = customer(subprocessors={"announcement": announcement, "categories": ["backup"], "current_list": WEB})
    texts = clause(data, "subprocessing.notice", tmp_path)
    assert_in(texts, nl, en)
    subscription = (
        "Verwerker biedt Verwerkingsverantwoordelijke de mogelijkheid zich aan te melden voor een bericht per e-mail"
        " bij iedere nieuwe publicatie.",
        "The Processor shall enable the Controller to subscribe to an email message on each new publication.",
    )
    if announcement == "web_page":
        assert_in(texts, *subscription)
    else:
        assert_not_in(texts, *subscription)


def test_a_request_for_specific_authorisation_goes_to_the_controller_and_on_the_web_page(tmp_path: Path) -> None:
    web = customer(
        subprocessors={
            "authorisation": "specific",
            "announcement": "web_page",
            "categories": ["backup"],
            "current_list": WEB,
        }
    )
    assert_in(
        clause(web, "subprocessing.notice", tmp_path),
        "een schriftelijk verzoek om toestemming in bij Verwerkingsverantwoordelijke, per e-mail aan zijn"
        " contactpersoon, met vermelding van",
        "it shall submit a written request for authorisation to the Controller at least 30 days before that"
        " Sub-processor starts processing Personal Data, by email to the Controller's contact person, stating",
    )
    assert_in(
        clause(web, "subprocessing.notice", tmp_path),
        "Verwerker vermeldt het verzoek daarnaast op de webpagina https://www.voorbeeld.example/subverwerkers.",
        "The Processor shall also publish the request on the web page https://www.voorbeeld.example/subverwerkers.",
    )
    in_service = customer(subprocessors={"authorisation": "specific", "announcement": "in_service"})
    assert_in(
        clause(in_service, "subprocessing.notice", tmp_path),
        "bij Verwerkingsverantwoordelijke, via de beheeromgeving van de Diensten, met vermelding van",
        "to the Controller at least 30 days before that Sub-processor starts processing Personal Data, through the"
        " administration console of the Services, stating",
    )


# --- issue 11 point 12: breach scope, deadline; a confidential processing record ---------------


def test_the_breach_deadline_is_always_explicit_in_hours_singular_and_plural(tmp_path: Path) -> None:
    assert_in(
        clause(customer(), "breach.notification", tmp_path),
        "zodra hij kennis heeft genomen van een Datalek, en in ieder geval binnen 48 uur daarna.",
        "after becoming aware of a Personal Data Breach, and in any event within 48 hours thereafter.",
    )
    assert_in(
        clause(customer(breach={"notice_hours": "1 hour"}), "breach.notification", tmp_path),
        "en in ieder geval binnen 1 uur daarna.",
        "and in any event within 1 hour thereafter.",
    )


@pytest.mark.slow  # a full check of the bundled library
@pytest.mark.parametrize(("hours", "code"), [("open", "C122"), ("72 hours", "C102")])
def test_the_breach_deadline_cannot_be_left_open_or_exceed_48_hours(hours: str, code: str, tmp_path: Path) -> None:
    path = tmp_path / "customer.yaml"
    path.write_text(yaml.safe_dump(customer(breach={"notice_hours": hours}), allow_unicode=True), encoding="utf-8")
    result = check([path], REPO / "clauses")
    assert [c for c, _ in found(result)] == [code]


def test_breach_scope_breaches_and_suspected(tmp_path: Path) -> None:
    texts = clause(customer(breach={"scope": "breaches_and_suspected"}), "breach.scope", tmp_path)
    assert_in(
        texts,
        "9.2 De meldplicht van artikel 9.1 geldt voor ieder Datalek, ongeacht de omvang ervan of het risico dat"
        " Verwerker eraan verbindt; of een Datalek op grond van artikel 33 of artikel 34 AVG moet worden gemeld of"
        " meegedeeld, staat niet ter beoordeling van Verwerker. Verwerker meldt binnen dezelfde termijn ook een"
        " beveiligingsincident waarvan nog niet vaststaat of het een Datalek is,",
        "9.2 The duty to notify under Clause 9.1 applies to every Personal Data Breach, regardless of its scale or"
        " the risk the Processor attaches to it; whether a Personal Data Breach must be notified or communicated"
        " under Article 33 or Article 34 GDPR is not for the Processor to assess. Within the same time limit, the"
        " Processor shall also report a security incident which has not yet been established to be a Personal Data"
        " Breach,",
    )


def test_breach_scope_breaches_only(tmp_path: Path) -> None:
    texts = clause(customer(breach={"scope": "breaches"}), "breach.scope", tmp_path)
    assert_in(
        texts,
        "staat niet ter beoordeling van Verwerker. Een beveiligingsincident waarbij geen Persoonsgegevens zijn"
        " getroffen, hoeft Verwerker niet te melden. Verwerker onderzoekt een beveiligingsincident zonder"
        " onredelijke vertraging, zodat hij tijdig kan vaststellen of het een Datalek is.",
        "is not for the Processor to assess. The Processor need not notify a security incident that has not"
        " affected Personal Data. The Processor shall investigate a security incident without undue delay, so that"
        " it can establish in time whether it is a Personal Data Breach.",
    )
    assert_not_in(texts, "nog niet vaststaat", "not yet been established")


def test_the_processing_record_on_request_or_for_the_authority_only(tmp_path: Path) -> None:
    assert_in(
        clause(customer(assistance={"processing_record": "on_request"}), "assistance.records", tmp_path),
        "Op verzoek stelt Verwerker Verwerkingsverantwoordelijke de gegevens uit dat register ter beschikking",
        "On request, the Processor shall provide the Controller with the information from that record",
    )
    texts = clause(customer(assistance={"processing_record": "authority_only"}), "assistance.records", tmp_path)
    assert_in(
        texts,
        "Dat register, dat ook verwerkingen voor andere verwerkingsverantwoordelijken bevat, is vertrouwelijk:"
        " Verwerker stelt het uitsluitend op verzoek ter beschikking van de toezichthoudende autoriteit,"
        " overeenkomstig artikel 30, lid 4, AVG. Op verzoek verstrekt Verwerker Verwerkingsverantwoordelijke de"
        " informatie over de verwerking ten behoeve van hem die deze nodig heeft voor zijn eigen register van de"
        " verwerkingsactiviteiten, voor zover die niet al uit Bijlage I blijkt.",
        "That record, which also covers processing for other controllers, is confidential: the Processor shall make"
        " it available only to the supervisory authority on request, in accordance with Article 30(4) GDPR. On"
        " request, the Processor shall provide the Controller with the information on the processing carried out"
        " on its behalf that the Controller needs for its own record of processing activities, insofar as that"
        " information does not already appear from Annex I.",
    )
    assert_not_in(texts, "gegevens uit dat register", "information from that record")


# --- the sub-processing agreement (art. 28(4)) -------------------------------------------------


def subprocessing(**changes: Any) -> dict[str, Any]:
    data = customer(**SUBPROCESSING)
    data.update(changes)
    return data


def test_further_sub_processors_only_within_the_upstream_controllers_authorisation(tmp_path: Path) -> None:
    data = subprocessing()
    assert_in(
        clause(data, "subprocessing.upstream", tmp_path),
        "6.5 De toestemming die Verwerker op grond van dit artikel verleent, reikt niet verder dan de algemene of"
        " specifieke schriftelijke toestemming die de Verwerkingsverantwoordelijke Verwerker voor het inschakelen"
        " van andere verwerkers heeft verleend. Vereist de overeenkomst tussen Verwerker en de"
        " Verwerkingsverantwoordelijke voor een Verdere Subverwerker een specifieke toestemming van de"
        " Verwerkingsverantwoordelijke, dan neemt Subverwerker die Verdere Subverwerker niet in dienst voordat"
        " Verwerker hem schriftelijk heeft bevestigd dat die toestemming is verleend. Subverwerker doet een"
        " kennisgeving of verzoek op grond van artikel 6.3 zo tijdig dat Verwerker de Verwerkingsverantwoordelijke"
        " binnen de termijn van die overeenkomst kan informeren en diens bezwaar kan afwachten. Een bezwaar van de"
        " Verwerkingsverantwoordelijke dat Verwerker aan Subverwerker doorgeeft, geldt als bezwaar van Verwerker op"
        " grond van artikel 6.4.",
        "6.5 The authorisation the Processor gives under this Clause does not extend beyond the general or specific"
        " written authorisation that the Controller has given the Processor for engaging other processors. If the"
        " contract between the Processor and the Controller requires the Controller's specific authorisation for a"
        " Further Sub-processor, the Sub-processor shall not engage that Further Sub-processor until the Processor"
        " has confirmed to it in writing that such authorisation has been given. The Sub-processor shall give a"
        " notice or request under Clause 6.3 in time for the Processor to inform the Controller within the period"
        " of that contract and to await the Controller's objection. An objection by the Controller that the"
        " Processor passes on to the Sub-processor constitutes an objection by the Processor under Clause 6.4.",
    )
    assert clause(customer(), "subprocessing.upstream", tmp_path) == {"nl": "", "en": ""}
    assert_in(
        clause(data, "subprocessing.authorisation", tmp_path),
        "Verwerker verleent Subverwerker hierbij algemene schriftelijke toestemming om Verdere Subverwerkers in"
        " dienst te nemen",
        "The Processor hereby grants the Sub-processor general written authorisation to engage Further Sub-processors",
    )


def test_breach_notices_flow_up_in_time_for_the_processors_own_deadline(tmp_path: Path) -> None:
    data = subprocessing(breach={"notice_hours": "24 hours"})
    assert_in(
        clause(data, "breach.notification", tmp_path),
        "9.1 Subverwerker informeert Verwerker zonder onredelijke vertraging zodra hij kennis heeft genomen van een"
        " Datalek, en in ieder geval binnen 24 uur daarna. Heeft Verwerker Subverwerker schriftelijk meegedeeld"
        " binnen welke termijn hij een Datalek aan de Verwerkingsverantwoordelijke moet melden, dan informeert"
        " Subverwerker Verwerker bovendien zo tijdig dat Verwerker die termijn kan nakomen. Dit geldt ook voor een"
        " Datalek bij een Verdere Subverwerker;",
        "9.1 The Sub-processor shall notify the Processor without undue delay after becoming aware of a Personal"
        " Data Breach, and in any event within 24 hours thereafter. If the Processor has informed the Sub-processor"
        " in writing of the time limit within which it must notify a Personal Data Breach to the Controller, the"
        " Sub-processor shall moreover notify the Processor in time for the Processor to meet that time limit. This"
        " also applies to a Personal Data Breach at a Further Sub-processor;",
    )
    assert_in(
        clause(data, "breach.controller_decides", tmp_path),
        "Of een Datalek aan de toezichthoudende autoriteit wordt gemeld of aan Betrokkenen wordt meegedeeld,"
        " beoordeelt de Verwerkingsverantwoordelijke; Verwerker brengt de melding van Subverwerker daartoe aan hem"
        " over. Subverwerker meldt een Datalek niet zelf aan een toezichthoudende autoriteit, deelt het niet mee aan"
        " Betrokkenen, richt zich daarover niet rechtstreeks tot de Verwerkingsverantwoordelijke",
        "Whether a Personal Data Breach is to be notified to the supervisory authority or communicated to Data"
        " Subjects is decided by the Controller; the Processor passes the Sub-processor's notification on to the"
        " Controller for that purpose. The Sub-processor shall not itself notify a Personal Data Breach to a"
        " supervisory authority, communicate it to Data Subjects, approach the Controller directly about it",
    )
    texts = clause(data, "breach.assist", tmp_path)
    assert_in(
        texts,
        "Subverwerker verleent Verwerker alle redelijkerwijs benodigde bijstand, zodat Verwerker de"
        " Verwerkingsverantwoordelijke kan bijstaan bij het melden van een Datalek aan de bevoegde toezichthoudende"
        " autoriteit, wat zonder onredelijke vertraging en zo mogelijk uiterlijk 72 uur nadat de"
        " Verwerkingsverantwoordelijke er kennis van heeft genomen moet gebeuren,",
        "The Sub-processor shall provide the Processor with all reasonably necessary assistance to enable the"
        " Processor to assist the Controller in notifying a Personal Data Breach to the competent supervisory"
        " authority, which must be done without undue delay and, where feasible, not later than 72 hours after the"
        " Controller has become aware of it,",
    )
    assert_not_in(texts, "Autoriteit Persoonsgegevens", "Autoriteit Persoonsgegevens")
    assert_in(
        clause(data, "breach.documentation", tmp_path),
        "en stelt die documentatie op verzoek ter beschikking aan Verwerker, zodat de Verwerkingsverantwoordelijke"
        " aan artikel 33, lid 5, AVG kan voldoen.",
        "and shall make that documentation available to the Processor on request, so that the Controller can"
        " comply with Article 33(5) GDPR.",
    )


def test_transfers_rest_on_the_upstream_controllers_instruction(tmp_path: Path) -> None:
    assert_in(
        clause(subprocessing(), "transfers.upstream", tmp_path),
        "Verwerker geeft een instructie tot doorgifte op grond van dit artikel uitsluitend voor zover de"
        " Verwerkingsverantwoordelijke hem daartoe schriftelijk heeft geïnstrueerd. Subverwerker deelt Verwerker"
        " iedere beoogde doorgifte, ook door een Verdere Subverwerker, met de grondslag daarvoor zo tijdig mee dat"
        " Verwerker de instructie van de Verwerkingsverantwoordelijke kan verkrijgen voordat de doorgifte"
        " plaatsvindt.",
        "The Processor shall give an instruction to transfer under this Clause only insofar as the Controller has"
        " instructed it to that effect in writing. The Sub-processor shall inform the Processor of any intended"
        " transfer, including a transfer by a Further Sub-processor, and of its basis, in time for the Processor to"
        " obtain the Controller's instruction before the transfer takes place.",
    )
    assert clause(customer(), "transfers.upstream", tmp_path) == {"nl": "", "en": ""}


def test_requests_and_assessments_are_the_upstream_controllers(tmp_path: Path) -> None:
    data = subprocessing()
    assert_in(
        clause(data, "data_subject_rights.execution", tmp_path),
        "Subverwerker voert een instructie van Verwerker om Persoonsgegevens ter inzage te verstrekken, over te"
        " dragen, te rectificeren, te wissen of de verwerking ervan te beperken uit binnen 5 Werkdagen na ontvangst,"
        " en in ieder geval zo tijdig dat de Verwerkingsverantwoordelijke de termijnen van artikel 12, lid 3, AVG"
        " kan naleven.",
        "The Sub-processor shall carry out an instruction from the Processor to provide access to, port, rectify or"
        " erase Personal Data or to restrict their processing within 5 Business Days of receipt, and in any event in"
        " time for the Controller to comply with the time limits of Article 12(3) GDPR.",
    )
    assert_in(
        clause(data, "assistance.dpia", tmp_path),
        "Voert de Verwerkingsverantwoordelijke een gegevensbeschermingseffectbeoordeling als bedoeld in artikel 35"
        " AVG uit die op de verwerking betrekking heeft, of actualiseert hij die, dan verstrekt Subverwerker"
        " Verwerker binnen 10 Werkdagen na een daartoe strekkend verzoek alle informatie",
        "If the Controller carries out or updates a data protection impact assessment within the meaning of Article"
        " 35 GDPR relating to the processing, the Sub-processor shall, within 10 Business Days of a request to that"
        " effect, provide the Processor with all information",
    )
    assert_in(
        clause(data, "assistance.prior_consultation", tmp_path),
        "Raadpleegt de Verwerkingsverantwoordelijke op grond van artikel 36 AVG voorafgaand aan de verwerking de"
        " toezichthoudende autoriteit, dan verleent Subverwerker via Verwerker medewerking",
        "If the Controller consults the supervisory authority prior to processing pursuant to Article 36 GDPR, the"
        " Sub-processor shall cooperate in that prior consultation through the Processor,",
    )


def test_annex_iii_of_a_sub_processing_agreement_lists_further_sub_processors(tmp_path: Path) -> None:
    data = subprocessing(subprocessors={"list": [sub()]})
    nl, en = (annex_iii(data, lang, tmp_path) for lang in LANGS)
    assert nl.startswith("Bijlage III – Verdere Subverwerkers")
    assert "Nr. | Verdere Subverwerker | Dienst en verwerking |" in nl
    assert en.startswith("Annex III – Further Sub-processors")
    assert "No. | Further Sub-processor | Service and processing |" in en


@pytest.mark.slow  # a full check of the bundled library
def test_the_art_28_4_duties_apply_to_sub_processing_agreements_and_are_covered(tmp_path: Path) -> None:
    library = load_library(REPO / "clauses")
    ours = {"A28_4_further_subproc_upstream_authorisation", "A28_4_transfers_upstream", "A28_4_breach_upstream"}
    duties = {d.id: d for d in library.duties.duties if d.id in ours}
    assert set(duties) == ours
    assert all(d.kinds == ("processor_subprocessor",) for d in duties.values())
    path = tmp_path / "subprocessing.yaml"
    path.write_text(yaml.safe_dump(subprocessing(), allow_unicode=True), encoding="utf-8")
    assert found(check([path], REPO / "clauses"), strict=True) == []
