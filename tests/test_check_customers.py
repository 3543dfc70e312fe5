"""`dpa-gen check` on customer files: schema, guardrails, coverage and rendering per customer."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpa_gen.check.customers import CustomerChecker, check_files
from tests.fixtures.check.builders import found, make_customer, make_library, run


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def column(path: Path, line: int, text: str) -> int:
    """The 1-based column where ``text`` starts on ``line`` of ``path``."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1].index(text) + 1


NO_SUBPROCESSORS = (
    "subprocessors:\n  list:\n    - {name: Mailgun Technologies Inc., service: email_delivery,"
    " country: US, safeguard: dpf}\n",
    "",
)


def test_the_test_customer_is_clean(tmp_path: Path) -> None:
    result = run(make_library(tmp_path), make_customer(tmp_path))
    assert found(result) == []
    assert [c.path for c in result.customers] == ["customer.yaml"]


# --- schema (C100) -----------------------------------------------------------------------------


def test_a_malformed_kvk_number_is_c100(tmp_path: Path) -> None:
    customer = make_customer(tmp_path, ('kvk: "01234567"', "kvk: 01234567x"))
    result = run(make_library(tmp_path), customer)
    assert found(result) == [("C100", "customer.yaml:9:8")]
    assert "8-digit KvK number" in result.findings(strict=False)[0].message


def test_a_date_that_does_not_exist_is_c100(tmp_path: Path) -> None:
    customer = make_customer(tmp_path, ("effective_date: 2026-03-01", "effective_date: 2026-02-30"))
    result = run(make_library(tmp_path), customer)
    assert found(result) == [("C100", "customer.yaml:2:19")]
    assert result.findings(strict=False)[0].message == "is not a real date; check the day and the month"


def test_a_tab_in_the_yaml_is_c100(tmp_path: Path) -> None:
    customer = make_customer(tmp_path, ("  name: Mailflow B.V.", "\tname: Mailflow B.V."))
    result = run(make_library(tmp_path), customer)
    assert [code for code, _ in found(result)] == ["C100"]
    assert found(result)[0][1].startswith("customer.yaml:14:")
    assert "tab character" in result.findings(strict=False)[0].message


def test_a_broken_library_still_reports_customer_schema_errors_but_nothing_deeper(
    tmp_path: Path,
) -> None:
    folder = make_library(tmp_path, ("09-closing.yaml", "kind: closing\n", "kind: closing\nkind: annex\n"))
    broken = make_customer(tmp_path, ('kvk: "01234567"', "kvk: 123"), name="broken.yaml")
    unknown_key = make_customer(tmp_path, ("legal_form: bv", "legal_form: bvv"), name="vocabulary.yaml")
    result = run(folder, broken, unknown_key)
    assert found(result) == [("C100", "broken.yaml:9:8"), ("E100", "lib/09-closing.yaml:3:1")]


# --- guardrails (C101-C109) --------------------------------------------------------------------


def test_an_unknown_vocabulary_key_is_c101_with_a_suggestion(tmp_path: Path) -> None:
    customer = make_customer(tmp_path, ("legal_form: bv", "legal_form: bvv"))
    result = run(make_library(tmp_path), customer)
    assert found(result) == [("C101", "customer.yaml:8:15")]
    assert "unknown legal forms key 'bvv' (did you mean 'bv'?)" in result.findings(strict=False)[0].render()


def test_breach_notice_hours_above_the_policy_are_c102(tmp_path: Path) -> None:
    customer = make_customer(tmp_path)
    customer.write_text(customer.read_text() + "breach:\n  notice_hours: 72\n")
    result = run(make_library(tmp_path), customer)
    assert found(result) == [("C102", "customer.yaml:30:17")]
    assert (
        "'72 hours' is outside the range the legal team allows (1\u201348 hours"
        in result.findings(strict=False)[0].render()
    )


def test_a_deletion_period_above_the_policy_is_c102(tmp_path: Path) -> None:
    customer = make_customer(tmp_path)
    customer.write_text(customer.read_text() + "deletion:\n  period_days: 120\n")
    assert found(run(make_library(tmp_path), customer)) == [("C102", "customer.yaml:30:16")]


def test_a_country_code_that_does_not_exist_is_c103(tmp_path: Path) -> None:
    customer = make_customer(tmp_path, ("city: Utrecht}", "city: Utrecht, country: XX}"))
    expected = column(customer, 10, "XX")
    assert found(run(make_library(tmp_path), customer)) == [("C103", f"customer.yaml:10:{expected}")]


def test_a_subprocessor_outside_the_eea_without_safeguard_is_c104(tmp_path: Path) -> None:
    customer = make_customer(tmp_path, ("country: US, safeguard: dpf}", "country: US}"))
    expected = column(customer, 27, "US")
    result = run(make_library(tmp_path), customer)
    assert found(result) == [("C104", f"customer.yaml:27:{expected}")]
    assert "outside the EEA ('US') and needs a transfer safeguard" in result.findings(strict=False)[0].render()


def test_an_adequacy_safeguard_for_a_country_without_adequacy_is_c105(tmp_path: Path) -> None:
    customer = make_customer(tmp_path, ("safeguard: dpf}", "safeguard: adequacy}"))
    expected = column(customer, 27, "adequacy")
    assert found(run(make_library(tmp_path), customer)) == [("C105", f"customer.yaml:27:{expected}")]


def test_an_effective_date_before_the_main_agreement_is_c106(tmp_path: Path) -> None:
    customer = make_customer(tmp_path, ("date: 2026-02-15", "date: 2026-04-15"))
    result = run(make_library(tmp_path), customer)
    assert found(result) == [("C106", "customer.yaml:2:19")]
    assert "before the date of the main agreement (2026-04-15)" in result.findings(strict=False)[0].render()


def test_an_unknown_security_measure_is_c107(tmp_path: Path) -> None:
    customer = make_customer(tmp_path)
    customer.write_text(customer.read_text() + "security:\n  measures: [mfa, mfx]\n")
    result = run(make_library(tmp_path), customer)
    assert found(result) == [("C107", f"customer.yaml:30:{column(customer, 30, 'mfx')}")]
    assert "(did you mean 'mfa'?)" in result.findings(strict=False)[0].message


def test_special_categories_without_safeguards_is_warning_c108(tmp_path: Path) -> None:
    customer = make_customer(tmp_path, ("data_categories: [email_address]", "data_categories: [email_address, health]"))
    result = run(make_library(tmp_path), customer)
    assert found(result) == [("C108", "customer.yaml:23:20")]
    assert result.findings(strict=False)[0].severity == "warning"
    assert found(result, strict=True) == [("C108", "customer.yaml:23:20")]
    assert result.findings(strict=True)[0].severity == "error"


def test_one_text_for_both_languages_of_a_bilingual_contract_is_warning_c109(
    tmp_path: Path,
) -> None:
    customer = make_customer(
        tmp_path,
        (
            "subject_matter: {nl: Verzending van nieuwsbrieven, en: Sending newsletters}",
            "subject_matter: Nieuwsbrieven",
        ),
    )
    result = run(make_library(tmp_path), customer)
    assert found(result) == [("C109", "customer.yaml:20:19")]
    assert result.findings(strict=False)[0].severity == "warning"


# --- contracts per customer (C110, E301, E302) --------------------------------------------------

AUTHORISATION_DUTY = (
    "duties.yaml",
    "    title: {nl: Definities, en: Definitions}\n",
    "    title: {nl: Definities, en: Definitions}\n"
    "  - id: A28_2_subproc_authorisation\n    severity: MUST\n    source: art. 28(2) GDPR\n"
    "    title: {nl: Toestemming voor subverwerkers, en: Authorisation of sub-processors}\n",
)


def authorisation_article(when: str) -> str:
    """A section whose one clause covers the sub-processor authorisation, under ``when``."""
    return (
        "id: subprocessing\ntitle: {nl: Subverwerkers, en: Sub-processors}\nclauses:\n"
        f"  - id: subprocessing.authorisation\n{when}    covers: [A28_2_subproc_authorisation]\n"
        "    text:\n      nl: Verwerker schakelt subverwerkers in met toestemming.\n"
        "      en: The Processor engages sub-processors with authorisation.\n"
    )


def test_a_customer_without_subprocessors_still_gets_the_authorisation_clause(
    tmp_path: Path,
) -> None:
    folder = make_library(tmp_path, AUTHORISATION_DUTY)
    (folder / "03-subprocessing.yaml").write_text(authorisation_article(""), encoding="utf-8")
    customer = make_customer(tmp_path, NO_SUBPROCESSORS)
    assert found(run(folder, customer)) == []


def test_a_duty_left_out_for_a_customer_is_c110_and_the_library_e211(tmp_path: Path) -> None:
    folder = make_library(tmp_path, AUTHORISATION_DUTY)
    (folder / "03-subprocessing.yaml").write_text(
        authorisation_article('    when: "subprocessors.count > 0"\n'), encoding="utf-8"
    )
    without = make_customer(tmp_path, NO_SUBPROCESSORS, name="without.yaml")
    with_one = make_customer(tmp_path, name="with.yaml")
    result = run(folder, without, with_one)
    assert found(result) == [("E211", "lib/duties.yaml:14:9"), ("C110", "without.yaml:1:1")]
    message = result.findings(strict=False)[1].message
    assert message.startswith(
        "A28_2_subproc_authorisation (Authorisation of sub-processors) is not covered by the"
        " contract this file"
        " produces (nl, en, nl+en); it is covered by subprocessing.authorisation (clause when"
        " 'subprocessors.count > 0')"
    )


SECOND_SUBPROCESSOR = (
    "92-annex-subprocessors.yaml",
    "table: subprocessors\n",
    "  - id: annex_subprocessors.second\n    variants:\n      - id: one\n"
    '        when: "subprocessors.count == 1"\n        text:\n'
    '          nl: "Tweede: {{ subprocessors.list[1].name }}."\n'
    '          en: "Second: {{ subprocessors.list[1].name }}."\n'
    "      - id: other\n        text: {nl: Geen., en: None.}\n"
    "table: subprocessors\n",
)


def test_a_text_that_fails_for_one_customer_only_is_e301_at_the_library_line(
    tmp_path: Path,
) -> None:
    folder = make_library(tmp_path, SECOND_SUBPROCESSOR)
    one = make_customer(tmp_path, name="one.yaml")
    none = make_customer(tmp_path, NO_SUBPROCESSORS, name="none.yaml")
    result = run(folder, one, none)
    assert found(result) == [
        ("E301", "lib/92-annex-subprocessors.yaml:14:15"),
        ("E301", "lib/92-annex-subprocessors.yaml:15:15"),
    ]
    assert result.findings(strict=False)[0].message.startswith("for one.yaml (nl): nl text (variant one): undefined:")
    assert [c.path for c in result.customers if c.findings] == ["one.yaml"]


def test_a_condition_that_fails_for_one_customer_is_e302_once(tmp_path: Path) -> None:
    ratio = (
        "92-annex-subprocessors.yaml",
        "table: subprocessors\n",
        '  - id: annex_subprocessors.ratio\n    when: "48 // (36 - breach.notice_hours.amount) > 1"\n'
        "    text: {nl: Snel., en: Fast.}\ntable: subprocessors\n",
    )
    folder = make_library(tmp_path, ratio)
    customer = make_customer(tmp_path)
    customer.write_text(customer.read_text() + "breach:\n  notice_hours: 36\n")
    result = run(folder, customer)
    assert found(result) == [("E302", "lib/92-annex-subprocessors.yaml:10:11")]
    assert "division" in result.findings(strict=False)[0].message


def test_files_inside_the_library_folder_are_checked_as_library_not_as_customers(
    tmp_path: Path,
) -> None:
    folder = make_library(tmp_path)
    result = run(folder, folder / "02-breach.yaml", make_customer(tmp_path))
    assert [c.path for c in result.customers] == ["customer.yaml"]
    assert found(result) == []


@pytest.mark.slow  # starts worker processes
def test_worker_processes_report_the_same_as_one_process(tmp_path: Path) -> None:
    folder = make_library(tmp_path, SECOND_SUBPROCESSOR)
    files = []
    for index in range(30):
        edits = [("Bakkerij De Korenschoof B.V.", f"Bakkerij {index}")]
        if index % 3 == 0:
            edits.append(NO_SUBPROCESSORS)
        if index % 7 == 0:
            edits.append(("legal_form: bv", "legal_form: bvv"))
        files.append(make_customer(tmp_path, *edits, name=f"c{index:02d}.yaml"))
    serial = run(folder)  # the library, once
    from dpa_gen.library import load_library

    library = load_library(folder)
    checker = CustomerChecker(library, None, serial.static)
    one = check_files(checker, files, jobs=1)
    two = check_files(CustomerChecker(library, None, serial.static), files, jobs=2)
    assert [r.path for r in two] == [str(f) for f in files]
    assert [(r.path, r.findings) for r in one] == [(r.path, r.findings) for r in two]
    unknown_key = {i for i in range(30) if i % 7 == 0}
    one_subprocessor = {i for i in range(30) if i % 3 != 0} - unknown_key
    assert [int(Path(r.path).stem[1:]) for r in one if r.findings] == sorted(unknown_key | one_subprocessor)
    assert {f.code for r in one for f in r.findings} == {"C101", "E301"}
