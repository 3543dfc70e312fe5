"""The generated text from the parties to security and of Annexes I and II, in both languages and every variant.

The parties, recitals, definitions, subject matter, instructions, confidentiality and
security clauses (legal review 2026-12 #2, #5, #7, #9, #10, #12, #17, #18, #20, #21, #25,
verdict (g); issue 11 points 2, 5, 10, 11 and the sub-processing agreement).

Each test states the sentence (or its decisive part) a lawyer reads, so a wording that slips
back fails here before it reaches a contract.
"""

from __future__ import annotations

import json
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from dpa_gen import locale
from dpa_gen.errors import UserError
from tests.contract_text import REPO, build_document, clause_text, contract_text, customer

LANGS = ("nl", "en")


@cache
def _text(key: str, lang: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        return contract_text(json.loads(key), lang, Path(tmp))


@cache
def _clause(key: str, lang: str, clause_id: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        return clause_text(json.loads(key), lang, clause_id, Path(tmp))


def text(data: dict[str, Any], lang: str) -> str:
    """The whole contract as text (cached per customer and language)."""
    return _text(json.dumps(data, sort_keys=True), lang)


def clause(data: dict[str, Any], lang: str, clause_id: str) -> str:
    """One clause's text, its number first (cached)."""
    return _clause(json.dumps(data, sort_keys=True), lang, clause_id)


def annex(data: dict[str, Any], lang: str, title: str, until: str | None = None) -> str:
    """The text of an annex, from its heading to the next annex (or ``until``)."""
    body = text(data, lang)
    start = body.index(title)
    end = body.find(until, start) if until else -1
    return body[start : end if end >= 0 else None]


def load_error(data: dict[str, Any]) -> str:
    """The diagnostics of a customer file that must be refused."""
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(UserError) as caught:
        build_document(data, "nl", Path(tmp))
    return "\n".join(f"{d.code} {d}" for d in caught.value.diagnostics)


def party(lang: str, role: str = "controller", **fields: Any) -> str:
    """The party clause of ``role`` for a party with ``fields`` changed."""
    return clause(customer(**{role: fields}), lang, f"parties.{role}")


ANNEX_I = {"nl": "Bijlage I – ", "en": "Annex I – "}
ANNEX_II = {"nl": "Bijlage II – ", "en": "Annex II – "}
ANNEX_III = {"nl": "Bijlage III – ", "en": "Annex III – "}


# --- The filters the clauses use for customer values --------------------------------------


@pytest.mark.parametrize(
    ("typed", "inline"),
    [
        ("De levering, hosting en het functioneel beheer", "de levering, hosting en het functioneel beheer"),
        (
            "Hosting and maintaining the Controller's bookkeeping",
            "hosting and maintaining the Controller's bookkeeping",
        ),
        ("Back-ups maken", "back-ups maken"),
        ("Salarisadministratie", "salarisadministratie"),
        ("BSN-verwerking voor de Wmo", "BSN-verwerking voor de Wmo"),  # an abbreviation
        ("ICT-beheer", "ICT-beheer"),
        ("SaaS-dienstverlening", "SaaS-dienstverlening"),  # capitals inside the word
        ("iPad-beheer", "iPad-beheer"),
        ("B.V. Holding", "B.V. Holding"),
        ("Gemeente Zuidhaven beheert", "Gemeente Zuidhaven beheert"),  # a name of capitalised words
        ("Microsoft 365 beheren", "Microsoft 365 beheren"),
        ("Noord-Holland en Zeeland", "Noord-Holland en Zeeland"),
        ("de levering", "de levering"),
    ],
)
def test_inline_lowercases_only_an_ordinary_first_word(typed: str, inline: str) -> None:
    assert locale.inline(typed) == inline


def test_items_uses_semicolons_when_an_item_contains_the_conjunction_or_a_comma() -> None:
    assert locale.join_items(["opslaan", "wissen", "raadplegen"], "nl") == "opslaan, wissen en raadplegen"
    assert locale.join_items(["opslaan", "maken en bewaren van back-ups"], "nl") == (
        "opslaan; en maken en bewaren van back-ups"
    )
    assert locale.join_items(["storage", "making and keeping backups", "erasure"], "en") == (
        "storage; making and keeping backups; and erasure"
    )
    assert locale.join_items(["Mailgun Technologies, Inc., Verenigde Staten", "Mollie B.V., Nederland"], "nl") == (
        "Mailgun Technologies, Inc., Verenigde Staten; en Mollie B.V., Nederland"
    )
    assert locale.join_items(["scc", "dpf"], "en", style="or") == "scc or dpf"
    assert locale.join_items(["alleen"], "nl") == "alleen"


@pytest.mark.parametrize(
    ("code", "nl", "en"),
    [
        ("NL", "Nederland", "the Netherlands"),
        ("US", "de Verenigde Staten", "the United States"),
        ("GB", "het Verenigd Koninkrijk", "the United Kingdom"),
        ("DE", "Duitsland", "Germany"),
        ("PH", "de Filipijnen", "the Philippines"),
        ("BA", "Bosnië en Herzegovina", "Bosnia and Herzegovina"),
    ],
)
def test_country_names_take_their_article_in_running_text(code: str, nl: str, en: str) -> None:
    assert locale.country_in_text(locale.country_name(code, "nl"), "nl") == nl
    assert locale.country_in_text(locale.country_name(code, "en"), "en") == en


@pytest.mark.parametrize(
    ("street", "country", "written"),
    [
        ("Stadhuisplein 1", "NL", "het Stadhuisplein 1"),
        ("Keizersgracht 1", "NL", "de Keizersgracht 1"),
        ("Brink 5", "NL", "de Brink 5"),
        ("Lange Delft 44", "NL", "de Lange Delft 44"),
        ("Rokin 12", "NL", "het Rokin 12"),
        ("Meir 34", "BE", "de Meir 34"),
        ("De Ruyterkade 5", "NL", "De Ruyterkade 5"),
        ("Postbus 100", "NL", "Postbus 100"),
        ("10 Downing Street", "GB", "10 Downing Street"),
        ("Main Street 1", "US", "Main Street 1"),
    ],
)
def test_dutch_streets_take_their_article_after_aan(street: str, country: str, written: str) -> None:
    assert locale.street_in_text(street, country) == written


def test_indefinite_article_of_an_apposition() -> None:
    assert locale.indefinite("stichting", "nl") == "een stichting"
    assert locale.indefinite("association under Dutch law", "en") == "an association under Dutch law"
    assert locale.indefinite("European company (SE)", "en") == "a European company (SE)"
    assert locale.indefinite("private limited company", "en") == "a private limited company"


# --- #10, #25: the party block ------------------------------------------------------------


def test_public_body_name_first_zetelend_te_and_office_aan_het_plein() -> None:
    fields = {
        "name": "Gemeente Zuidhaven",
        "legal_form": "public_body",
        "kvk": None,
        "address": {"street": "Stadhuisplein 1", "postcode": "4331 AB", "city": "Middelburg"},
        "representative": {
            "name": "drs. M. (Marieke) de Ruiter",
            "role": "mayor",
            "capacity": {
                "nl": (
                    "handelend ter uitvoering van het besluit van het college van burgemeester en wethouders van 21 "
                    "april 2026"
                ),
                "en": "acting in execution of the decision of the Board of Mayor and Aldermen of 21 April 2026",
            },
        },
    }
    nl, en = party("nl", **fields), party("en", **fields)
    assert nl == (
        "1 Gemeente Zuidhaven, een openbaar lichaam, zetelend te Middelburg, kantoorhoudende aan het"
        " Stadhuisplein 1, 4331 AB Middelburg, te dezen rechtsgeldig vertegenwoordigd door drs. M. (Marieke)"
        " de Ruiter, burgemeester, handelend ter uitvoering van het besluit van het college van burgemeester en"
        " wethouders van 21 april 2026, hierna te noemen: Verwerkingsverantwoordelijke; en"
    )
    assert en == (
        "1 Gemeente Zuidhaven, a public body, having its seat in Middelburg and its office at Stadhuisplein 1,"
        " 4331 AB Middelburg, duly represented by drs. M. (Marieke) de Ruiter, mayor, acting in execution of the"
        " decision of the Board of Mayor and Aldermen of 21 April 2026, hereinafter referred to as the"
        " Controller; and"
    )
    for old in ("De openbaar lichaam", "gevestigd en kantoorhoudende te", "kantoorhoudende te Stadhuisplein"):
        assert old not in nl


def test_legal_form_is_left_out_when_the_name_already_says_it() -> None:
    fields = {"name": "Stichting Zorggroep De Linde", "legal_form": "stichting"}
    nl, en = party("nl", **fields), party("en", **fields)
    assert nl.startswith(
        "1 Stichting Zorggroep De Linde, statutair gevestigd te Utrecht, kantoorhoudende aan het Marktplein 3"
    )
    assert "De stichting Stichting" not in nl and "een stichting" not in nl
    # the English apposition explains the Dutch form
    assert en.startswith(
        "1 Stichting Zorggroep De Linde, a foundation under Dutch law, having its registered seat in Utrecht"
    )
    fields = {"name": "Nederlandse Vereniging voor Havenlogistiek", "legal_form": "vereniging"}
    assert party("nl", **fields).startswith("1 Nederlandse Vereniging voor Havenlogistiek, statutair gevestigd te")
    assert party("en", **fields).startswith(
        "1 Nederlandse Vereniging voor Havenlogistiek, an association under Dutch law,"
    )


def test_a_bv_keeps_its_apposition_and_the_seat_is_a_place_apart_from_the_office() -> None:
    fields = {"seat": "Westland", "address": {"street": "Schoolstraat 5", "postcode": "2671 CB", "city": "Naaldwijk"}}
    assert party("nl", **fields).startswith(
        "1 Bakkerij De Korenschoof B.V., een besloten vennootschap met beperkte aansprakelijkheid, statutair"
        " gevestigd te Westland, kantoorhoudende aan de Schoolstraat 5, 2671 CB Naaldwijk, ingeschreven in het"
        " handelsregister van de Kamer van Koophandel onder nummer 01234567"
    )
    assert party("en", **fields).startswith(
        "1 Bakkerij De Korenschoof B.V., a private limited company under Dutch law, having its registered seat in"
        " Westland and its office at Schoolstraat 5, 2671 CB Naaldwijk, registered with the Netherlands Chamber of"
        " Commerce under number 01234567"
    )


def test_an_address_without_street_is_a_place_after_te() -> None:
    fields = {"address": {"street": None, "city": "Zwolle", "postcode": "8012 DE"}}
    assert ", kantoorhoudende te 8012 DE Zwolle," in party("nl", **fields)
    assert "and its office in 8012 DE Zwolle," in party("en", **fields)


def test_foreign_legal_form_reads_naturally_in_dutch_and_the_processor_clause_follows_the_same_rules() -> None:
    fields = {
        "name": "Widgets Ltd",
        "legal_form": "ltd",
        "kvk": None,
        "registration": {"register": "companies_house", "number": "01234567"},
        "seat": "London",
        "address": {"street": "10 Downing Street", "postcode": "SW1A 2AA", "city": "London", "country": "GB"},
    }
    data = customer(processor=fields, processing={"transfer_safeguard": "adequacy"})
    nl, en = clause(data, "nl", "parties.processor"), clause(data, "en", "parties.processor")
    assert nl == (
        "2 Widgets Ltd, een private limited company naar Engels recht, statutair gevestigd te London,"
        " kantoorhoudende aan 10 Downing Street, SW1A 2AA London, Verenigd Koninkrijk, ingeschreven onder nummer"
        " 01234567 (Companies House, Verenigd Koninkrijk), hierna te noemen: Verwerker."
    )
    assert en == (
        "2 Widgets Ltd, a private limited company under English law, having its registered seat in London and its"
        " office at 10 Downing Street, SW1A 2AA London, United Kingdom, registered under number 01234567"
        " (Companies House, United Kingdom), hereinafter referred to as the Processor."
    )
    assert "De private limited company" not in nl


def test_a_natural_person_acts_in_person_under_a_trade_name_and_is_not_represented() -> None:
    fields = {
        "name": "H. (Henk) van Dijk",
        "trading_as": "Fietsenmakerij Van Dijk",
        "legal_form": "eenmanszaak",
        "kvk": "08123456",
        "address": {"street": "Assendorperstraat 21", "postcode": "8012 DE", "city": "Zwolle"},
        "representative": {"name": "Henk van Dijk", "role": "owner"},
    }
    nl, en = party("nl", **fields), party("en", **fields)
    assert nl == (
        "1 H. (Henk) van Dijk, handelend onder de naam Fietsenmakerij Van Dijk, kantoorhoudende aan de"
        " Assendorperstraat 21, 8012 DE Zwolle, ingeschreven in het handelsregister van de Kamer van Koophandel"
        " onder nummer 08123456, hierna te noemen: Verwerkingsverantwoordelijke; en"
    )
    assert en == (
        "1 H. (Henk) van Dijk, trading as Fietsenmakerij Van Dijk, with business address at Assendorperstraat 21,"
        " 8012 DE Zwolle, registered with the Netherlands Chamber of Commerce under number 08123456, hereinafter"
        " referred to as the Controller; and"
    )


def test_several_representatives_act_jointly() -> None:
    two = [{"name": "A. Jansen", "role": "director"}, {"name": "B. de Boer", "role": "cfo"}]
    assert ", te dezen gezamenlijk rechtsgeldig vertegenwoordigd door A. Jansen, bestuurder, en B. de Boer," in party(
        "nl", representative=two
    )
    assert ", duly represented jointly by A. Jansen, director, and B. de Boer, chief financial officer," in party(
        "en", representative=two
    )
    three = [*two, {"name": "C. Smit", "role": "secretary"}]
    assert (
        "gezamenlijk rechtsgeldig vertegenwoordigd door A. Jansen, bestuurder; B. de Boer, financieel directeur"
        " (CFO); en C. Smit, secretaris, hierna"
    ) in party("nl", representative=three)
    assert (
        "duly represented jointly by A. Jansen, director; B. de Boer, chief financial officer; and C. Smit,"
        " secretary, hereinafter"
    ) in party("en", representative=three)
    one = party("nl", representative=two[:1])
    assert "te dezen rechtsgeldig vertegenwoordigd door A. Jansen, bestuurder, hierna" in one
    assert "gezamenlijk" not in one


def test_belgian_enterprise_number_with_its_rpr_division_and_seat() -> None:
    fields = {
        "name": "Eventra BV",
        "legal_form": "be_bv",
        "kvk": None,
        "registration": {"register": "kbo", "number": "0712.345.678", "office": "RPR Antwerpen, afdeling Antwerpen"},
        "address": {"street": "Meir 34", "postcode": "2000", "city": "Antwerpen", "country": "BE"},
    }
    nl, en = party("nl", "processor", **fields), party("en", "processor", **fields)
    assert nl == (
        "2 Eventra BV, een besloten vennootschap naar Belgisch recht, met zetel te Antwerpen, kantoorhoudende aan"
        " de Meir 34, 2000 Antwerpen, België, met ondernemingsnummer 0712.345.678, RPR Antwerpen, afdeling"
        " Antwerpen, hierna te noemen: Verwerker."
    )
    assert en == (
        "2 Eventra BV, a private limited company under Belgian law, having its seat in Antwerpen and its office at"
        " Meir 34, 2000 Antwerpen, Belgium, with enterprise number 0712.345.678, RPR Antwerpen, afdeling"
        " Antwerpen, hereinafter referred to as the Processor."
    )
    assert "(Kruispuntbank van Ondernemingen)" not in nl


@pytest.mark.parametrize("example", sorted((REPO / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_example_writes_the_old_party_block(example: Path) -> None:
    from dpa_gen.engine import compose, load_customer
    from dpa_gen.library import load_library
    from dpa_gen.models.base import LanguageMode
    from tests.contract_text import _lines

    library = load_library(REPO / "clauses")
    loaded = load_customer(example, library, LanguageMode("nl"))
    body = "\n".join(line for b in compose(loaded.customer, library, loaded.mode).document.blocks for line in _lines(b))
    for wrong in ("De stichting Stichting", "De openbaar lichaam", "gevestigd en kantoorhoudende te", "is: De "):
        assert wrong not in body
    assert not re.search(r"kantoorhoudende te [^,]*\d", body)  # never "te" + a street


# --- #2, #5, #12: locations, transfer mechanism, relocation ----------------------------------

US_PROCESSOR = {
    "name": "Acme Cloud, Inc.",
    "legal_form": "inc",
    "kvk": None,
    "registration": {"register": "us_state", "number": "DE-123456"},
    "address": {"street": "100 Congress Avenue", "postcode": "TX 78701", "city": "Austin", "country": "US"},
}


def us_processor(**processing: Any) -> dict[str, Any]:
    return customer(processor=US_PROCESSOR, processing={"locations": ["US"], "transfer_safeguard": "scc", **processing})


def test_a_processor_outside_the_eea_without_a_mechanism_is_refused() -> None:
    assert "C111" in load_error(customer(processor=US_PROCESSOR, processing={"locations": ["US"]}))


def test_locations_in_a_third_country_state_the_mechanism_and_do_not_pretend_otherwise() -> None:
    data = us_processor()
    nl, en = clause(data, "nl", "subject_matter.locations"), clause(data, "en", "subject_matter.locations")
    assert "Verwerker verwerkt de Persoonsgegevens uitsluitend in het volgende land: de Verenigde Staten." in nl
    assert (
        "Voor zover de verwerking door Verwerker een doorgifte naar een derde land inhoudt, zoals de verwerking in"
        " de Verenigde Staten, berust die doorgifte op de volgende grondslag: standaardcontractbepalingen"
        " (Uitvoeringsbesluit (EU) 2021/914, artikel 46 AVG); artikel "
    ) in nl
    assert "The Processor shall process the Personal Data only in the following country: the United States." in en
    assert (
        "Insofar as the processing by the Processor involves a transfer to a third country, such as the processing"
        " in the United States, that transfer is based on the following mechanism: standard contractual clauses"
        " (Implementing Decision (EU) 2021/914, Article 46 GDPR); Clause "
    ) in en
    # Annex I says which mechanism
    assert "Grondslag voor doorgifte door Verwerker naar derde landen | standaardcontractbepalingen" in annex(
        data, "nl", ANNEX_I["nl"], ANNEX_II["nl"]
    )
    assert "Basis for transfers by the Processor to third countries | standard contractual clauses" in annex(
        data, "en", ANNEX_I["en"], ANNEX_II["en"]
    )
    assert "the basis for transfers to third countries" in annex(data, "en", ANNEX_I["en"], ANNEX_II["en"])


def test_several_mechanisms_are_plural() -> None:
    data = us_processor(transfer_safeguard=["dpf", "scc"])
    assert "berust die doorgifte op de volgende grondslagen: EU-US Data Privacy Framework" in clause(
        data, "nl", "subject_matter.locations"
    )
    assert "that transfer is based on the following mechanisms: EU-US Data Privacy Framework" in clause(
        data, "en", "subject_matter.locations"
    )


def test_countries_agree_in_number_and_take_their_article() -> None:
    one = clause(customer(), "nl", "subject_matter.locations")
    assert "uitsluitend in het volgende land: Nederland." in one
    assert "only in the following country: the Netherlands." in clause(customer(), "en", "subject_matter.locations")
    data = customer(processing={"locations": ["NL", "DE", "GB"]}, subprocessors={"list": []})
    data["processing"]["transfer_safeguard"] = "adequacy"
    assert "uitsluitend in de volgende landen: Nederland, Duitsland en het Verenigd Koninkrijk." in clause(
        data, "nl", "subject_matter.locations"
    )
    assert "only in the following countries: the Netherlands, Germany and the United Kingdom." in clause(
        data, "en", "subject_matter.locations"
    )


RELOCATION_GENERAL = {
    "nl": (
        "Een verplaatsing van de verwerking naar een ander land is een wijziging van Bijlage I. Verwerker kondigt"
        " een voorgenomen verplaatsing ten minste {notice} van tevoren schriftelijk aan; op die aankondiging is de"
        " regeling van artikel {art} voor een beoogde toevoeging van een Subverwerker van overeenkomstige"
        " toepassing, met inbegrip van het recht van Verwerkingsverantwoordelijke om binnen de daar bepaalde"
        " termijn bezwaar te maken en de betrokken Diensten te beëindigen."
    ),
    "en": (
        "A relocation of the processing to another country is a change to Annex I. The Processor shall give"
        " written notice of an intended relocation at least {notice} in advance; the arrangements of Clause {art}"
        " for an intended addition of a Sub-processor apply to that notice by analogy, including the Controller's"
        " right to object within the period set there and to terminate the Services concerned."
    ),
}
RELOCATION_SPECIFIC = {
    "nl": (
        "Een verplaatsing van de verwerking naar een ander land is een wijziging van Bijlage I en vereist de"
        " voorafgaande schriftelijke toestemming van Verwerkingsverantwoordelijke; het uitblijven van een reactie"
        " geldt niet als toestemming."
    ),
    "en": (
        "A relocation of the processing to another country is a change to Annex I and requires the prior written"
        " authorisation of the Controller; the absence of a response does not constitute authorisation."
    ),
}


def subprocessing_article(lang: str, data: dict[str, Any]) -> str:
    match = re.search(r"^(?:Artikel|Clause) (\d+) – (?:Subverwerkers|Sub-processors)$", text(data, lang), re.M)
    assert match
    return match.group(1)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("notice", "words"),
    [
        ("45 days", {"nl": "45 dagen", "en": "45 days"}),
        ("20 business days", {"nl": "20 Werkdagen", "en": "20 Business Days"}),
    ],
)
def test_relocation_under_general_authorisation_follows_the_sub_processor_route(
    lang: str, notice: str, words: dict[str, str]
) -> None:
    data = customer(subprocessors={"authorisation": "general", "notice_days": notice})
    expected = RELOCATION_GENERAL[lang].format(notice=words[lang], art=subprocessing_article(lang, data))
    body = clause(data, lang, "subject_matter.locations")
    assert expected in body
    assert "zonder Verwerkingsverantwoordelijke daarover" not in body and "without informing the Controller" not in body


@pytest.mark.parametrize("lang", LANGS)
def test_relocation_under_specific_authorisation_needs_prior_written_consent(lang: str) -> None:
    body = clause(customer(subprocessors={"authorisation": "specific"}), lang, "subject_matter.locations")
    assert RELOCATION_SPECIFIC[lang] in body
    assert "ten minste" not in body and "at least" not in body


def test_locations_as_the_eea() -> None:
    general = customer(processing={"locations": "eea"})
    assert (
        "Verwerker verwerkt de Persoonsgegevens uitsluitend in landen van de EER. Voor Subverwerkers geldt"
        in clause(general, "nl", "subject_matter.locations")
    )
    assert (
        "Een verplaatsing van de verwerking naar een land buiten de EER is een wijziging van Bijlage I. Verwerker "
        "kondigt" in clause(general, "nl", "subject_matter.locations")
    )
    assert "The Processor shall process the Personal Data only in countries of the EEA." in clause(
        general, "en", "subject_matter.locations"
    )
    assert (
        "A relocation of the processing to a country outside the EEA is a change to Annex I. The Processor shall give"
        in clause(general, "en", "subject_matter.locations")
    )
    specific = customer(processing={"locations": "eea"}, subprocessors={"authorisation": "specific"})
    assert (
        "Een verplaatsing van de verwerking naar een land buiten de EER is een wijziging van Bijlage I en vereist de"
        " voorafgaande schriftelijke toestemming van Verwerkingsverantwoordelijke"
    ) in clause(specific, "nl", "subject_matter.locations")
    assert (
        "A relocation of the processing to a country outside the EEA is a change to Annex I and requires the prior"
        " written authorisation of the Controller"
    ) in clause(specific, "en", "subject_matter.locations")
    assert "Locaties van de verwerking | Uitsluitend in landen van de EER" in annex(
        general, "nl", ANNEX_I["nl"], ANNEX_II["nl"]
    )
    assert "Locations of the processing | Only in countries of the EEA" in annex(
        general, "en", ANNEX_I["en"], ANNEX_II["en"]
    )


def test_locations_as_the_eea_and_adequacy_countries() -> None:
    data = customer(processing={"locations": "eea_and_adequacy"})
    nl, en = clause(data, "nl", "subject_matter.locations"), clause(data, "en", "subject_matter.locations")
    assert (
        "Verwerker verwerkt de Persoonsgegevens uitsluitend in landen van de EER en in landen waarvoor de Europese"
        " Commissie op grond van artikel 45 AVG heeft besloten dat zij een passend beschermingsniveau waarborgen;"
        " een doorgifte naar een van die landen berust op dat besluit."
    ) in nl
    assert (
        "Een verplaatsing van de verwerking naar een ander land dan de hiervoor bedoelde landen is een wijziging" in nl
    )
    assert (
        "The Processor shall process the Personal Data only in countries of the EEA and in countries for which the"
        " European Commission has decided under Article 45 GDPR that they ensure an adequate level of protection;"
        " a transfer to one of those countries is based on that decision."
    ) in en
    assert "A relocation of the processing to a country other than those referred to above is a change" in en
    assert (
        "Locaties van de verwerking | Uitsluitend in landen van de EER en in landen met een adequaatheidsbesluit"
        in annex(data, "nl", ANNEX_I["nl"], ANNEX_II["nl"])
    )
    assert (
        "Locations of the processing | Only in countries of the EEA and in countries with an adequacy decision"
        in annex(data, "en", ANNEX_I["en"], ANNEX_II["en"])
    )


def test_a_processor_established_outside_the_eea_processing_in_the_eea_states_its_mechanism() -> None:
    data = customer(processor=US_PROCESSOR, processing={"locations": "eea", "transfer_safeguard": "scc"})
    assert (
        "Voor zover de verwerking door Verwerker een doorgifte naar een derde land inhoudt, berust die doorgifte op"
        " de volgende grondslag: standaardcontractbepalingen"
    ) in clause(data, "nl", "subject_matter.locations")
    assert (
        "Insofar as the processing by the Processor involves a transfer to a third country, that transfer is based"
        " on the following mechanism: standard contractual clauses"
    ) in clause(data, "en", "subject_matter.locations")


def test_without_locations_annex_i_says_they_are_limited_only_by_the_transfers_article() -> None:
    data = customer(processing={"locations": None})
    nl, en = clause(data, "nl", "subject_matter.locations"), clause(data, "en", "subject_matter.locations")
    transfers = re.search(r"^Artikel (\d+) – Doorgifte", text(data, "nl"), re.M)
    assert transfers
    art = transfers.group(1)
    assert f"Partijen hebben de locaties van de verwerking niet nader beperkt dan artikel {art} doet" in nl
    assert f"The Parties have not limited the locations of the processing beyond what Clause {art} provides" in en
    assert (
        f"Locaties van de verwerking | Niet nader beperkt; artikel {art} (doorgifte naar derde landen) is van "
        "toepassing" in annex(data, "nl", ANNEX_I["nl"], ANNEX_II["nl"])
    )
    assert (
        f"Locations of the processing | Not further limited; Clause {art} (transfers to third countries) applies"
        in annex(data, "en", ANNEX_I["en"], ANNEX_II["en"])
    )


# --- #12, #20: Annex I promises only rows it has ------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_annex_i_has_every_row_its_introduction_promises(lang: str) -> None:
    body = annex(customer(processing={"locations": None}), lang, ANNEX_I[lang], ANNEX_II[lang])
    rows = {
        "nl": [
            "Onderwerp van de verwerking |",
            "Aard van de verwerking |",
            "Doeleinden van de verwerking |",
            "Categorieën van persoonsgegevens |",
            "Bijzondere categorieën en strafrechtelijke persoonsgegevens | Geen",
            "Categorieën van betrokkenen |",
            "Duur van de verwerking |",
            "Locaties van de verwerking |",
        ],
        "en": [
            "Subject matter of the processing |",
            "Nature of the processing |",
            "Purposes of the processing |",
            "Categories of personal data |",
            "Special categories and criminal-offence data | None",
            "Categories of data subjects |",
            "Duration of the processing |",
            "Locations of the processing |",
        ],
    }[lang]
    for row in rows:
        assert row in body
    intro = {
        "nl": (
            "het soort Persoonsgegevens (met vermelding van eventuele gegevens als bedoeld in artikel 9 of 10 AVG), "
            "de categorieën van Betrokkenen en de locaties van de verwerking."
        ),
        "en": (
            "the types of Personal Data (specifying any data referred to in Article 9 or 10 GDPR), the categories of "
            "Data Subjects and the locations of the processing."
        ),
    }[lang]
    assert intro in body
    assert "identifying data referred to" not in body and "Subject-matter" not in body and "Locatie van de" not in body


def test_special_and_criminal_offence_data_row_lists_them() -> None:
    data = customer(processing={"data_categories": ["email_address", "health", "criminal_data"]})
    assert "Bijzondere categorieën en strafrechtelijke persoonsgegevens | gegevens over gezondheid" in annex(
        data, "nl", ANNEX_I["nl"], ANNEX_II["nl"]
    )
    assert "Special categories and criminal-offence data | data concerning health" in annex(
        data, "en", ANNEX_I["en"], ANNEX_II["en"]
    )


# --- #21, (g): customer texts inside the sentence, lists that count ---------------------------------


def test_subject_matter_and_duration_are_part_of_the_sentence() -> None:
    data = customer(
        processing={
            "subject_matter": {
                "nl": "De levering en het functioneel beheer van het zaaksysteem.",
                "en": "Supplying and managing the case management system.",
            },
            "duration": {
                "nl": "De looptijd van de Raamovereenkomst, inclusief verlengingen.",
                "en": "The term of the Framework Agreement, including extensions.",
            },
        }
    )
    nl, en = text(data, "nl"), text(data, "en")
    assert "Het onderwerp van de verwerking is de levering en het functioneel beheer van het zaaksysteem." in nl
    assert "The subject matter of the processing is supplying and managing the case management system." in en
    assert "De duur van de verwerking is de looptijd van de Raamovereenkomst, inclusief verlengingen." in nl
    assert "The duration of the processing is the term of the Framework Agreement, including extensions." in en
    assert "is: De" not in nl and "overeengekomen: De" not in nl and "is: Supplying" not in en


def test_a_subject_matter_starting_with_an_abbreviation_or_name_keeps_its_capital() -> None:
    data = customer(
        processing={
            "subject_matter": {
                "nl": "ICT-beheer voor de afdeling Burgerzaken",
                "en": "IT management for the civil affairs department",
            }
        }
    )
    assert "Het onderwerp van de verwerking is ICT-beheer voor de afdeling Burgerzaken." in text(data, "nl")
    assert "The subject matter of the processing is IT management for the civil affairs department." in text(data, "en")


def test_purposes_and_operations_say_how_many_were_agreed() -> None:
    two = customer(processing={"purposes": ["bookkeeping", "invoicing"], "nature": ["storage", "backup", "erasure"]})
    nl, en = clause(two, "nl", "subject_matter.description"), clause(two, "en", "subject_matter.description")
    assert (
        "uitsluitend voor de volgende doeleinden: financiële administratie; en facturering en debiteurenbeheer." in nl
    )
    assert "solely for the following purposes: bookkeeping; and invoicing and accounts receivable management." in en
    assert "de volgende bewerkingen: opslaan; maken en bewaren van back-ups; en wissen of vernietigen." in nl
    assert (
        "By its nature, the processing includes the following operations: storage; making and keeping backups; and "
        "erasure or destruction." in en
    )
    assert "consists of" not in en
    one = customer(
        processing={"purposes": [{"nl": "Salarisadministratie", "en": "Payroll administration"}], "nature": ["storage"]}
    )
    assert "uitsluitend voor het volgende doel: salarisadministratie." in clause(
        one, "nl", "subject_matter.description"
    )
    assert "solely for the following purpose: payroll administration." in clause(
        one, "en", "subject_matter.description"
    )
    assert "omvat de verwerking de volgende bewerking: opslaan." in clause(one, "nl", "subject_matter.description")
    assert "includes the following operation: storage." in clause(one, "en", "subject_matter.description")


def test_special_categories_are_listed_without_a_colon() -> None:
    data = customer(processing={"data_categories": ["email_address", "health"]})
    assert "gegevens als bedoeld in artikel 9 of artikel 10 AVG, te weten gegevens over gezondheid." in clause(
        data, "nl", "subject_matter.special_categories"
    )
    assert "data referred to in Article 9 or Article 10 GDPR, namely data concerning health." in clause(
        data, "en", "subject_matter.special_categories"
    )


# --- #18: the citizen service number (BSN) ---------------------------------------------------------


def test_bsn_clause_appears_only_when_the_bsn_is_processed() -> None:
    data = customer(processing={"data_categories": ["identification", "citizen_service_number"]})
    nl, en = (
        clause(data, "nl", "subject_matter.citizen_service_number"),
        clause(data, "en", "subject_matter.citizen_service_number"),
    )
    assert (
        "De Persoonsgegevens omvatten het burgerservicenummer. Verwerker gebruikt het burgerservicenummer"
        " uitsluitend voor zover een wettelijk voorschrift het gebruik ervan bij de uitvoering van de Diensten"
        " toestaat (artikel 87 AVG, artikel 46 van de Uitvoeringswet AVG en de Wet algemene bepalingen"
        " burgerservicenummer), en uitsluitend voor het doel waarvoor dat voorschrift het gebruik toestaat."
    ) in nl
    assert (
        "The Personal Data include the citizen service number (burgerservicenummer). The Processor shall use the"
        " citizen service number only to the extent that a statutory provision permits its use in performing the"
        " Services (Article 87 GDPR, Article 46 of the Dutch Uitvoeringswet AVG and the Dutch Wet algemene"
        " bepalingen burgerservicenummer), and only for the purpose for which that provision permits its use."
    ) in en
    assert clause(customer(), "nl", "subject_matter.citizen_service_number") == ""
    assert clause(customer(), "en", "subject_matter.citizen_service_number") == ""


# --- #9: an instruction the processor considers unlawful ---------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_no_duty_to_carry_out_an_instruction_reasonably_considered_unlawful(lang: str) -> None:
    body = clause(customer(), lang, "instructions.infringing")
    term = re.search(
        r"^(?:Artikel|Clause) (\d+) – (?:Duur en beëindiging|Term and termination)$", text(customer(), lang), re.M
    )
    assert term
    expected = {
        "nl": [
            "Verwerker is niet verplicht een instructie uit te voeren die hij redelijkerwijs en met opgave van "
            "redenen onrechtmatig acht, en mag de uitvoering ervan opschorten totdat Verwerkingsverantwoordelijke de "
            "instructie heeft ingetrokken of zodanig heeft gewijzigd dat de bezwaren zijn weggenomen, of totdat het "
            "geschil is opgelost, bijvoorbeeld met een gezamenlijk ingewonnen advies van een onafhankelijke "
            "deskundige of een standpunt van de bevoegde toezichthoudende autoriteit.",
            f"Het recht van Verwerker om de Hoofdovereenkomst op grond van artikel {term.group(1)}.",
        ],
        "en": [
            "The Processor is not obliged to carry out an instruction that it reasonably, and stating its reasons, "
            "considers unlawful, and may suspend its execution until the Controller has withdrawn the instruction or "
            "amended it so as to remove the objections, or until the disagreement has been resolved, for example by "
            "an opinion of an independent expert obtained jointly or a position taken by the competent supervisory "
            "authority.",
            f"The Processor's right to terminate the Main Agreement under Clause {term.group(1)}.",
        ],
    }[lang]
    for sentence in expected:
        assert sentence in body
    assert "heeft bevestigd of gewijzigd" not in body and "has confirmed or amended it" not in body


# --- Issue 11 points 10 and 11: own purposes and AI training --------------------------------------------

AI = {
    "not_allowed": {
        "nl": (
            "Verwerker gebruikt de Persoonsgegevens niet om modellen voor kunstmatige intelligentie te trainen, te "
            "testen of te verbeteren, ook niet na anonimisering of aggregatie."
        ),
        "en": (
            "The Processor shall not use the Personal Data to train, test or improve artificial intelligence models, "
            "not even after anonymisation or aggregation."
        ),
    },
    "anonymised_only": {
        "nl": (
            "Hij mag daarvoor alleen gegevens gebruiken die hij uit de Persoonsgegevens heeft afgeleid en zodanig "
            "heeft geanonimiseerd dat zij, ook in combinatie met andere gegevens, redelijkerwijs niet meer tot een "
            "Betrokkene herleidbaar zijn;"
        ),
        "en": (
            "For that purpose it may use only data that it has derived from the Personal Data and anonymised in such "
            "a way that they can no longer reasonably be traced to a Data Subject, not even in combination with "
            "other data;"
        ),
    },
    "with_consent": {
        "nl": (
            "Verwerker gebruikt de Persoonsgegevens alleen om modellen voor kunstmatige intelligentie te trainen, te "
            "testen of te verbeteren met voorafgaande schriftelijke toestemming van Verwerkingsverantwoordelijke, "
            "waarin de modellen, het doel en de gebruikte gegevens zijn omschreven."
        ),
        "en": (
            "The Processor shall use the Personal Data to train, test or improve artificial intelligence models only "
            "with the prior written authorisation of the Controller, describing the models, the purpose and the data "
            "used."
        ),
    },
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("setting", ["not_allowed", "anonymised_only", "with_consent", None])
def test_ai_training_variants(lang: str, setting: str | None) -> None:
    data = customer(processing={"ai_training": setting}) if setting else customer()  # None: the library default
    body = clause(data, lang, "instructions.own_purposes")
    chosen = setting or "not_allowed"
    assert AI[chosen][lang] in body
    for other in AI:
        if other != chosen:
            assert AI[other][lang] not in body
    assert {"nl": "artikel 28, lid 10, AVG", "en": "Article 28(10) GDPR"}[lang] in body


def test_own_purposes_excluded_or_limited_to_the_listed_carve_outs() -> None:
    none = customer()
    assert "zijn vermeld; eigen doeleinden van Verwerker zijn uitgesloten." in clause(
        none, "nl", "instructions.own_purposes"
    )
    assert re.search(
        r"set out in Clause \d+\.\d+; purposes of the Processor's own are excluded\.",
        clause(none, "en", "instructions.own_purposes"),
    )
    one = customer(processing={"processor_purposes": ["security_and_abuse"]})
    assert (
        "met uitzondering van het volgende eigen doel van Verwerker: het beveiligen van de Diensten en het opsporen,"
        " voorkomen en bestrijden van misbruik ervan, zoals spam, fraude en aanvallen op de systemen. Voor een"
        " eigen doel verwerkt Verwerker niet meer Persoonsgegevens dan daarvoor strikt noodzakelijk is"
    ) in clause(one, "nl", "instructions.own_purposes")
    assert (
        "except for the following purpose of its own: securing the Services and detecting, preventing and"
        " combating their misuse, such as spam, fraud and attacks on the systems. For such a purpose of its own"
    ) in clause(one, "en", "instructions.own_purposes")
    two = customer(processing={"processor_purposes": ["aggregated_statistics", "service_improvement"]})
    nl, en = clause(two, "nl", "instructions.own_purposes"), clause(two, "en", "instructions.own_purposes")
    assert (
        "met uitzondering van de volgende, limitatief opgesomde eigen doeleinden van Verwerker: het opstellen van "
        "geaggregeerde statistieken" in nl
    )
    assert (
        "; en het verbeteren van de werking van de Diensten, uitsluitend op basis van geaggregeerde of "
        "gepseudonimiseerde gegevens" in nl
    )
    assert "Voor die verwerking is Verwerker zelf verwerkingsverantwoordelijke in de zin van de AVG" in nl
    assert "Voor andere eigen doeleinden verwerkt Verwerker de Persoonsgegevens niet." in nl
    assert (
        "except for the following purposes of its own, which are listed exhaustively: compiling aggregated statistics"
        in en
    )
    assert "For that processing the Processor is itself a controller within the meaning of the GDPR" in en
    assert "The Processor shall not process the Personal Data for any other purposes of its own." in en


# --- #7, #17, issue 11 point 2: Annex II measures chosen, not imposed -------------------------------------


def measures(data: dict[str, Any], lang: str) -> list[str]:
    body = annex(data, lang, ANNEX_II[lang], ANNEX_III[lang])
    return [line for line in body.splitlines() if re.match(r"\([a-z]+\) ", line)]


BASELINE_NL = (
    "Verwerker heeft een persoon aangewezen die binnen zijn organisatie verantwoordelijk is voor "
    "informatiebeveiliging en gegevensbescherming."
)
BASELINE_EN = (
    "The Processor has designated a person within its organisation who is responsible for information security and "
    "data protection."
)
PENTEST = {"nl": "penetratietest", "en": "penetration test"}
EEA_STORAGE = {
    "nl": "Persoonsgegevens, met inbegrip van back-ups, worden uitsluitend opgeslagen in datacenters binnen de EER.",
    "en": "Personal Data, including backups, are stored only in data centres within the EEA.",
}
DATA_CENTRE = {
    "nl": "Servers staan in datacenters met toegangsbeveiliging",
    "en": "Servers are located in data centres",
}
SUPPLIERS = {
    "nl": "Subverwerkers worden vóór inschakeling beoordeeld",
    "en": "Sub-processors are assessed on their security",
}


def test_the_default_profile_is_a_small_truthful_baseline() -> None:
    data = customer()
    nl, en = measures(data, "nl"), measures(data, "en")
    assert len(nl) == len(en) == 18  # 19 in the profile, less the supplier assessment: no sub-processors
    assert any(BASELINE_NL in m for m in nl) and any(BASELINE_EN in m for m in en)
    for lang, lines in (("nl", nl), ("en", en)):
        joined = "\n".join(lines)
        for promise in (PENTEST[lang], DATA_CENTRE[lang], EEA_STORAGE[lang], SUPPLIERS[lang], "ISO/IEC 27001"):
            assert promise not in joined


@pytest.mark.parametrize("lang", LANGS)
def test_the_extended_profile_and_measures_that_would_contradict_the_file(lang: str) -> None:
    plain = "\n".join(measures(customer(security={"profile": "extended"}), lang))
    assert PENTEST[lang] in plain and EEA_STORAGE[lang] in plain
    assert DATA_CENTRE[lang] not in plain  # no hosting sub-processor and no certificate of its own
    assert SUPPLIERS[lang] not in plain  # no sub-processors
    outside = "\n".join(measures({**us_processor(), "security": {"profile": "extended"}}, lang))
    assert EEA_STORAGE[lang] not in outside  # the processor processes in the United States
    certified = "\n".join(measures(customer(security={"profile": "extended", "certifications": ["iso27001"]}), lang))
    assert DATA_CENTRE[lang] in certified
    hosted = customer(
        security={"profile": "extended"},
        subprocessors={
            "list": [{"name": "Binnen B.V.", "service": "cloud_hosting", "country": "DE", "city": "Berlin"}]
        },
    )
    hosted_text = "\n".join(measures(hosted, lang))
    assert DATA_CENTRE[lang] in hosted_text and SUPPLIERS[lang] in hosted_text and EEA_STORAGE[lang] in hosted_text
    us_sub = customer(
        security={"profile": "extended"},
        subprocessors={
            "list": [{"name": "Buiten Inc.", "service": "email_delivery", "country": "US", "safeguard": "scc"}]
        },
    )
    assert EEA_STORAGE[lang] not in "\n".join(measures(us_sub, lang))
    region = customer(security={"profile": "extended"}, processing={"locations": "eea_and_adequacy"})
    assert EEA_STORAGE[lang] not in "\n".join(measures(region, lang))


@pytest.mark.slow  # a full check of the bundled library
def test_a_listed_measure_the_file_contradicts_is_refused_c124(tmp_path: Path) -> None:
    data = us_processor()
    data["security"] = {"measures": ["mfa", "eea_storage"]}
    with pytest.raises(UserError) as caught:
        build_document(data, "nl", tmp_path)
    (problem,) = caught.value.diagnostics
    assert (problem.code, problem.key) == ("C124", "security.measures[1]")
    assert "the measure 'eea_storage' contradicts this file" in problem.message
    path = tmp_path / "listed.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    from dpa_gen.check import check

    found = [d for d in check([path], REPO / "clauses").findings(strict=False) if d.code == "C124"]
    assert [str(d.pos).split(":", 1)[0] for d in found] == [str(path)]


def test_the_bio_profile_for_dutch_public_sector_work() -> None:
    data = customer(security={"profile": "bio"})
    nl, en = "\n".join(measures(data, "nl")), "\n".join(measures(data, "en"))
    assert (
        "volgens de Baseline Informatiebeveiliging Overheid (BIO) in de versie die geldt bij het aangaan van deze "
        "Overeenkomst" in nl
    )
    assert (
        "in accordance with the Dutch Government Information Security Baseline (Baseline Informatiebeveiliging "
        "Overheid, BIO)" in en
    )
    assert (
        "Een onafhankelijke auditor toetst ten minste eenmaal per jaar of de informatiebeveiliging van de Diensten "
        "aan de BIO voldoet" in nl
    )
    assert (
        "An independent auditor assesses at least once a year whether the information security of the Services "
        "complies with the BIO" in en
    )
    assert "Verklaring Omtrent het Gedrag" in nl and "certificate of conduct" in en


def test_security_clause_and_annex_ii_state_the_agreed_measures_not_a_minimum() -> None:
    data = customer()
    nl, en = clause(data, "nl", "security.measures"), clause(data, "en", "security.measures")
    assert (
        "Partijen zijn de maatregelen overeengekomen die in Bijlage II zijn beschreven; Verwerker treft die "
        "maatregelen en houdt ze gedurende de looptijd van deze Overeenkomst in stand" in nl
    )
    assert (
        "The Parties have agreed the measures described in Annex II; the Processor shall implement those measures "
        "and maintain them throughout the term of this Agreement" in en
    )
    assert "ten minste de maatregelen" not in nl and "at least the measures" not in en
    scope_nl, scope_en = clause(data, "nl", "annex_security.scope"), clause(data, "en", "annex_security.scope")
    assert scope_nl.startswith(
        "Deze bijlage beschrijft de technische en organisatorische maatregelen die Partijen zijn overeengekomen en "
        "die Verwerker treft"
    )
    assert scope_en.startswith(
        "This annex describes the technical and organisational measures that the Parties have agreed and that the "
        "Processor implements"
    )
    assert "ten minste treft" not in scope_nl and "as a minimum" not in scope_en
    assert "Subverwerkers" not in scope_nl and "Sub-processors" not in scope_en  # none engaged
    engaged = customer(subprocessors={"list": [{"name": "Binnen B.V.", "service": "cloud_hosting", "country": "DE"}]})
    assert "Verwerker legt aan Subverwerkers maatregelen op die een gelijkwaardig beveiligingsniveau bieden." in clause(
        engaged, "nl", "annex_security.scope"
    )
    assert "The Processor shall impose on Sub-processors measures providing an equivalent level of security." in clause(
        engaged, "en", "annex_security.scope"
    )


def test_additional_measures_after_agreement_on_planning_and_fees_unless_article_32_requires_them() -> None:
    nl, en = clause(customer(), "nl", "security.additional"), clause(customer(), "en", "security.additional")
    assert (
        "treft Verwerker die maatregelen nadat Partijen overeenstemming hebben bereikt over de planning en de "
        "vergoeding ervan." in nl
    )
    assert (
        "Zijn de aanvullende maatregelen nodig om aan artikel 32 AVG te voldoen, dan treft Verwerker ze binnen een "
        "redelijke termijn en voor eigen rekening" in nl
    )
    assert "the Processor shall implement those measures once the Parties have agreed on their planning and fees." in en
    assert (
        "If the additional measures are needed to comply with Article 32 GDPR, the Processor shall implement them "
        "within a reasonable period and at its own cost" in en
    )


def test_certifications_agree_in_number() -> None:
    one = customer(security={"certifications": ["iso27001"]})
    assert (
        "Verwerker beschikt over de volgende certificering of verklaring: ISO/IEC 27001-certificaat. Verwerker houdt "
        "deze" in clause(one, "nl", "security.certifications")
    )
    assert "The Processor holds the following certification or assurance report: " in clause(
        one, "en", "security.certifications"
    )
    two = customer(security={"certifications": ["iso27001", "nen7510"]})
    assert (
        "de volgende certificeringen of verklaringen: ISO/IEC 27001-certificaat en NEN 7510-certificaat. Verwerker "
        "houdt elk daarvan" in clause(two, "nl", "security.certifications")
    )
    assert "the following certifications or assurance reports: " in clause(two, "en", "security.certifications")


@pytest.mark.parametrize("lang", LANGS)
def test_confidentiality_no_longer_imposes_catalogue_intervals(lang: str) -> None:
    body = clause(customer(), lang, "confidentiality.need_to_know")
    assert "6" not in body
    assert {
        "nl": "trekt toegangsrechten in zodra zij niet langer nodig zijn",
        "en": "shall revoke access rights as soon as they are no longer needed",
    }[lang] in body


# --- Definitions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("law", "nl", "en"),
    [
        (
            "NL",
            "met uitzondering van de algemeen erkende feestdagen in de zin van de Algemene termijnenwet.",
            "excluding the public holidays generally recognised within the meaning of the Dutch Algemene termijnenwet.",
        ),
        (
            "BE",
            "met uitzondering van de wettelijke feestdagen in België.",
            "excluding the statutory public holidays in Belgium.",
        ),
        (
            "main_agreement",
            "met uitzondering van de algemeen erkende feestdagen in het land waarvan het recht op de "
            "Hoofdovereenkomst van toepassing is.",
            "excluding the public holidays generally recognised in the country whose law governs the Main Agreement.",
        ),
    ],
)
def test_business_days_follow_the_governing_law(law: str, nl: str, en: str) -> None:
    data = customer(law={"governing_law": law, "forum": "main_agreement"})
    assert nl in clause(data, "nl", "definitions.terms")
    assert en in clause(data, "en", "definitions.terms")


# --- The sub-processing agreement (art. 28(4)) -------------------------------------------------------

SUB = REPO / "examples" / "subprocessor-hosting.yaml"


@cache
def sub_text(lang: str) -> str:
    from dpa_gen.engine import compose, load_customer
    from dpa_gen.library import load_library
    from dpa_gen.models.base import LanguageMode
    from tests.contract_text import _lines

    library = load_library(REPO / "clauses")
    loaded = load_customer(SUB, library, LanguageMode(lang))
    return "\n".join(line for b in compose(loaded.customer, library, loaded.mode).document.blocks for line in _lines(b))


def test_sub_processing_parties_recitals_and_definitions() -> None:
    nl, en = sub_text("nl"), sub_text("en")
    assert "hierna te noemen: Verwerker; en" in nl and "hierna te noemen: Subverwerker." in nl
    assert (
        "hereinafter referred to as the Processor; and" in en and "hereinafter referred to as the Sub-processor." in en
    )
    assert (
        "Verwerker verwerkt persoonsgegevens als verwerker in de zin van artikel 4, punt 8, AVG ten behoeve van een of"
        " meer verwerkingsverantwoordelijken, te weten de ondernemers, verenigingen en stichtingen die als klant"
    ) in nl
    assert (
        "The Processor processes personal data as a processor within the meaning of Article 4(8) GDPR on behalf of "
        "one or more controllers, namely the businesses" in en
    )
    assert "zoals artikel 28, leden 1 en 4, AVG verlangt, van vergewist dat Subverwerker afdoende garanties biedt" in nl
    assert (
        "(k) Verdere Subverwerker: een andere verwerker die Subverwerker inschakelt om voor Verwerker bepaalde "
        "verwerkingen uit te voeren;" in nl
    )
    assert (
        "(n) Verwerkingsverantwoordelijke: iedere verwerkingsverantwoordelijke ten behoeve van wie Verwerker de "
        "Persoonsgegevens verwerkt, te weten de ondernemers" in nl
    )
    assert (
        "(m) Verwerkersovereenkomst: iedere overeenkomst als bedoeld in artikel 28, lid 3, AVG tussen Verwerker en "
        "een Verwerkingsverantwoordelijke, te weten de verwerkersovereenkomst die Verwerker met iedere klant sluit"
        in nl
    )
    assert (
        "Further Sub-processor means another processor that the Sub-processor engages to perform particular "
        "processing operations for the Processor;" in en
    )
    assert (
        "Controller means each controller on whose behalf the Processor processes the Personal Data, namely the "
        "businesses" in en
    )
    assert (
        "Upstream Agreement means each contract within the meaning of Article 28(3) GDPR between the Processor and a "
        "Controller, namely the data processing agreement" in en
    )


def test_sub_processing_same_obligations_and_instructions_passed_down() -> None:
    nl, en = sub_text("nl"), sub_text("en")
    assert (
        "2.1 Deze Overeenkomst is de overeenkomst als bedoeld in artikel 28, lid 4, AVG. Zij bindt Subverwerker ten "
        "aanzien van Verwerker" in nl
    )
    assert (
        "Zij legt Subverwerker, voor de verwerking die hij verricht, dezelfde verplichtingen inzake "
        "gegevensbescherming op als die welke in de Verwerkersovereenkomst aan Verwerker zijn opgelegd." in nl
    )
    assert (
        "It imposes on the Sub-processor, for the processing it carries out, the same data protection obligations as "
        "those imposed on the Processor in the Upstream Agreement." in en
    )
    assert (
        "Met zijn instructies geeft Verwerker de instructies van de Verwerkingsverantwoordelijke door; hij geeft "
        "Subverwerker geen instructies die daarmee in strijd zijn of daarbuiten gaan." in nl
    )
    assert (
        "By its instructions the Processor passes on the instructions of the Controller; it shall not give the "
        "Sub-processor instructions that conflict with them or go beyond them." in en
    )
    assert (
        "zijn instructies aan Subverwerker in overeenstemming zijn met de instructies van de "
        "Verwerkingsverantwoordelijke, met de Verwerkersovereenkomst en met de AVG;" in nl
    )
    assert (
        "its instructions to the Sub-processor comply with the Controller's instructions, the Upstream Agreement and "
        "the GDPR;" in en
    )
    # shared texts read in this kind's role words
    assert "Voor Verdere Subverwerkers geldt artikel" in nl and "Clause 6 applies to Further Sub-processors." in en


def test_sub_processing_annex_i_describes_the_upstream_controllers() -> None:
    nl, en = sub_text("nl"), sub_text("en")
    assert (
        "Verwerkingsverantwoordelijke: de ondernemers, verenigingen en stichtingen die als klant van Verwerker de"
        " boekhoudapplicatie Cijferwerk Online gebruiken voor hun financiële administratie. Verwerker verwerkt de"
        " Persoonsgegevens ten behoeve van de Verwerkingsverantwoordelijke op grond van de verwerkersovereenkomst"
    ) in nl
    assert (
        "Controller: the businesses, associations and foundations that, as customers of the Processor, use the"
        " Cijferwerk Online accounting application for their financial administration. The Processor processes"
        " the Personal Data on behalf of the Controller under the data processing agreement"
    ) in en
    assert (
        "Subverwerker verwerkt de Persoonsgegevens in opdracht van Verwerker en uitsluitend ten behoeve van de "
        "Verwerkingsverantwoordelijke." in nl
    )


@pytest.mark.slow  # a full check of the bundled library
def test_sub_processing_duties_are_covered_for_that_kind() -> None:
    from typer.testing import CliRunner

    from dpa_gen.cli import app

    result = CliRunner().invoke(app, ["check", "--coverage", "--format", "json", str(SUB)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    duties = {d["id"]: d for d in report["coverage"]["customers"][str(SUB)]["duties"]}
    for duty in ("A28_4_upstream_controllers", "A28_4_same_obligations", "A28_4_instructions_passed_down"):
        assert duties[duty]["covered"], duty
    library = {d["id"]: d for d in report["coverage"]["library"]["duties"]}
    for duty in ("A28_4_upstream_controllers", "A28_4_same_obligations", "A28_4_instructions_passed_down"):
        assert library[duty]["covered"], duty


def test_own_measures_replace_the_profile_so_no_default_profile_is_reported() -> None:
    from dpa_gen.library import load_library
    from dpa_gen.models.customer import Customer
    from dpa_gen.policy import applied_defaults, resolve_terms

    policy = load_library(REPO / "clauses").policy
    own = applied_defaults(resolve_terms(Customer.model_validate(customer(security={"measures": ["mfa"]})), policy))
    assert "security.profile" not in own  # the file chose its measures; no 'baseline' was applied
    chosen_none = applied_defaults(resolve_terms(Customer.model_validate(customer()), policy))
    assert chosen_none["security.profile"] == "baseline"
    nl = "\n".join(measures(customer(security={"measures": ["mfa"]}), "nl"))
    assert BASELINE_NL not in nl and len(measures(customer(security={"measures": ["mfa"]}), "nl")) == 1
