"""``dpa-gen notify``: the letters' text, the mail-merge files, bad change files, and all-or-nothing output.

The 50-customer run with hand-computed deadlines is tests/test_notify_batch.py; the calendar
itself is tests/test_notify_dates.py.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from dpa_gen.cli import app
from dpa_gen.engine import compose, load_customer
from dpa_gen.errors import UserError
from dpa_gen.library import load_library
from dpa_gen.models.base import LanguageMode
from dpa_gen.notify.change import read_change
from dpa_gen.notify.driver import Letter, NotifyRequest, prepare_letter, run_notify
from dpa_gen.notify.mailmerge import COLUMNS
from dpa_gen.paths import clauses_dir
from tests.conftest import pdf_text
from tests.contract_text import _lines, customer

SENT = date(2027, 2, 26)  # Friday; 28 days later is Good Friday 26 March 2027
CHANGE = """\
effective: 2027-06-01
reference: SUB-2027-07
replace:
  - old: Mollie B.V.
    new: {name: Adyen N.V., service: payment, country: NL, city: Amsterdam, access_from: [US], safeguard: scc}
add:
  - {name: Scaleway SAS, service: cloud_hosting, country: FR, city: Paris}
remove: [Brevo SAS]
"""
MOLLIE = {"name": "Mollie B.V.", "service": "payment", "country": "NL", "city": "Amsterdam"}
BREVO = {"name": "Brevo SAS", "service": "email_delivery", "country": "FR", "city": "Paris"}


def write_customer(folder: Path, name: str, **changes: Any) -> Path:
    """A customer file from tests/contract_text.py's base customer (Dutch law, the library's defaults)."""
    data = customer(**changes)
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def with_list(authorisation: str = "general", notice: str = "28 days", **more: Any) -> dict[str, Any]:
    return {"list": [MOLLIE, BREVO], "authorisation": authorisation, "notice_days": notice, **more}


@pytest.fixture
def change_file(tmp_path: Path) -> Path:
    path = tmp_path / "change.yaml"
    path.write_text(CHANGE, encoding="utf-8")
    return path


def letter_of(path: Path, change: Path, language: str) -> tuple[Letter, str]:
    """The letter ``path`` gets, and its text one block per line (both columns for nl+en)."""
    library = load_library(clauses_dir())
    request = NotifyRequest(read_change(change, library), SENT, path.parent / "out", ("docx",))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["contract"]["language"] = language
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    letter = prepare_letter(path, request)
    assert letter.composed is not None
    return letter, "\n".join(line for block in letter.composed.document.blocks for line in _lines(block))


def objection_clause(path: Path) -> str:
    """The number of clause subprocessing.objection in this customer's contract, as composed."""
    library = load_library(clauses_dir())
    loaded = load_customer(path, library)
    return compose(loaded.customer, library, LanguageMode.NL).resolution.refs["subprocessing.objection"]


# --- the letter's text -----------------------------------------------------------------------


def test_the_dutch_notice(tmp_path: Path, change_file: Path) -> None:
    path = write_customer(tmp_path, "bakkerij", subprocessors=with_list())
    letter, text = letter_of(path, change_file, "nl")
    number = objection_clause(path)
    assert letter.kind == "notice"
    assert text.startswith("Kennisgeving van een voorgenomen wijziging van subverwerkers\n")
    assert "Aan | Bakkerij De Korenschoof B.V. / Anna de Vries / privacy@korenschoof.nl" in text
    assert "Van | Mailflow B.V. / Security Desk / security@mailflow.example" in text
    assert "Datum | 26 februari 2027" in text
    assert (
        "Betreft | Voorgenomen wijziging van subverwerkers met ingang van 1 juni 2027;"
        " uiterste datum voor bezwaar: 30 maart 2027"
    ) in text
    assert "Kenmerk | SUB-2027-07" in text
    assert "heeft u ons algemene schriftelijke toestemming verleend om subverwerkers in te schakelen" in text
    assert "artikel 28, lid 2, van de Algemene verordening gegevensbescherming (AVG)" in text
    # The sub-processor's details: service, place, locations, access, transfer safeguard.
    assert (
        "(a) Mollie B.V., thans ingeschakeld voor betalingsverwerking, door Adyen N.V. (vestiging: Amsterdam,"
        " Nederland) voor betalingsverwerking. Verwerkingslocatie: Nederland; toegang op afstand vanuit: Verenigde"
        " Staten. Grondslag voor de doorgifte buiten de Europese Economische Ruimte (Verenigde Staten):"
        " standaardcontractbepalingen (Uitvoeringsbesluit (EU) 2021/914, artikel 46 AVG)."
    ) in text
    assert (
        "(a) Scaleway SAS (vestiging: Paris, Frankrijk) voor cloudhosting (infrastructuur). Verwerkingslocatie:"
        " Frankrijk. Geen doorgifte buiten de Europese Economische Ruimte."
    ) in text
    assert "niet langer inschakelen:\n(a) Brevo SAS, thans ingeschakeld voor verzending van e-mailberichten." in text
    # The right to object, with the contract's own clause and the deadline: 28 days end on Good Friday.
    assert (
        f"U kunt tegen deze wijziging bezwaar maken op grond van artikel 28, lid 2, AVG en artikel {number} van de"
        " Overeenkomst. Een bezwaar moet schriftelijk worden gemaakt en ons uiterlijk op 30 maart 2027 hebben"
        " bereikt"
    ) in text
    assert (
        "Die datum volgt uit de bezwaartermijn van 28 dagen die de Overeenkomst u geeft, gerekend vanaf de dag na de"
        " dagtekening van deze brief; omdat die termijn zou eindigen op 26 maart 2027, Goede Vrijdag, loopt hij door"
        " tot en met 30 maart 2027, de eerstvolgende dag die geen zaterdag, zondag of feestdag is."
    ) in text
    assert f"de verdere gevolgen van een bezwaar zijn geregeld in artikel {number} van de Overeenkomst" in text
    # How to object: to the processor's contact point.
    assert (
        "U kunt uw bezwaar per e-mail zenden aan Security Desk (security@mailflow.example) of per post aan"
        " Mailflow B.V., Keizersgracht 1, 1015 CJ Amsterdam, onder vermelding van kenmerk SUB-2027-07."
    ) in text
    # The updated Annex III: Adyen in Mollie's place, Scaleway added, Brevo gone.
    annex = text[text.index("Bijlage III – Subverwerkers na de voorgenomen wijziging met ingang van 1 juni 2027") :]
    assert "Adyen N.V." in annex and "Scaleway SAS" in annex
    assert "Mollie" not in annex and "Brevo" not in annex
    assert "tenzij Bakkerij De Korenschoof B.V. tijdig bezwaar maakt" in annex


def test_the_english_notice(tmp_path: Path, change_file: Path) -> None:
    path = write_customer(tmp_path, "bakery", subprocessors=with_list(objection_days="10 business days"))
    _, text = letter_of(path, change_file, "en")
    number = objection_clause(path)
    assert text.startswith("Notice of an intended change of sub-processors\n")
    assert "Date | 26 February 2027" in text
    assert "deadline for objections: 12 March 2027" in text  # 10 business days: Mon 1 - Fri 12 March
    assert "you have given us general written authorisation to engage sub-processors" in text
    assert (
        f"You may object to this change under Article 28(2) GDPR and Clause {number} of the Agreement. An objection"
        " must be made in writing and must reach us no later than 12 March 2027"
    ) in text
    assert "That date follows from the objection period of 10 Business Days that the Agreement gives you" in text
    assert "would end on" not in text  # Friday 12 March is a working day: nothing moved
    assert (
        "(a) Mollie B.V., currently engaged for payment processing, by Adyen N.V. (establishment: Amsterdam,"
        " Netherlands) for payment processing. Processing location: Netherlands; remote access from: United States."
        " Basis for the transfer outside the European Economic Area (United States): standard contractual clauses"
        " (Implementing Decision (EU) 2021/914, Article 46 GDPR)."
    ) in text
    assert "You may send your objection by e-mail to Security Desk (security@mailflow.example)" in text
    assert "Annex III – Sub-processors after the intended change with effect from 1 June 2027" in text
    assert "Yours faithfully," in text


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        (
            "nl",
            [
                "Verzoek om toestemming voor een wijziging van subverwerkers",
                "Betreft | Verzoek om specifieke schriftelijke toestemming voor een wijziging van subverwerkers met"
                " ingang van 1 juni 2027",
                "schakelen wij geen subverwerker in zonder uw voorafgaande specifieke schriftelijke toestemming",
                "Het uitblijven van een reactie geldt niet als toestemming. Wij verzoeken u ons vóór 1 juni 2027"
                " schriftelijk te laten weten of u de gevraagde toestemming verleent.",
                "U kunt uw beslissing per e-mail zenden aan Security Desk",
                "mits Bakkerij De Korenschoof B.V. voor de wijziging schriftelijk toestemming verleent",
            ],
            ["bezwaar maken", "uiterste datum"],
        ),
        (
            "en",
            [
                "Request for authorisation of a change of sub-processors",
                "we do not engage any sub-processor without your prior specific written authorisation",
                "The absence of a response does not constitute authorisation. We ask you to let us know in writing"
                " before 1 June 2027 whether you grant the authorisation requested.",
                "You may send your decision by e-mail to Security Desk",
            ],
            ["object to this change", "deadline for objections"],
        ),
    ],
)
def test_the_request_under_specific_authorisation(
    tmp_path: Path, change_file: Path, language: str, expected: list[str], absent: list[str]
) -> None:
    path = write_customer(tmp_path, "bakkerij", subprocessors=with_list("specific", "30 days"))
    letter, text = letter_of(path, change_file, language)
    assert letter.kind == "request" and letter.dates is not None and letter.dates.deadline is None
    for phrase in expected:
        assert phrase in text
    for phrase in absent:
        assert phrase not in text
    number = objection_clause(path)
    refuse = f"artikel {number} van de Overeenkomst" if language == "nl" else f"Clause {number} of the Agreement"
    assert refuse in text


def test_a_bilingual_letter_pairs_the_languages(tmp_path: Path, change_file: Path) -> None:
    path = write_customer(tmp_path, "bakkerij", subprocessors=with_list())
    letter, text = letter_of(path, change_file, "nl+en")
    assert letter.composed is not None
    assert "Aan / To | Bakkerij De Korenschoof B.V." in text
    assert "Datum / Date | 26 februari 2027 / 26 February 2027" in text
    assert "uiterlijk op 30 maart 2027" in text and "no later than 30 March 2027" in text
    assert letter.composed.document.info.title == (
        "Kennisgeving van een voorgenomen wijziging van subverwerkers / Notice of an intended change of sub-processors"
    )


def test_a_sub_processing_agreement_names_article_28_4(tmp_path: Path, change_file: Path) -> None:
    path = write_customer(
        tmp_path,
        "sub",
        contract={"kind": "processor_subprocessor"},
        controller=None,
        processor=customer()["controller"],
        subprocessor=customer()["processor"],
        upstream={"controllers": {"nl": "de klanten van Verwerker", "en": "the Processor's customers"}},
        subprocessors=with_list(),
    )
    _, text = letter_of(path, change_file, "nl")
    assert "de subverwerkersovereenkomst tussen Bakkerij De Korenschoof B.V. en Mailflow B.V." in text
    assert "bezwaar maken op grond van artikel 28, leden 2 en 4, AVG" in text


# --- who gets a letter -------------------------------------------------------------------------


def test_customers_without_the_changed_sub_processor_get_nothing(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "customers"
    folder.mkdir()
    write_customer(folder, "a-with", subprocessors=with_list())
    write_customer(folder, "b-without", subprocessors={"list": [BREVO]})
    write_customer(folder, "c-none")
    change = tmp_path / "change.yaml"
    change.write_text(
        "effective: 2027-06-01\nreplace:\n  - old: mollie  b.v.\n"
        "    new: {name: Adyen N.V., service: payment, country: NL}\nremove: [Brevo SAS]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run_notify([folder], change, sent=SENT, out_dir=out, formats=("docx",)) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a-with.notice.nl-en.docx", "notices.csv", "notices.json"]
    err = capsys.readouterr().err
    assert "3 customer files: 1 notice, 0 requests, 2 not affected, 0 failed in" in err
    assert (
        f"no letter for a removal alone (it needs no notice); update subprocessors.list in: {folder}/b-without.yaml"
        in err
    )


def test_what_a_change_does_to_one_customer(tmp_path: Path) -> None:
    from dpa_gen.models.change import Change
    from dpa_gen.notify.change import effect_on

    library = load_library(clauses_dir())
    path = write_customer(tmp_path, "shop-1", subprocessors={"list": [MOLLIE, BREVO]})
    current = load_customer(path, library).customer
    data: dict[str, Any] = {
        "effective": "2027-06-01",
        "replace": [{"old": "BREVO SAS", "new": MOLLIE}],  # the new one is engaged already: a removal
        "add": [MOLLIE, {"name": "Scaleway SAS", "service": "cloud_hosting", "country": "FR"}],
    }
    effect = effect_on(Change.model_validate(data), current, path)
    assert effect is not None
    assert [s.name for s in effect.engaged] == ["Mollie B.V.", "Scaleway SAS"]
    assert (effect.added, effect.replaced, effect.removed) == ((1,), (), (1,))  # Mollie is no addition
    by_name = Change.model_validate({**data, "affects": {"customers": ["shop-*"]}})
    assert effect_on(by_name, current, path) is not None
    assert effect_on(by_name, current, tmp_path / "other.yaml") is None
    by_service = Change.model_validate({**data, "affects": {"services": ["backup"]}})
    assert effect_on(by_service, current, path) is None  # it lists no backup sub-processor


# --- the mail-merge files ----------------------------------------------------------------------


@pytest.mark.slow  # letters for several customers as DOCX and PDF
def test_notices_csv_and_json(tmp_path: Path, change_file: Path) -> None:
    folder = tmp_path / "customers"
    folder.mkdir()
    write_customer(folder, "bakkerij", contract={"language": "nl"}, subprocessors=with_list())
    write_customer(
        folder,
        "gemeente",
        contract={"language": "en", "prevailing_language": "en"},
        controller={"name": "Gemeente Zuidhaven", "contact": {"name": "Privacy Office", "email": "privacy@gz.nl"}},
        subprocessors=with_list("specific", "30 days"),
        law={"governing_law": "BE"},
    )
    out = tmp_path / "out"
    assert run_notify([folder], change_file, sent=SENT, out_dir=out, formats=("docx", "pdf"), quiet=True) == 0
    raw = (out / "notices.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert (
        tuple(rows[0])
        == COLUMNS
        == (
            "customer_file",
            "customer",
            "contact_name",
            "contact_email",
            "language",
            "kind",
            "sent",
            "effective",
            "deadline",
            "subject",
            "docx",
            "pdf",
        )
    )
    assert rows == [
        {
            "customer_file": str(folder / "bakkerij.yaml"),
            "customer": "Bakkerij De Korenschoof B.V.",
            "contact_name": "Anna de Vries",
            "contact_email": "privacy@korenschoof.nl",
            "language": "nl",
            "kind": "notice",
            "sent": "2027-02-26",
            "effective": "2027-06-01",
            "deadline": "2027-03-30",
            "subject": "Voorgenomen wijziging van subverwerkers met ingang van 1 juni 2027; uiterste datum voor"
            " bezwaar: 30 maart 2027",
            "docx": "bakkerij.notice.nl.docx",
            "pdf": "bakkerij.notice.nl.pdf",
        },
        {
            "customer_file": str(folder / "gemeente.yaml"),
            "customer": "Gemeente Zuidhaven",
            "contact_name": "Privacy Office",
            "contact_email": "privacy@gz.nl",
            "language": "en",
            "kind": "request",
            "sent": "2027-02-26",
            "effective": "2027-06-01",
            "deadline": "",
            "subject": "Request for specific written authorisation of a change of sub-processors with effect from"
            " 1 June 2027",
            "docx": "gemeente.request.en.docx",
            "pdf": "gemeente.request.en.pdf",
        },
    ]
    data = json.loads((out / "notices.json").read_text("utf-8"))
    assert data["sent"] == "2027-02-26" and data["not_affected"] == []
    assert data["change"]["file"] == str(change_file) and data["change"]["reference"] == "SUB-2027-07"
    assert [{k: v for k, v in row.items() if k != "changes"} for row in data["notices"]] == rows
    assert data["notices"][0]["changes"] == {
        "added": ["Scaleway SAS"],
        "replaced": [{"old": "Mollie B.V.", "new": "Adyen N.V."}],
        "removed": ["Brevo SAS"],
    }
    # The PDF says what the model says, with the house style's page label.
    text = " ".join(pdf_text(out / "bakkerij.notice.nl.pdf").split())
    assert "uiterlijk op 30 maart 2027 hebben bereikt" in text
    assert "pagina 1 van" in text


@pytest.mark.slow  # LibreOffice
def test_libreoffice_opens_the_letter(tmp_path: Path, change_file: Path) -> None:
    from tests.conftest import docx_to_pdf

    path = write_customer(tmp_path, "bakkerij", subprocessors=with_list())
    out = tmp_path / "out"
    assert run_notify([path], change_file, sent=SENT, out_dir=out, formats=("docx",), quiet=True) == 0
    text = " ".join(pdf_text(docx_to_pdf(out / "bakkerij.notice.nl-en.docx", tmp_path)).split())
    assert "uiterlijk op 30 maart 2027 hebben bereikt" in text and "no later than 30 March 2027" in text
    assert "Adyen N.V." in text


@pytest.mark.slow  # writes every letter twice
def test_the_same_inputs_give_the_same_bytes(tmp_path: Path, change_file: Path) -> None:
    path = write_customer(tmp_path, "bakkerij", subprocessors=with_list())
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        assert run_notify([path], change_file, sent=SENT, out_dir=out, quiet=True) == 0
    for name in ("bakkerij.notice.nl-en.docx", "bakkerij.notice.nl-en.pdf", "notices.csv", "notices.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


# --- failures ----------------------------------------------------------------------------------


@pytest.mark.slow  # letters for several customers as DOCX and PDF
def test_a_change_too_soon_for_one_customer_writes_nothing(tmp_path: Path, change_file: Path, capsys: Any) -> None:
    folder = tmp_path / "customers"
    folder.mkdir()
    write_customer(folder, "a-fine", subprocessors=with_list())
    late = write_customer(folder, "b-late", subprocessors=with_list(notice="90 days"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "notices.csv").write_text("the previous run\n", encoding="utf-8")
    change_file.write_text(CHANGE.replace("2027-06-01", "2027-05-20"), encoding="utf-8")
    assert run_notify([folder], change_file, sent=SENT, out_dir=out) == 1
    assert sorted(p.name for p in out.iterdir()) == ["notices.csv"]
    assert (out / "notices.csv").read_text(encoding="utf-8") == "the previous run\n"
    err = capsys.readouterr().err
    # 90 days from Fri 26 Feb end on Thu 27 May, so the change may start on Fri 28 May at the
    # earliest. For Thu 20 May the period must end by Wed 19 May: Thu 18 Feb + 10 = 28 Feb,
    # + 31 = 31 Mar (41), + 30 = 30 Apr (71), + 19 = Wed 19 May (90), a working day.
    line = late.read_text(encoding="utf-8").splitlines().index("  notice_days: 90 days") + 1
    assert (
        f"{late}:{line}:16: error: subprocessors.notice_days: the change takes effect on 2027-05-20, but the contract"
        " of 'Bakkerij De Korenschoof B.V.' requires a notice period of 90 days: send by 2027-02-18 or postpone the"
        " change to 2027-05-28 or later"
    ) in err
    assert "2 customer files: 1 notice, 0 requests, 0 not affected, 1 failed in" in err
    assert "nothing was written: fix the problems above and run again" in err


CHANGE_ERRORS = [
    (
        "efective: 2027-06-01\nadd:\n  - {name: X B.V., service: payment, country: NL}\n",
        [
            "change.yaml:1:1: error: efective: unknown key 'efective' (did you mean 'effective'?)",
            "change.yaml:1:1: error: effective: missing required key; add it",
        ],
    ),
    (
        "effective: 2027-02-30\nreplace:\n  - old: Mollie B.V.\n    new: {name: Adyen N.V., service: payment}\n",
        [
            "change.yaml:1:12: error: effective: is not a real date; check the day and the month",
            "change.yaml:4:5: error: replace[0].new.country: missing required key; add it",
        ],
    ),
    (
        "effective: 2027-06-01\nremove: [Mollie B.V.]\n",
        [
            "change.yaml:1:1: error: the change adds or replaces no sub-processor, so there is nothing to announce"
            " (a removal alone needs no notice under art. 28(2) GDPR); give `add:` or `replace:`"
        ],
    ),
    (
        textwrap.dedent(
            """\
            effective: 2027-06-01
            add:
              - {name: X B.V., service: paymnt, country: US, safeguard: dpf, access_from: [IN]}
              - {name: x  b.v., service: payment, country: NL}
              - {name: Y Inc., service: payment, country: US, city: Boston}
              - {name: Z, service: payment, country: CN, safeguard: adequacy}
            affects: {customers: []}
            """
        ),
        [
            "change.yaml:3:29: error: add[0].service: unknown services key 'paymnt' (did you mean 'payment'?); use a"
            " key from clauses/vocabulary.yaml or write your own text ({nl: …, en: …})",
            "change.yaml:3:61: error: add[0].safeguard: the EU-US Data Privacy Framework covers only the United"
            " States; sub-processor 'X B.V.' needs scc or bcr for 'IN'",
            "change.yaml:4:12: error: add[1].name: 'x b.v.' is added here and already named on line 3; name it once",
            "change.yaml:5:47: error: add[2].country: sub-processor 'Y Inc.' processes or accesses data outside the"
            " EEA ('US') and needs a transfer safeguard; add safeguard: adequacy, scc, dpf or bcr",
            "change.yaml:6:57: error: add[3].safeguard: there is no adequacy decision for 'CN' in"
            " clauses/policy.yaml; sub-processor 'Z' needs scc, dpf or bcr there",
            "change.yaml:7:1: error: affects: names no customers and no services; remove `affects` to concern every"
            " customer file given",
        ],
    ),
    (
        "effective: 2027-06-01\nadd: [\n",
        ["change.yaml:3:1: error: invalid YAML: did not find expected node content (while parsing a flow node)"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CHANGE_ERRORS)
def test_bad_change_files_get_positioned_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("change.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_change(Path("change.yaml"), load_library(clauses_dir()))
    assert [d.render() for d in caught.value.diagnostics] == expected


def test_the_command_line(tmp_path: Path, change_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_customer(tmp_path, "bakkerij", subprocessors=with_list())
    runner = CliRunner()
    args = ["notify", "bakkerij.yaml", "-c", "change.yaml", "-f", "docx", "-o", "out", "-q"]
    done = runner.invoke(app, [*args, "--sent", "2027-02-26"])
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == ["out/bakkerij.notice.nl-en.docx", "out/notices.csv", "out/notices.json"]
    assert runner.invoke(app, [*args, "--sent", "26-02-2027"]).exit_code == 2  # a usage error
    assert runner.invoke(app, args).exit_code == 2  # --sent is required: never today
    late = runner.invoke(app, [*args, "--sent", "2027-06-01"])
    assert late.exit_code == 1
    assert (
        "change.yaml:1:12: error: effective: the letters are sent on 2027-06-01, not before the change" in late.stderr
    )
    Path("other").mkdir()
    write_customer(Path("other"), "bakkerij")
    twice = runner.invoke(app, [*args[:2], "other/bakkerij.yaml", *args[2:], "--sent", "2027-02-26"])
    assert twice.exit_code == 1
    assert "other/bakkerij.yaml: error: has the same name as bakkerij.yaml" in twice.stderr


def test_a_library_without_letters(tmp_path: Path, change_file: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    for source in clauses_dir().glob("*.yaml"):
        if source.name != "letters.yaml":
            (library / source.name).write_bytes(source.read_bytes())
    path = write_customer(tmp_path, "bakkerij", subprocessors=with_list())
    with pytest.raises(UserError, match="this clause library has no letters file"):
        run_notify([path], change_file, sent=SENT, out_dir=tmp_path / "out", clauses=library)


# --- the letters in `dpa-gen check` -----------------------------------------------------------


def broken_letters(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    library = tmp_path / "lib"
    library.mkdir()
    for source in clauses_dir().glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        (library / source.name).write_text(edit(text) if source.name == "letters.yaml" else text, encoding="utf-8")
    return library


@pytest.mark.slow  # a full check of a copy of the bundled library
def test_check_lints_the_letters_like_clause_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dpa_gen.check import check

    def edit(text: str) -> str:
        text = text.replace("nl: Geachte heer, mevrouw,", "nl: Geachte heer, mevrouw, {{ client.nam }} 3", 1)
        text = text.replace("Yours faithfully,", "Yours faithfully, {{ letter.deadline }}", 1)
        text = text.replace("Met vriendelijke groet,", "Met vriendelijke groet, {{ letter.deadline }}", 1)
        return text.replace("{% if letter.added|length > 1 %}subverwerkers", "{% if letter.added|lenght > 1 %}x", 1)

    monkeypatch.chdir(tmp_path)
    library = broken_letters(tmp_path, edit).relative_to(tmp_path)
    lines = (library / "letters.yaml").read_text(encoding="utf-8").splitlines()

    def at(marker: str) -> int:
        return next(number for number, line in enumerate(lines, 1) if marker in line)

    hello, lenght = at("{{ client.nam }} 3"), at("|lenght")
    groet, faithfully = at("Met vriendelijke groet, {{"), at("Yours faithfully, {{")
    found = [d.render(with_code=True) for d in check([], library).findings(strict=False)]
    assert found == [
        f"lib/letters.yaml:{hello}:11: error E205: letter.salutation: nl text: client.nam: 'client' has no field"
        " 'nam' (did you mean 'name'?)",
        f"lib/letters.yaml:{hello}:11: error E206: letter.salutation: nl text: the Dutch text uses the variable"
        " 'client.nam' but the English text does not",
        f"lib/letters.yaml:{hello}:11: error E209: parts[0].text.nl: the number 3 is written once in the Dutch text"
        " but not in the English text; write the same numbers in both",
        f"lib/letters.yaml:{lenght}:1: error E203: letter.additions: nl text: there is no filter or test 'lenght'"
        " (did you mean 'length'?)",
        f"lib/letters.yaml:{groet}:1: error E214: letter.closing: nl text: cannot be rendered for the complete sample"
        " customer's request: prints a value that this customer file leaves empty; guard it with {% if … %}",
        f"lib/letters.yaml:{faithfully}:1: error E214: letter.closing: en text: cannot be rendered for the complete"
        " sample customer's request: prints a value that this customer file leaves empty; guard it with {% if … %}",
    ]


def test_the_bundled_letters_are_clean() -> None:
    from dpa_gen.check.letters_lint import lint_letters

    assert lint_letters(load_library(clauses_dir())) == []
