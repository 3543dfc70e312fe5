"""The generated text from the audits clauses to the closing, in Dutch and English, for every variant.

Audits, return and deletion, liability, term, contacts, final provisions, language,
governing law and the closing.

Each test names the legal-review finding (#n, verdict (x)) or issue 11 point it guards; each
assertion is on the text a reader sees, so a wording that slips fails here in both languages.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from dpa_gen.check import check
from dpa_gen.document import Clause
from dpa_gen.library import Library, load_library
from tests.contract_text import REPO, _lines, build_document, customer

LANGS = ("nl", "en")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(REPO / "clauses")


def clauses(data: Mapping[str, Any], lang: str, tmp: Path, library: Library) -> dict[str, str]:
    """Every clause of the contract by id: its text, number first, list items on their own lines."""
    document = build_document(data, lang, tmp, library)
    prefix = f"{lang}-"
    return {
        block.anchor.removeprefix(prefix): "\n".join(_lines(block))
        for block in document.blocks
        if isinstance(block, Clause) and block.anchor
    }


def both(data: Mapping[str, Any], tmp: Path, library: Library) -> dict[str, dict[str, str]]:
    """The clauses in Dutch and in English."""
    return {lang: clauses(data, lang, tmp, library) for lang in LANGS}


def whole(data: Mapping[str, Any], lang: str, tmp: Path, library: Library) -> str:
    """The whole contract's clause text in one language (one clause per line)."""
    return "\n".join(clauses(data, lang, tmp, library).values())


def codes(data: Mapping[str, Any], tmp: Path) -> list[str]:
    """The check codes of a customer file (library findings excluded)."""
    path = tmp / "checked.yaml"
    path.write_text(yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        result = check([Path("checked.yaml")], REPO / "clauses")
    finally:
        os.chdir(cwd)
    return [d.code for d in result.findings(strict=False) if str(d.pos).startswith("checked.yaml")]


BELGIAN_CONTROLLER = {
    "name": "Brouwerij Het Anker NV",
    "legal_form": "be_nv",
    "kvk": None,
    "registration": {"register": "kbo", "number": "0401.234.567"},
    "address": {"street": "Korenmarkt 1", "postcode": "9000", "city": "Gent", "country": "BE"},
}
UK_PROCESSOR = {
    "name": "Widgets Ltd",
    "legal_form": "ltd",
    "kvk": None,
    "registration": {"register": {"nl": "Companies House", "en": "Companies House"}, "number": "01234567"},
    "address": {"street": "1 High Street", "postcode": "EC1A 1AA", "city": "London", "country": "GB"},
}
SUBPROCESSING = {
    "contract": {"kind": "processor_subprocessor"},
    "controller": None,
    "subprocessor": {
        "name": "Hostwerk B.V.",
        "legal_form": "bv",
        "kvk": "11223344",
        "address": {"street": "Stationsplein 2", "postcode": "3511 ED", "city": "Utrecht"},
        "contact": {"name": "NOC", "email": "noc@hostwerk.example"},
        "dpo": "none",
    },
    "upstream": {
        "controllers": {
            "nl": "de klanten van Verwerker die het platform gebruiken",
            "en": "the Processor's customers using the platform",
        }
    },
}


# --- #1: the forum follows the governing law and the main agreement --------------------------


def test_the_default_forum_is_the_district_court_of_the_controllers_seat_not_the_processors_town(
    tmp_path: Path, library: Library
) -> None:
    text = both(customer(), tmp_path, library)
    assert text["nl"]["governing_law.law"].endswith("Op deze Overeenkomst is Nederlands recht van toepassing.")
    assert text["nl"]["governing_law.forum"].endswith(
        "worden bij uitsluiting voorgelegd aan de rechtbank van het arrondissement waarin de vestigingsplaats"
        " van Verwerkingsverantwoordelijke, Utrecht, is gelegen."
    )
    assert text["en"]["governing_law.law"].endswith("This Agreement is governed by the laws of the Netherlands.")
    assert text["en"]["governing_law.forum"].endswith(
        "shall be submitted exclusively to the district court (rechtbank) of the district in which the"
        " Controller's place of establishment, Utrecht, is located."
    )
    for lang in LANGS:
        assert "Amsterdam" not in text[lang]["governing_law.forum"]  # the processor's town


def test_a_town_without_a_court_is_never_named_as_the_court(tmp_path: Path, library: Library) -> None:
    data = customer(controller={"address": {"street": "Brinklaan 1", "postcode": "1404 EW", "city": "Bussum"}})
    text = both(data, tmp_path, library)
    assert (
        "de rechtbank van het arrondissement waarin de vestigingsplaats van Verwerkingsverantwoordelijke,"
        " Bussum, is gelegen" in text["nl"]["governing_law.forum"]
    )
    assert "rechter te Bussum" not in text["nl"]["governing_law.forum"]
    assert (
        "the district court (rechtbank) of the district in which the Controller's place of establishment,"
        " Bussum, is located" in text["en"]["governing_law.forum"]
    )
    assert "court in Bussum" not in text["en"]["governing_law.forum"]


def test_a_uk_processor_under_dutch_law_gets_no_court_in_london(tmp_path: Path, library: Library) -> None:
    data = customer(processor=UK_PROCESSOR, processing={"transfer_safeguard": ["adequacy"]})
    text = both(data, tmp_path, library)
    for lang in LANGS:
        assert "London" not in text[lang]["governing_law.forum"]
        assert "Utrecht" in text[lang]["governing_law.forum"]


def test_belgian_law_with_a_belgian_controller_names_the_court_of_its_judicial_district(
    tmp_path: Path, library: Library
) -> None:
    data = customer(law={"governing_law": "BE"}, controller=BELGIAN_CONTROLLER)
    text = both(data, tmp_path, library)
    assert text["nl"]["governing_law.law"].endswith("Op deze Overeenkomst is Belgisch recht van toepassing.")
    assert text["nl"]["governing_law.forum"].endswith(
        "worden bij uitsluiting voorgelegd aan de bevoegde rechtbank van het gerechtelijk arrondissement waarin"
        " de vestigingsplaats van Verwerkingsverantwoordelijke, Gent, is gelegen; voor geschillen tussen"
        " ondernemingen is dat de ondernemingsrechtbank."
    )
    assert text["en"]["governing_law.law"].endswith("This Agreement is governed by Belgian law.")
    assert text["en"]["governing_law.forum"].endswith(
        "shall be submitted exclusively to the competent court of the judicial district in which the"
        " Controller's place of establishment, Gent, is located; for disputes between enterprises, that is the"
        " enterprise court (ondernemingsrechtbank)."
    )


@pytest.mark.parametrize(
    ("law", "controller", "nl", "en"),
    [
        ("NL", BELGIAN_CONTROLLER, "de bevoegde rechter in Nederland.", "the competent court in the Netherlands."),
        ("BE", {}, "de bevoegde rechter in België.", "the competent court in Belgium."),
    ],
)
def test_a_controller_outside_the_country_of_the_law_gets_that_countrys_courts(
    tmp_path: Path, library: Library, law: str, controller: dict[str, Any], nl: str, en: str
) -> None:
    text = both(customer(law={"governing_law": law}, controller=controller), tmp_path, library)
    assert text["nl"]["governing_law.forum"].endswith("bij uitsluiting voorgelegd aan " + nl)
    assert text["en"]["governing_law.forum"].endswith("submitted exclusively to " + en)


def test_the_forum_of_the_main_agreement(tmp_path: Path, library: Library) -> None:
    text = both(customer(law={"forum": "main_agreement"}), tmp_path, library)
    assert text["nl"]["governing_law.forum"].endswith(
        "Geschillen die uit of in verband met deze Overeenkomst ontstaan, worden voorgelegd aan de rechter die"
        " bevoegd is kennis te nemen van geschillen uit de Hoofdovereenkomst."
    )
    assert text["en"]["governing_law.forum"].endswith(
        "Disputes arising out of or in connection with this Agreement shall be submitted to the court that has"
        " jurisdiction over disputes arising out of the Main Agreement."
    )


@pytest.mark.parametrize(
    ("law", "court", "nl", "en"),
    [
        ("NL", "rechtbank_amsterdam", "de rechtbank Amsterdam.", "the Amsterdam District Court."),
        ("BE", "ondernemingsrechtbank_gent", "de ondernemingsrechtbank Gent.", "the Ghent Enterprise Court."),
    ],
)
def test_a_named_court(tmp_path: Path, library: Library, law: str, court: str, nl: str, en: str) -> None:
    data = customer(law={"governing_law": law, "forum": "court", "court": court}, controller=BELGIAN_CONTROLLER)
    text = both(data, tmp_path, library)
    assert text["nl"]["governing_law.forum"].endswith("bij uitsluiting voorgelegd aan " + nl)
    assert text["en"]["governing_law.forum"].endswith("submitted exclusively to " + en)


@pytest.mark.slow  # a full check of the bundled library
def test_check_refuses_a_court_that_does_not_fit_the_governing_law(tmp_path: Path) -> None:
    data = customer(law={"governing_law": "NL", "forum": "court", "court": "ondernemingsrechtbank_gent"})
    assert "C125" in codes(data, tmp_path)


def test_governing_law_as_in_the_main_agreement(tmp_path: Path, library: Library) -> None:
    text = both(customer(law={"governing_law": "main_agreement"}), tmp_path, library)
    assert text["nl"]["governing_law.law"].endswith(
        "Op deze Overeenkomst is het recht van toepassing dat op de Hoofdovereenkomst van toepassing is."
    )
    assert text["en"]["governing_law.law"].endswith(
        "This Agreement is governed by the law that governs the Main Agreement."
    )
    # a Dutch controller still gets its district court; a German one the court of its own seat
    assert "de rechtbank van het arrondissement waarin" in text["nl"]["governing_law.forum"]
    german = {"address": {"street": "Unter den Linden 1", "postcode": "10117", "city": "Berlin", "country": "DE"}}
    text = both(customer(law={"governing_law": "main_agreement"}, controller=german), tmp_path, library)
    assert text["nl"]["governing_law.forum"].endswith(
        "aan de bevoegde rechter van de vestigingsplaats van Verwerkingsverantwoordelijke, Berlin."
    )
    assert text["en"]["governing_law.forum"].endswith(
        "to the competent court for the Controller's place of establishment, Berlin."
    )


# --- #3, #4, verdict (c), issue 11 point 11: liability ------------------------------------------

NL_CARVE_OUT = {
    "nl": "Deze beperking geldt niet voor schade die het gevolg is van opzet of bewuste roekeloosheid van"
    " Verwerker of van zijn leidinggevende ondergeschikten.",
    "en": "This limitation does not apply to damage resulting from intent or deliberate recklessness on the part"
    " of the Processor or its managerial staff.",
}
BE_CARVE_OUT = {
    "nl": "Deze beperking geldt niet voor schade die het gevolg is van een opzettelijke fout van Verwerker of van"
    " een persoon voor wie hij instaat, zoals zijn personeel en zijn Subverwerkers (artikel 5.89, § 1, van het"
    " Burgerlijk Wetboek), en evenmin, voor zover artikel VI.91/5 van het Wetboek van economisch recht van"
    " toepassing is, voor schade die het gevolg is van een zware fout van Verwerker, zijn aangestelden of zijn"
    " lasthebbers. Zij wordt nooit zo toegepast dat zij de kernverbintenissen van Verwerker uit deze"
    " Overeenkomst van hun inhoud ontdoet.",
    "en": "This limitation does not apply to damage resulting from an intentional fault of the Processor or of any"
    " person for whom it is answerable, such as its staff and its Sub-processors (Article 5.89, § 1, of the"
    " Belgian Civil Code), nor, insofar as Article VI.91/5 of the Code of Economic Law applies, to damage"
    " resulting from a gross fault (zware fout) of the Processor, its employees or its agents. It shall never be"
    " applied in such a way as to deprive the Processor's core obligations under this Agreement of their"
    " substance.",
}
MAIN_AGREEMENT_CARVE_OUT = {
    "nl": "Deze beperking geldt niet voor schade die het gevolg is van opzet of grove schuld van Verwerker of van"
    " een persoon voor wie hij instaat, en evenmin voor zover het toepasselijke recht een beperking van"
    " aansprakelijkheid niet toestaat.",
    "en": "This limitation does not apply to damage resulting from intent or gross negligence on the part of the"
    " Processor or of any person for whom it is answerable, nor to the extent that the applicable law does not"
    " permit a limitation of liability.",
}
KIND_OF_LIABILITY = {
    "NL": {
        "nl": "voor schade die voortvloeit uit een toerekenbare tekortkoming in de nakoming van deze Overeenkomst of"
        " uit een onrechtmatige daad in verband met de verwerking",
        "en": "for damage arising from an attributable failure to perform this Agreement or from a tort in"
        " connection with the processing",
    },
    "BE": {
        "nl": "voor schade die voortvloeit uit een contractuele wanprestatie bij de uitvoering van deze"
        " Overeenkomst of uit buitencontractuele aansprakelijkheid in verband met de verwerking",
        "en": "for damage arising from a breach of contract in the performance of this Agreement or from"
        " extra-contractual liability in connection with the processing",
    },
    "main_agreement": {
        "nl": "voor schade die voortvloeit uit het niet nakomen van deze Overeenkomst of uit een andere grond in"
        " verband met de verwerking",
        "en": "for damage arising from a failure to perform this Agreement or on any other ground in connection"
        " with the processing",
    },
}
CARVE_OUT = {"NL": NL_CARVE_OUT, "BE": BE_CARVE_OUT, "main_agreement": MAIN_AGREEMENT_CARVE_OUT}
CAPS = {
    "amount": (
        {"cap_eur": 250000},
        {
            "nl": "is per kalenderjaar beperkt tot een bedrag van €\u00a0250.000.",
            "en": "is limited per calendar year to an amount of €250,000.",
        },
    ),
    "fees": (
        {"cap_fees": {"months": 12}},
        {
            "nl": "is per kalenderjaar beperkt tot de vergoedingen die Verwerkingsverantwoordelijke op grond van de"
            " Hoofdovereenkomst heeft betaald of verschuldigd is over de twaalf maanden vóór de eerste gebeurtenis"
            " in dat kalenderjaar die aansprakelijkheid heeft doen ontstaan.",
            "en": "is limited per calendar year to the fees paid or payable by the Controller under the Main"
            " Agreement for the twelve months before the first event in that calendar year giving rise to"
            " liability.",
        },
    ),
}
YEAR = {
    "nl": "Schade telt mee voor het kalenderjaar waarin de gebeurtenis die de aansprakelijkheid heeft doen"
    " ontstaan, heeft plaatsgevonden.",
    "en": "Damage counts towards the calendar year in which the event giving rise to liability occurred.",
}


@pytest.mark.slow  # every variant: one contract composed per case
@pytest.mark.parametrize(("law", "cap"), list(itertools.product(CARVE_OUT, CAPS)))
def test_the_cap_and_its_carve_outs_fit_the_governing_law(tmp_path: Path, library: Library, law: str, cap: str) -> None:
    fields, amount = CAPS[cap]
    text = both(customer(law={"governing_law": law}, liability=fields), tmp_path, library)
    for lang in LANGS:
        limitation = text[lang]["liability.limitation"]
        assert KIND_OF_LIABILITY[law][lang] in limitation
        assert amount[lang] in limitation
        assert YEAR[lang] in limitation
        assert CARVE_OUT[law][lang] in limitation
        for other in set(CARVE_OUT) - {law}:
            assert CARVE_OUT[other][lang] not in limitation
    # the Dutch-law terms never appear under Belgian law, nor the old narrow wording anywhere
    if law == "BE":
        assert "toerekenbare tekortkoming" not in text["nl"]["liability.limitation"]
        assert "onrechtmatige daad" not in text["nl"]["liability.limitation"]
    assert "leidinggevenden" not in text["nl"]["liability.limitation"]
    assert "senior management" not in text["en"]["liability.limitation"]


@pytest.mark.parametrize(
    ("fees", "nl", "en"),
    [
        (
            {"months": 6, "multiple": 2},
            "tot tweemaal de vergoedingen die Verwerkingsverantwoordelijke op grond van de Hoofdovereenkomst heeft"
            " betaald of verschuldigd is over de zes maanden vóór",
            "to twice the fees paid or payable by the Controller under the Main Agreement for the six months before",
        ),
        (
            {"months": 1, "multiple": 3},
            "tot driemaal de vergoedingen die Verwerkingsverantwoordelijke op grond van de Hoofdovereenkomst heeft"
            " betaald of verschuldigd is over de maand vóór",
            "to three times the fees paid or payable by the Controller under the Main Agreement for the month before",
        ),
        (
            {"months": 24},
            "tot de vergoedingen die Verwerkingsverantwoordelijke op grond van de Hoofdovereenkomst heeft betaald of"
            " verschuldigd is over de 24 maanden vóór",
            "to the fees paid or payable by the Controller under the Main Agreement for the 24 months before",
        ),
    ],
)
def test_a_cap_as_a_multiple_of_the_fees_of_a_period(
    tmp_path: Path, library: Library, fees: dict[str, int], nl: str, en: str
) -> None:
    text = both(customer(liability={"cap_fees": fees}), tmp_path, library)
    assert nl in text["nl"]["liability.limitation"]
    assert en in text["en"]["liability.limitation"]
    span = {1: ("één maand", "one month"), 6: ("zes maanden", "six months"), 24: ("24 maanden", "24 months")}
    words = span[fees["months"]]
    assert (
        f"Heeft de Hoofdovereenkomst op het tijdstip van die eerste gebeurtenis korter dan {words[0]} geduurd,"
        " dan telt voor de ontbrekende maanden het gemiddelde maandelijkse bedrag van de vergoedingen over de"
        " verstreken looptijd mee." in text["nl"]["liability.limitation"]
    )
    assert (
        f"If the Main Agreement had run for less than {words[1]} at the time of that first event, the average"
        " monthly fees over the term so far shall be counted for the missing months."
        in text["en"]["liability.limitation"]
    )


def test_without_a_cap_liability_follows_the_main_agreement(tmp_path: Path, library: Library) -> None:
    text = both(customer(), tmp_path, library)
    assert "de aansprakelijkheidsregeling van de Hoofdovereenkomst van toepassing" in text["nl"]["liability.limitation"]
    assert "governed by the liability provisions of the Main Agreement" in text["en"]["liability.limitation"]
    assert (
        "vallen niet onder een beperking of uitsluiting van aansprakelijkheid in de Hoofdovereenkomst."
        in (text["nl"]["liability.scope"])
    )
    assert (
        "are not subject to any limitation or exclusion of liability in the Main Agreement."
        in (text["en"]["liability.scope"])
    )


@pytest.mark.parametrize("cap", [None, "amount", "fees"])
def test_the_scope_of_the_cap_is_stated_expressly(tmp_path: Path, library: Library, cap: str | None) -> None:
    fields = CAPS[cap][0] if cap else {}
    text = both(customer(liability=fields), tmp_path, library)
    nl, en = text["nl"]["liability.scope"], text["en"]["liability.scope"]
    assert "Het verhaal op grond van artikel 82, lid 5, AVG, bedoeld in artikel" in nl
    assert (
        "schade die voortvloeit uit een verwerking waarvoor Verwerker op grond van artikel 28, lid 10, AVG als"
        " verwerkingsverantwoordelijke wordt beschouwd, vallen niet onder" in nl
    )
    assert (
        "De redelijke kosten die Verwerkingsverantwoordelijke maakt om een Datalek bij Verwerker of een"
        " Subverwerker te onderzoeken, de gevolgen ervan te beperken en het te melden aan de toezichthoudende"
        " autoriteit en aan Betrokkenen, vallen daar wel onder; die kosten gelden als schade." in nl
    )
    assert "Recovery under Article 82(5) GDPR referred to in Clause" in en
    assert (
        "damage arising from processing for which the Processor is considered a controller under Article 28(10)"
        " GDPR, are not subject to" in en
    )
    assert (
        "The reasonable costs incurred by the Controller in investigating a Personal Data Breach at the"
        " Processor or a Sub-processor, mitigating its effects and notifying it to the supervisory authority and"
        " to Data Subjects are subject to it; those costs count as damage." in en
    )
    if cap:
        assert "vallen niet onder de beperking van artikel 13.1." in nl
        assert "are not subject to the limitation in Clause 13.1." in en


FINES_CAP = {
    (True, True): (
        "Op dat verhaal is de beperking van artikel 13.1 van toepassing; het verhaalde bedrag telt mee voor het"
        " maximum van dat artikel.",
        "The limitation in Clause 13.1 applies to such recovery; the amount recovered counts towards the maximum of"
        " that Clause.",
    ),
    (True, False): (
        "Op dat verhaal is de beperking van artikel 13.1 niet van toepassing.",
        "The limitation in Clause 13.1 does not apply to such recovery.",
    ),
    (False, True): (
        "Op dat verhaal is een beperking of uitsluiting van aansprakelijkheid in de Hoofdovereenkomst van toepassing.",
        "Any limitation or exclusion of liability in the Main Agreement applies to such recovery.",
    ),
    (False, False): (
        "Op dat verhaal is een beperking of uitsluiting van aansprakelijkheid in de Hoofdovereenkomst niet van"
        " toepassing.",
        "Any limitation or exclusion of liability in the Main Agreement does not apply to such recovery.",
    ),
}


@pytest.mark.slow  # every variant: one contract composed per case
@pytest.mark.parametrize(("capped", "within"), list(FINES_CAP))
@pytest.mark.parametrize("law", ["NL", "BE", "main_agreement"])
def test_recovery_of_fines_is_reciprocal_qualified_and_says_whether_the_cap_applies(
    tmp_path: Path, library: Library, capped: bool, within: bool, law: str
) -> None:
    liability: dict[str, Any] = {"fines_within_cap": "true" if within else "false"}
    if capped:
        liability["cap_eur"] = 100000
    text = both(customer(liability=liability, law={"governing_law": law}), tmp_path, library)
    nl, en = text["nl"]["liability.fines"], text["en"]["liability.fines"]
    assert (
        "Voor zover de wet dat toelaat, kan die Partij de boete op de andere Partij verhalen naar evenredigheid"
        " van het aandeel dat de niet-nakoming van deze Overeenkomst door die andere Partij heeft gehad in de"
        " overtreding waarvoor de boete is opgelegd, mits zij:" in nl
    )
    assert (
        "(a) de andere Partij onverwijld schriftelijk in kennis heeft gesteld van het voornemen van de"
        " toezichthoudende autoriteit om haar een boete op te leggen, en haar in de gelegenheid heeft gesteld bij"
        " te dragen aan haar zienswijze of verweer op dat voornemen; en" in nl
    )
    assert (
        "(b) de redelijkerwijs beschikbare rechtsmiddelen tegen het boetebesluit, zoals bezwaar en beroep, heeft"
        " aangewend, tenzij de andere Partij ermee heeft ingestemd dat daarvan wordt afgezien." in nl
    )
    assert (
        "To the extent permitted by law, that Party may recover the fine from the other Party in proportion to"
        " the share that the other Party's failure to perform this Agreement had in the infringement for which the"
        " fine was imposed, provided that it:" in en
    )
    assert (
        "(a) notified the other Party in writing without delay of the supervisory authority's intention to"
        " impose a fine on it and gave the other Party the opportunity to contribute to its response (zienswijze)"
        " or defence to that intention; and" in en
    )
    assert (
        "(b) used the legal remedies reasonably available against the decision imposing the fine, such as"
        " objection and appeal, unless the other Party agreed that they be waived." in en
    )
    assert nl.endswith(FINES_CAP[capped, within][0])
    assert en.endswith(FINES_CAP[capped, within][1])


@pytest.mark.slow  # a full check of the bundled library
def test_a_cap_below_the_policy_floor_fails_check(tmp_path: Path) -> None:
    assert "C102" in codes(customer(liability={"cap_eur": 0}), tmp_path)
    assert "C102" not in codes(customer(liability={"cap_eur": 25000}), tmp_path)


def test_the_sub_processor_answers_to_the_processor_who_stays_fully_liable(tmp_path: Path, library: Library) -> None:
    text = both(customer(**SUBPROCESSING, liability={"cap_eur": 100000}), tmp_path, library)
    assert "De totale aansprakelijkheid van Subverwerker jegens Verwerker" in text["nl"]["liability.limitation"]
    assert "The total liability of the Sub-processor to the Processor" in text["en"]["liability.limitation"]
    assert (
        "Subverwerker is jegens Verwerker aansprakelijk voor de schade die Verwerker lijdt doordat Subverwerker,"
        " of een Verdere Subverwerker die hij inschakelt, de verplichtingen uit deze Overeenkomst niet nakomt"
        in (text["nl"]["liability.subprocessor"])
    )
    assert (
        "Verwerker blijft op grond van artikel 28, lid 4, tweede zin, AVG jegens Verwerkingsverantwoordelijke"
        " volledig aansprakelijk voor de nakoming van de verplichtingen van Subverwerker"
        in (text["nl"]["liability.subprocessor"])
    )
    assert (
        "The Sub-processor shall be liable to the Processor for the damage the Processor suffers because the"
        " Sub-processor, or a Further Sub-processor it engages, fails to fulfil the obligations under this"
        " Agreement" in text["en"]["liability.subprocessor"]
    )
    assert (
        "Under the second sentence of Article 28(4) GDPR, the Processor remains fully liable to the Controller"
        in text["en"]["liability.subprocessor"]
    )
    assert "liability.subprocessor" not in clauses(customer(), "nl", tmp_path, library)


# --- #8, #17, #22, verdicts (a), (b), issue 11 point 8: audits -----------------------------------

AUDITORS = {
    "independent": (
        [
            "Verwerker maakt audits, waaronder inspecties, door Verwerkingsverantwoordelijke of een door hem"
            " gemachtigde controleur mogelijk en draagt daaraan bij",
            "Verwerkingsverantwoordelijke laat een audit in beginsel uitvoeren door een gemachtigde controleur die"
            " onafhankelijk en ter zake deskundig is, tot geheimhouding is verplicht en geen concurrent van Verwerker"
            " is.",
            "Verwerkingsverantwoordelijke behoudt het recht een audit zelf uit te voeren door eigen medewerkers,"
            " zoals zijn interne auditafdeling of de afdeling van zijn chief information security officer (CISO); de"
            " eisen van de vorige zin gelden alleen voor een gemachtigde controleur.",
        ],
        [
            "The Processor shall allow for and contribute to audits, including inspections, by the Controller or an"
            " auditor mandated by the Controller",
            "As a rule, the Controller shall have an audit conducted by a mandated auditor who is independent,"
            " suitably qualified, bound by confidentiality and not a competitor of the Processor.",
            "The Controller retains the right to conduct an audit itself through its own staff, such as its internal"
            " audit department or the office of its chief information security officer (CISO); the requirements of"
            " the preceding sentence apply only to a mandated auditor.",
        ],
    ),
    "controller_or_independent": (
        [
            "Een audit wordt naar keuze van Verwerkingsverantwoordelijke uitgevoerd door Verwerkingsverantwoordelijke"
            " zelf of door een door hem gemachtigde, onafhankelijke en ter zake deskundige controleur."
        ],
        [
            "At the Controller's choice, an audit shall be conducted by the Controller itself or by an independent,"
            " suitably qualified auditor mandated by the Controller."
        ],
    ),
}
COSTS = {
    "controller": (
        "Verwerkingsverantwoordelijke draagt de kosten van een audit, waaronder de kosten van een door hem"
        " gemachtigde controleur. Verwerkingsverantwoordelijke vergoedt de redelijke en aantoonbare kosten",
        "The Controller shall bear the costs of an audit, including the costs of any auditor it mandates. The"
        " Controller shall reimburse the reasonable and demonstrable costs",
    ),
    "processor": (
        "Verwerker draagt de kosten van zijn eigen medewerking aan een audit. De redelijke kosten van een door"
        " Verwerkingsverantwoordelijke gemachtigde controleur komen voor rekening van Verwerker bij een audit binnen"
        " het aantal van artikel 11.{frequency} en bij een audit die uitwijst dat Verwerker deze Overeenkomst op een"
        " wezenlijk punt niet nakomt; bij een andere audit op grond van artikel 11.{for_cause} komen zij voor"
        " rekening van Verwerkingsverantwoordelijke.",
        "The Processor shall bear the costs of its own cooperation in an audit. The reasonable costs of an auditor"
        " mandated by the Controller shall be borne by the Processor for an audit within the number set in Clause"
        " 11.{frequency} and for an audit that reveals that the Processor is not complying with this Agreement in a"
        " material respect; for any other audit under Clause 11.{for_cause} they shall be borne by the Controller.",
    ),
    "controller_unless_breach": (
        "Blijkt uit de audit dat Verwerker deze Overeenkomst op een wezenlijk punt niet nakomt, dan komen de kosten"
        " van die audit, waaronder de redelijke kosten van de controleur, voor rekening van Verwerker.",
        "If the audit reveals that the Processor is not complying with this Agreement in a material respect, the"
        " costs of that audit, including the reasonable costs of the auditor, shall be borne by the Processor.",
    ),
}
PROCEDURES = {
    "audit": (None, None),
    "reports_first": (
        "Voordat Verwerkingsverantwoordelijke om een audit verzoekt, beoordeelt hij de documenten van artikel 11.2."
        " Ontbreken die documenten, of geven zij naar het met redenen omklede oordeel van"
        " Verwerkingsverantwoordelijke onvoldoende uitsluitsel over de naleving van deze Overeenkomst, dan kan hij"
        " een audit laten uitvoeren; zijn oordeel daarover is beslissend. In de gevallen van artikel 11.{for_cause}"
        " geldt deze stap niet.",
        "Before requesting an audit, the Controller shall review the documents referred to in Clause 11.2. If those"
        " documents are not available or, in the reasoned opinion of the Controller, do not provide sufficient"
        " certainty about compliance with this Agreement, the Controller may have an audit carried out; its opinion"
        " on this is decisive. This step does not apply in the cases referred to in Clause 11.{for_cause}.",
    ),
    "questionnaire_first": (
        "Voordat Verwerkingsverantwoordelijke om een audit verzoekt, legt hij zijn vragen over de naleving van deze"
        " Overeenkomst in een vragenlijst aan Verwerker voor. Verwerker beantwoordt de vragenlijst binnen 7"
        " Werkdagen en voegt de documenten bij die zijn antwoorden onderbouwen. Geven de antwoorden naar het met"
        " redenen omklede oordeel van Verwerkingsverantwoordelijke onvoldoende uitsluitsel over de naleving van deze"
        " Overeenkomst, dan kan hij een audit laten uitvoeren; zijn oordeel daarover is beslissend.",
        "Before requesting an audit, the Controller shall put its questions on compliance with this Agreement to the"
        " Processor in a questionnaire. The Processor shall answer the questionnaire within 7 Business Days and"
        " shall enclose the documents supporting its answers. If, in the reasoned opinion of the Controller, the"
        " answers do not provide sufficient certainty about compliance with this Agreement, the Controller may have"
        " an audit carried out; its opinion on this is decisive.",
    ),
}


@pytest.mark.slow  # every variant: one contract composed per case
@pytest.mark.parametrize(("auditor", "costs", "procedure"), list(itertools.product(AUDITORS, COSTS, PROCEDURES)))
def test_audit_right_procedure_and_costs(
    tmp_path: Path, library: Library, auditor: str, costs: str, procedure: str
) -> None:
    audit = {"auditor": auditor, "costs": costs, "procedure": procedure, "response_days": "7 business days"}
    text = both(customer(audit=audit), tmp_path, library)
    stepped = procedure != "audit"
    numbers = {"frequency": 5 if stepped else 4, "for_cause": 7 if stepped else 6}
    for i, lang in enumerate(LANGS):
        for sentence in AUDITORS[auditor][i]:
            assert sentence in text[lang]["audits.right"]
        assert COSTS[costs][i].format(**numbers) in text[lang]["audits.costs"]
        if stepped:
            assert text[lang]["audits.procedure"].startswith("11.4 " + PROCEDURES[procedure][i].format(**numbers)[:60])
            assert PROCEDURES[procedure][i].format(**numbers) in text[lang]["audits.procedure"]
        else:
            assert "audits.procedure" not in text[lang]
        assert text[lang]["audits.frequency"].startswith(f"11.{numbers['frequency']} ")
    # the old independent-only wording, which excluded the controller's own audits, is gone
    assert (
        "Een audit wordt uitgevoerd door een door Verwerkingsverantwoordelijke gemachtigde"
        not in (text["nl"]["audits.right"])
    )
    assert "An audit shall be conducted by an independent" not in text["en"]["audits.right"]


@pytest.mark.parametrize(
    ("audit", "nl", "en"),
    [
        (
            {"max_per_year": 1, "notice_days": "14 days", "response_days": "10 business days"},
            [
                "ten hoogste eenmaal per kalenderjaar",
                "ten minste 14 dagen vóór de beoogde aanvang",
                "Verwerker beantwoordt het verzoek binnen 10 Werkdagen;",
            ],
            [
                "no more than once per calendar year",
                "at least 14 days before its intended start",
                "The Processor shall answer the request within 10 Business Days;",
            ],
        ),
        (
            {"max_per_year": 2, "notice_days": "3 weeks", "response_days": "open"},
            [
                "ten hoogste tweemaal per kalenderjaar",
                "ten minste 3 weken vóór de beoogde aanvang",
                "Verwerker beantwoordt het verzoek binnen een redelijke termijn;",
            ],
            [
                "no more than twice per calendar year",
                "at least 3 weeks before its intended start",
                "The Processor shall answer the request within a reasonable period;",
            ],
        ),
    ],
)
def test_the_request_for_an_audit_its_answer_and_the_yearly_number(
    tmp_path: Path, library: Library, audit: dict[str, Any], nl: list[str], en: list[str]
) -> None:
    text = both(customer(audit=audit), tmp_path, library)
    for sentence in nl:
        assert sentence in text["nl"]["audits.frequency"]
    for sentence in en:
        assert sentence in text["en"]["audits.frequency"]
    assert (
        "schriftelijk aan bij de contactpersoon van Verwerker, met vermelding van de reikwijdte, de beoogde"
        " aanvang en duur en de persoon die de audit uitvoert" in text["nl"]["audits.frequency"]
    )
    assert "It shall request an audit in writing from the Processor's contact person" in text["en"]["audits.frequency"]
    assert (
        "binnen 10 Werkdagen volledig en naar waarheid"
        if audit["response_days"] != "open"
        else "binnen een redelijke termijn volledig en naar waarheid"
    ) in text["nl"]["audits.information"]
    assert (
        "fully and truthfully within 10 Business Days"
        if audit["response_days"] != "open"
        else "fully and truthfully within a reasonable period"
    ) in text["en"]["audits.information"]


@pytest.mark.slow  # a full check of the bundled library
def test_more_than_two_audits_a_year_fails_check(tmp_path: Path) -> None:
    assert "C102" in codes(customer(audit={"max_per_year": 3}), tmp_path)


@pytest.mark.parametrize(
    ("days", "nl", "en"),
    [
        (
            "20 business days",
            "Verwerker legt Verwerkingsverantwoordelijke binnen 20 Werkdagen na die bespreking een"
            " voorstel voor het herstel van de vastgestelde tekortkomingen voor",
            "The Processor shall submit to the Controller, within 20 Business Days after that discussion, a"
            " proposal for remedying the shortcomings identified",
        ),
        (
            "open",
            "Verwerker legt Verwerkingsverantwoordelijke binnen een redelijke, in overleg vast te stellen termijn"
            " na die bespreking een voorstel",
            "The Processor shall submit to the Controller, within a reasonable period to be agreed between the Parties"
            " after that discussion, a proposal",
        ),
    ],
)
def test_the_remediation_proposal(tmp_path: Path, library: Library, days: str, nl: str, en: str) -> None:
    text = both(customer(audit={"remediation_days": days}), tmp_path, library)
    assert nl in text["nl"]["audits.findings"]
    assert en in text["en"]["audits.findings"]


def test_remote_audits_keep_access_locations_and_the_auditors_finding_cannot_be_blocked(
    tmp_path: Path, library: Library
) -> None:
    text = both(customer(audit={"onsite": "false"}), tmp_path, library)
    assert (
        "Een inspectie ter plaatse van de locaties van Verwerker waar Persoonsgegevens worden verwerkt of van"
        " waaruit zij toegankelijk zijn, vindt plaats in de gevallen van artikel 11.6 en indien degene die de audit"
        " uitvoert met redenen omkleed vaststelt" in text["nl"]["audits.scope"]
    )
    assert text["nl"]["audits.scope"].endswith(
        "Verwerker kan zo'n vaststelling niet aanvechten en de inspectie niet weigeren, tenzij sprake is van kennelijk"
        " misbruik."
    )
    assert (
        "An on-site inspection of the Processor's premises where Personal Data are processed or from which they"
        " can be accessed shall take place in the cases referred to in Clause 11.6 and if the person conducting the"
        " audit establishes, stating reasons," in text["en"]["audits.scope"]
    )
    assert text["en"]["audits.scope"].endswith(
        "The Processor may not contest such a finding or refuse the inspection, except in the event of manifest abuse."
    )
    onsite = both(customer(audit={"onsite": "true"}), tmp_path, library)
    assert (
        "een inspectie ter plaatse van de locaties van Verwerker waar Persoonsgegevens worden verwerkt of van"
        " waaruit zij toegankelijk zijn." in onsite["nl"]["audits.scope"]
    )
    assert (
        "an on-site inspection of the Processor's premises where Personal Data are processed or from which they"
        " can be accessed." in onsite["en"]["audits.scope"]
    )


def test_the_upstream_controller_audits_the_sub_processor_through_the_processor(
    tmp_path: Path, library: Library
) -> None:
    text = both(customer(**SUBPROCESSING), tmp_path, library)
    assert (
        "Subverwerker staat de audits van dit artikel ook toe wanneer Verwerker die uitvoert of laat uitvoeren"
        " omdat Verwerkingsverantwoordelijke daarom verzoekt, en wanneer Verwerkingsverantwoordelijke of een door"
        " hem gemachtigde controleur, via Verwerker en met inachtneming van dit artikel, de naleving van deze"
        " Overeenkomst door Subverwerker controleert." in text["nl"]["audits.upstream"]
    )
    assert (
        "The Sub-processor shall also allow the audits under this Clause where the Processor conducts them, or"
        " has them conducted, at the request of the Controller" in text["en"]["audits.upstream"]
    )
    assert "Een audit wordt naar keuze van Verwerker uitgevoerd door Verwerker zelf" in text["nl"]["audits.right"]
    assert "audits.upstream" not in clauses(customer(), "en", tmp_path, library)


# --- #18, #24, issue 11 point 6: return and deletion ----------------------------------------------

PUBLIC_BODY = {"legal_form": "public_body", "kvk": None, "name": "Gemeente Zuidhaven"}


@pytest.mark.slow  # every variant: one contract composed per case
@pytest.mark.parametrize(
    ("choice", "counted_from", "data_act", "public"),
    list(
        itertools.product(
            ["return_or_delete", "delete_only"], ["end_of_services", "request"], [False, True], [False, True]
        )
    ),
)
def test_deletion_choice_period_data_act_and_archives(
    tmp_path: Path, library: Library, choice: str, counted_from: str, data_act: bool, public: bool
) -> None:
    deletion = {
        "choice": choice,
        "counted_from": counted_from,
        "data_act": "true" if data_act else "false",
        "period_days": "30 days",
    }
    data = customer(deletion=deletion, controller=PUBLIC_BODY if public else {})
    text = both(data, tmp_path, library)
    nl, en = text["nl"], text["en"]
    end_nl = "de ophaaltermijn" if data_act else "de Diensten"
    end_en = "the retrieval period" if data_act else "the Services"
    what_nl = "teruggave of wissing" if choice == "return_or_delete" else "wissing"
    what_en = "return or deletion" if choice == "return_or_delete" else "deletion"
    # the choice
    if choice == "delete_only":
        assert (
            "wist Verwerker alle Persoonsgegevens, met inbegrip van bestaande kopieën, tenzij opslag"
            in (nl["return_deletion.choice"])
        )
        assert (
            "Verwerkingsverantwoordelijke kiest met deze Overeenkomst voor wissing en ziet af van teruggave;"
            f" Verwerker stelt hem in staat de Persoonsgegevens tot het einde van {end_nl} zelf uit de Diensten op"
            " te halen in een gangbaar, gestructureerd en machineleesbaar formaat" in nl["return_deletion.choice"]
        )
        assert (
            "By this Agreement the Controller chooses deletion and waives return; the Processor shall enable the"
            " Controller to retrieve the Personal Data from the Services itself in a commonly used, structured and"
            f" machine-readable format until the end of {end_en}" in en["return_deletion.choice"]
        )
        assert "return_deletion.default" not in nl and "return_deletion.default" not in en
        assert nl["return_deletion.method"].endswith(
            "Wissing geschiedt zodanig dat de Persoonsgegevens met redelijke middelen niet kunnen worden hersteld."
        )
        assert "Teruggave" not in nl["return_deletion.method"] and "Return" not in en["return_deletion.method"]
    else:
        assert (
            "wist Verwerker, naar keuze van Verwerkingsverantwoordelijke, alle Persoonsgegevens of bezorgt hij"
            " deze aan Verwerkingsverantwoordelijke terug" in nl["return_deletion.choice"]
        )
        assert (
            f"Verwerkingsverantwoordelijke maakt zijn keuze uiterlijk bij het einde van {end_nl} schriftelijk"
            " kenbaar" in nl["return_deletion.choice"]
        )
        assert (
            f"The Controller shall communicate its choice in writing no later than the end of {end_en};"
            in (en["return_deletion.choice"])
        )
        assert (
            f"Heeft Verwerkingsverantwoordelijke bij het einde van {end_nl} geen keuze kenbaar gemaakt, dan wist"
            " Verwerker alle Persoonsgegevens" in nl["return_deletion.default"]
        )
        assert (
            f"If the Controller has not communicated its choice by the end of {end_en}, the Processor shall"
            " delete all Personal Data" in en["return_deletion.default"]
        )
    # the period and where it runs from
    if counted_from == "request":
        request_nl = "om wissing verzoekt" if choice == "delete_only" else "zijn keuze kenbaar maakt"
        request_en = "asks for deletion" if choice == "delete_only" else "communicates its choice"
        assert (
            f"Verwerker voltooit de {what_nl} binnen 30 dagen na ontvangst van het schriftelijke verzoek waarin"
            f" Verwerkingsverantwoordelijke {request_nl}. Doet Verwerkingsverantwoordelijke uiterlijk bij het einde"
            f" van {end_nl} geen verzoek, dan loopt de termijn voor de {what_nl} vanaf dat einde."
            in (nl["return_deletion.period"])
        )
        assert (
            f"The Processor shall complete the {what_en} within 30 days after receipt of the written request in"
            f" which the Controller {request_en}. If the Controller makes no request by the end of {end_en}, the"
            f" period for the {what_en} runs from that end." in en["return_deletion.period"]
        )
    else:
        assert nl["return_deletion.period"].endswith(
            f"Verwerker voltooit de {what_nl} binnen 30 dagen na het einde van {end_nl}."
        )
        assert en["return_deletion.period"].endswith(
            f"The Processor shall complete the {what_en} within 30 days after the end of {end_en}."
        )
    # the Data Act
    if data_act:
        assert nl["return_deletion.data_act"].startswith(
            "12.1 Op de Diensten is hoofdstuk VI van Verordening (EU) 2023/2854 (dataverordening) van toepassing."
        )
        assert (
            "die ten minste 30 dagen bedraagt, of 30 dagen als de Hoofdovereenkomst geen termijn bepaalt"
            " (hierna: de ophaaltermijn)" in nl["return_deletion.data_act"]
        )
        assert (
            "Voor het ophalen, de export en het overstappen naar een andere aanbieder gaan de overstapregelingen"
            " van de Hoofdovereenkomst voor op artikel" in nl["return_deletion.data_act"]
        )
        assert en["return_deletion.data_act"].startswith(
            "12.1 Chapter VI of Regulation (EU) 2023/2854 (Data Act) applies to the Services."
        )
        assert (
            'which shall be at least 30 days, or 30 days if the Main Agreement sets none (the "retrieval'
            ' period")' in en["return_deletion.data_act"]
        )
        assert "the switching arrangements of the Main Agreement prevail over Clause" in en["return_deletion.data_act"]
    else:
        assert "return_deletion.data_act" not in nl and "return_deletion.data_act" not in en
    # the archiving duties of a public body
    if public:
        assert (
            "Verwerkingsverantwoordelijke is een openbaar lichaam dat op grond van de Archiefwet"
            " archiefbescheiden moet bewaren. Verwerker wist Persoonsgegevens pas nadat Verwerkingsverantwoordelijke"
            " schriftelijk heeft bevestigd" in nl["return_deletion.archives"]
        )
        assert (
            "dan bezorgt Verwerker de Persoonsgegevens in een gangbaar, gestructureerd en machineleesbaar formaat"
            " aan Verwerkingsverantwoordelijke terug voordat hij ze wist, ook als voor wissing is gekozen."
            in (nl["return_deletion.archives"])
        )
        assert (
            "The Controller is a public body that must preserve records under the Dutch Public Records Act"
            " (Archiefwet). The Processor shall delete Personal Data only after the Controller has confirmed in"
            " writing" in en["return_deletion.archives"]
        )
        assert (
            "the Processor shall return the Personal Data to the Controller in a commonly used, structured and"
            " machine-readable format before deleting them, even if deletion has been chosen."
            in (en["return_deletion.archives"])
        )
    else:
        assert "return_deletion.archives" not in nl and "return_deletion.archives" not in en


def test_a_belgian_public_body_keeps_the_archiving_duties_of_its_own_law(tmp_path: Path, library: Library) -> None:
    controller = {**BELGIAN_CONTROLLER, **PUBLIC_BODY, "registration": BELGIAN_CONTROLLER["registration"]}
    text = both(customer(controller=controller), tmp_path, library)
    assert (
        "op grond van de archiefwetgeving die op hem van toepassing is archiefbescheiden moet bewaren"
        in (text["nl"]["return_deletion.archives"])
    )
    assert (
        "must preserve records under the archives legislation that applies to it"
        in (text["en"]["return_deletion.archives"])
    )


@pytest.mark.parametrize(
    ("period", "nl", "en"),
    [
        (
            "0 days",
            "Verwerker voltooit de teruggave of wissing onmiddellijk na het einde van de Diensten.",
            "The Processor shall complete the return or deletion immediately after the end of the Services.",
        ),
        (
            "open",
            "Verwerker voltooit de teruggave of wissing binnen een redelijke termijn na het einde van de Diensten.",
            "The Processor shall complete the return or deletion within a reasonable period after the end of the"
            " Services.",
        ),
        (
            "10 business days",
            "Verwerker voltooit de teruggave of wissing binnen 10 Werkdagen na het einde van de Diensten.",
            "The Processor shall complete the return or deletion within 10 Business Days after the end of"
            " the Services.",
        ),
    ],
)
def test_immediate_open_and_business_day_periods(
    tmp_path: Path, library: Library, period: str, nl: str, en: str
) -> None:
    text = both(customer(deletion={"period_days": period}), tmp_path, library)
    assert text["nl"]["return_deletion.period"].endswith(nl)
    assert text["en"]["return_deletion.period"].endswith(en)


def test_periods_per_service(tmp_path: Path, library: Library) -> None:
    one = [{"service": {"nl": "verzuimregistratie", "en": "sick-leave records"}, "period": "14 days"}]
    text = both(customer(deletion={"per_service": one}), tmp_path, library)
    assert text["nl"]["return_deletion.period"].endswith(
        "Voor verzuimregistratie voltooit Verwerker dit in afwijking daarvan binnen 14 dagen, op dezelfde wijze"
        " gerekend."
    )
    assert text["en"]["return_deletion.period"].endswith(
        "For sick-leave records, the Processor shall instead complete this within 14 days, counted in the same way."
    )
    three = [
        {"service": "email_delivery", "period": "7 days"},
        {"service": {"nl": "logbestanden", "en": "log files"}, "period": "0 days"},
        {"service": {"nl": "archief", "en": "archive"}, "period": "2 weeks"},
    ]
    text = both(customer(deletion={"per_service": three}), tmp_path, library)
    nl, en = text["nl"]["return_deletion.period"].splitlines(), text["en"]["return_deletion.period"].splitlines()
    assert nl[0].endswith(
        "Voor de volgende onderdelen van de Diensten geldt in afwijking daarvan de daarbij"
        " vermelde termijn, op dezelfde wijze gerekend:"
    )
    assert nl[1:] == [
        "(a) verzending van e-mailberichten: binnen 7 dagen;",
        "(b) logbestanden: onmiddellijk; en",
        "(c) archief: binnen 2 weken.",
    ]
    assert en[0].endswith(
        "For the following parts of the Services, the period stated next to them applies instead,"
        " counted in the same way:"
    )
    assert en[1:] == [
        "(a) email delivery: within 7 days;",
        "(b) log files: immediately; and",
        "(c) archive: within 2 weeks.",
    ]


RETURN_COSTS = {
    "free": (
        "Verwerker brengt voor de teruggave geen kosten in rekening.",
        "The Processor shall not charge for the return.",
    ),
    "controller": (
        "Verwerkingsverantwoordelijke vergoedt de redelijke kosten van de teruggave tegen de tarieven van"
        " de Hoofdovereenkomst, mits Verwerker die kosten vooraf schriftelijk heeft begroot.",
        "The Controller shall reimburse the reasonable costs of the return at the rates of the Main"
        " Agreement, provided that the Processor has estimated those costs in writing in advance.",
    ),
    "agreed_later": (
        "Partijen komen een eventuele vergoeding voor de teruggave vóór de teruggave overeen; zolang zij"
        " daarover geen overeenstemming hebben bereikt, schort Verwerker de teruggave niet op",
        "The Parties shall agree on any fee for the return before the return takes place; for as long"
        " as they have not reached agreement, the Processor shall not suspend the return",
    ),
}


@pytest.mark.slow  # every variant: one contract composed per case
@pytest.mark.parametrize("costs", list(RETURN_COSTS))
@pytest.mark.parametrize("own_format", [False, True])
def test_return_format_medium_and_costs(tmp_path: Path, library: Library, costs: str, own_format: bool) -> None:
    deletion: dict[str, Any] = {"return_costs": costs}
    if own_format:
        deletion["return_format"] = {
            "nl": "als CSV-bestanden via een beveiligde downloadlink.",
            "en": "as CSV files via a secure download link.",
        }
    text = both(customer(deletion=deletion), tmp_path, library)
    nl, en = text["nl"]["return_deletion.method"], text["en"]["return_deletion.method"]
    if own_format:
        assert (
            "Verwerker bezorgt de Persoonsgegevens terug in het volgende formaat en op de volgende wijze: als"
            " CSV-bestanden via een beveiligde downloadlink. " in nl
        )
        assert (
            "The Processor shall return the Personal Data in the following format and manner: as CSV files via a"
            " secure download link. " in en
        )
    else:
        assert (
            "Teruggave geschiedt in een gangbaar, gestructureerd en machineleesbaar formaat en op een beveiligde"
            " wijze die Partijen bij de teruggave nader overeenkomen." in nl
        )
        assert (
            "Return shall take place in a commonly used, structured and machine-readable format and in a secure"
            " manner to be agreed further by the Parties at the time of the return." in en
        )
        assert "CSV, JSON" not in nl and "CSV, JSON" not in en  # no fixed list of formats any more
    assert RETURN_COSTS[costs][0] in nl
    assert RETURN_COSTS[costs][1] in en


def test_the_default_action_return(tmp_path: Path, library: Library) -> None:
    text = both(customer(deletion={"default_action": "return"}), tmp_path, library)
    assert (
        "dan bezorgt Verwerker alle Persoonsgegevens binnen de in artikel 12.2 genoemde termijn aan"
        " Verwerkingsverantwoordelijke terug en verwijdert hij daarna alle bestaande kopieën."
        in (text["nl"]["return_deletion.default"])
    )
    assert (
        "the Processor shall return all Personal Data to the Controller within the period referred to in Clause"
        " 12.2 and shall then delete all existing copies." in text["en"]["return_deletion.default"]
    )


def test_the_sub_processor_returns_the_data_to_the_processor_or_on_instruction_to_the_controller(
    tmp_path: Path, library: Library
) -> None:
    text = both(customer(**SUBPROCESSING), tmp_path, library)
    assert text["nl"]["return_deletion.upstream"].startswith(
        "12.7 Subverwerker bezorgt de Persoonsgegevens terug aan Verwerker of, als Verwerker dat schriftelijk"
        " opdraagt, rechtstreeks aan de Verwerkingsverantwoordelijke die het betreft."
    )
    assert (
        "wist Subverwerker de Persoonsgegevens van die Verwerkingsverantwoordelijke of bezorgt hij ze terug zodra"
        " Verwerker hem dat schriftelijk opdraagt" in text["nl"]["return_deletion.upstream"]
    )
    assert text["en"]["return_deletion.upstream"].startswith(
        "12.7 The Sub-processor shall return the Personal Data to the Processor or, if the Processor so instructs in"
        " writing, directly to the Controller concerned."
    )
    assert (
        "naar keuze van Verwerker, alle Persoonsgegevens of bezorgt hij deze aan Verwerker terug"
        in (text["nl"]["return_deletion.choice"])
    )
    assert "return_deletion.upstream" not in clauses(customer(), "nl", tmp_path, library)


# --- #13: processing before the effective date --------------------------------------------------


def test_the_agreement_covers_processing_before_its_effective_date(tmp_path: Path, library: Library) -> None:
    text = both(customer(), tmp_path, library)
    assert (
        "Zij is van toepassing op alle verwerkingen van Persoonsgegevens in het kader van de Hoofdovereenkomst,"
        " ook voor zover die vóór haar inwerkingtreding hebben plaatsgevonden." in text["nl"]["term.commencement"]
    )
    assert (
        "It applies to all processing of Personal Data under the Main Agreement, including processing that took"
        " place before it entered into force." in text["en"]["term.commencement"]
    )


# --- #11: the language clause of a single-language contract ----------------------------------


@pytest.mark.parametrize("prevailing", ["nl", "en"])
def test_a_single_language_contract_refers_to_no_other_version(
    tmp_path: Path, library: Library, prevailing: str
) -> None:
    data = customer(contract={"prevailing_language": prevailing})
    nl = clauses(data, "nl", tmp_path, library)["language.version"]
    en = clauses(data, "en", tmp_path, library)["language.version"]
    assert nl.endswith(
        "Deze Overeenkomst is uitsluitend in de Nederlandse taal opgesteld en ondertekend; deze tekst is de enige"
        " authentieke tekst. Bij strijdigheid tussen deze tekst en een vertaling ervan prevaleert deze tekst."
    )
    assert en.endswith(
        "This Agreement has been drawn up and signed in English only; this text is the only authentic text. In the"
        " event of any conflict between this text and a translation of it, this text prevails."
    )
    assert "Engelse" not in nl and "Dutch" not in en


@pytest.mark.slow  # a full check of the bundled library
def test_check_warns_when_a_single_language_contract_names_the_other_language_as_prevailing(tmp_path: Path) -> None:
    data = customer(contract={"language": "en", "prevailing_language": "nl"})
    assert "C127" in codes(data, tmp_path)


def test_the_bilingual_language_clause_names_the_prevailing_text(tmp_path: Path, library: Library) -> None:
    data = customer(contract={"prevailing_language": "en"})
    document = build_document(data, "nl+en", tmp_path, library)
    text = "\n".join(line for block in document.blocks for line in _lines(block))
    assert "Bij strijdigheid of verschil in uitleg tussen beide versies prevaleert de Engelse tekst." in text
    assert "the English text prevails." in text


# --- #23: the DPO sentence only when the file says there is none ------------------------------


def test_the_no_dpo_sentence_only_when_the_file_says_dpo_none(tmp_path: Path, library: Library) -> None:
    none = both(customer(), tmp_path, library)  # the base customer's processor has dpo: none
    assert none["nl"]["contacts.dpo"].startswith(
        "15.2 Verwerker heeft geen functionaris voor gegevensbescherming aangewezen; zijn in artikel 15.1 genoemde"
        " contactpersoon is het contactpunt voor vragen over gegevensbescherming. Verwerker stelt"
    )
    assert none["en"]["contacts.dpo"].startswith(
        "15.2 The Processor has not designated a data protection officer; its contact person referred to in Clause"
        " 15.1 is the contact point for data protection questions. The Processor shall notify"
    )
    silent = both(customer(processor={"dpo": None}), tmp_path, library)
    assert silent["nl"]["contacts.dpo"] == (
        "15.2 Verwerker stelt Verwerkingsverantwoordelijke schriftelijk in kennis wanneer hij een functionaris voor"
        " gegevensbescherming aanwijst of vervangt."
    )
    assert silent["en"]["contacts.dpo"] == (
        "15.2 The Processor shall notify the Controller in writing when it designates or replaces a data protection"
        " officer."
    )
    named = both(customer(processor={"dpo": {"name": "A. Smit", "email": "fg@mailflow.example"}}), tmp_path, library)
    assert named["nl"]["contacts.dpo"].startswith(
        "15.2 Verwerker heeft A. Smit aangewezen als functionaris voor gegevensbescherming, bereikbaar via"
        " fg@mailflow.example. Verwerker stelt"
    )
    assert named["en"]["contacts.dpo"].startswith(
        "15.2 The Processor has designated A. Smit as its data protection officer, who can be reached at"
        " fg@mailflow.example. The Processor shall notify"
    )


@pytest.mark.slow  # a full check of the bundled library
def test_check_warns_when_the_file_is_silent_about_the_dpo(tmp_path: Path) -> None:
    assert "C128" in codes(customer(processor={"dpo": None}), tmp_path)
    assert "C128" not in codes(customer(), tmp_path)


# --- #19: the docking clause ---------------------------------------------------------------------


@pytest.mark.parametrize("public", [False, True])
def test_other_group_companies_or_fellow_public_bodies_may_accede(
    tmp_path: Path, library: Library, public: bool
) -> None:
    data = customer(contract={"accession": "true"}, controller=PUBLIC_BODY if public else {})
    text = both(data, tmp_path, library)
    nl, en = text["nl"]["final_provisions.accession"], text["en"]["final_provisions.accession"]
    if public:
        assert (
            "Met instemming van Partijen kan een openbaar lichaam dat met Verwerkingsverantwoordelijke deelneemt"
            " in een gemeenschappelijke regeling, of het openbaar lichaam dat bij die regeling is ingesteld, aan de"
            " zijde van Verwerkingsverantwoordelijke tot deze Overeenkomst toetreden" in nl
        )
        assert (
            "With the consent of the Parties, a public body that participates with the Controller in a joint"
            " arrangement under public law (gemeenschappelijke regeling), or the public body established by that"
            " arrangement, may accede to this Agreement on the side of the Controller" in en
        )
    else:
        assert (
            "Met instemming van Partijen kan een rechtspersoon of vennootschap die tot dezelfde groep behoort als"
            " Verwerkingsverantwoordelijke aan de zijde van Verwerkingsverantwoordelijke tot deze Overeenkomst"
            " toetreden" in nl
        )
        assert (
            "With the consent of the Parties, a legal entity or company belonging to the same group as the"
            " Controller may accede to this Agreement on the side of the Controller" in en
        )
    assert "Het ondertekende formulier wordt aan Bijlage I toegevoegd en maakt daarvan deel uit." in nl
    assert "voor de periode daarvoor heeft zij geen rechten of verplichtingen uit deze Overeenkomst." in nl
    assert "The signed form shall be added to Annex I and forms part of it." in en
    assert "it has no rights or obligations under this Agreement for the period before that." in en
    without = both(customer(contract={"accession": "false"}), tmp_path, library)
    assert "final_provisions.accession" not in without["nl"] and "final_provisions.accession" not in without["en"]


# --- #25: the closing with several signatories and a representative's capacity ----------------


def closing(data: Mapping[str, Any], lang: str, tmp: Path, library: Library) -> str:
    document = build_document(data, lang, tmp, library)
    lines = [line for block in document.blocks for line in _lines(block)]
    return next(line for line in lines if line.startswith(("Aldus", "Thus")))


def test_one_signatory_per_party_without_capacity_repeats_nothing(tmp_path: Path, library: Library) -> None:
    data = customer(signing={"date": "2026-02-20"})
    assert (
        closing(data, "nl", tmp_path, library) == "Aldus overeengekomen en ondertekend te Utrecht op 20 februari 2026."
    )
    assert closing(data, "en", tmp_path, library) == "Thus agreed and signed in Utrecht on 20 February 2026."


def test_several_signatories_or_a_capacity_refer_to_the_party_block(tmp_path: Path, library: Library) -> None:
    joint = customer(
        controller={
            "representative": [
                {"name": "A. Jansen", "role": "managing_director"},
                {"name": "B. de Boer", "role": "director"},
            ]
        }
    )
    assert closing(joint, "nl", tmp_path, library) == (
        "Aldus overeengekomen en ondertekend te Utrecht op de hieronder bij de handtekeningen vermelde data, door de"
        " vertegenwoordigers van Partijen die in de aanhef van deze Overeenkomst zijn genoemd, ieder in de daar"
        " vermelde hoedanigheid en, waar een Partij door meer dan één persoon wordt vertegenwoordigd, gezamenlijk."
    )
    assert closing(joint, "en", tmp_path, library) == (
        "Thus agreed and signed in Utrecht on the dates stated below next to the signatures, by the representatives"
        " of the Parties named at the head of this Agreement, each in the capacity stated there and, where a Party is"
        " represented by more than one person, jointly."
    )
    capacity = customer(
        signing={"date": "2026-02-20"},
        processor={
            "representative": {
                "name": "C. Smit",
                "role": "director",
                "capacity": {
                    "nl": "handelend krachtens volmacht van 1 februari 2026",
                    "en": "acting under a power of attorney of 1 February 2026",
                },
            }
        },
    )
    assert closing(capacity, "nl", tmp_path, library) == (
        "Aldus overeengekomen en ondertekend te Utrecht op 20 februari 2026, door de vertegenwoordigers van Partijen"
        " die in de aanhef van deze Overeenkomst zijn genoemd, ieder in de daar vermelde hoedanigheid."
    )
    assert closing(capacity, "en", tmp_path, library) == (
        "Thus agreed and signed in Utrecht on 20 February 2026, by the representatives of the Parties named at the"
        " head of this Agreement, each in the capacity stated there."
    )


# --- every variant renders for every combination the settings allow -------------------------


@pytest.mark.slow  # every variant: one contract composed per case
@pytest.mark.parametrize("kind", ["controller_processor", "processor_subprocessor"])
@pytest.mark.parametrize("law", ["NL", "BE", "main_agreement"])
def test_the_whole_contract_builds_for_each_law_and_kind(tmp_path: Path, library: Library, kind: str, law: str) -> None:
    base = customer(**SUBPROCESSING) if kind == "processor_subprocessor" else customer()
    data = {
        **base,
        "law": {"governing_law": law},
        "liability": {"cap_fees": {"months": 12}},
        "deletion": {"data_act": "true", "choice": "delete_only"},
        "audit": {"procedure": "reports_first"},
    }
    for lang in LANGS:
        text = whole(data, lang, tmp_path, library)
        assert "{{" not in text and "{%" not in text
        assert "  " not in text
