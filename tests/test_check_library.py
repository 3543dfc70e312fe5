"""`dpa-gen check` on clause libraries: each defect on its own, with its code and position."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.check.builders import FIXTURES, found, lines, make_library, run


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # findings then name lib/02-breach.yaml, as a user would see them


def column(path: Path, line: int, text: str) -> int:
    """The 1-based column where ``text`` starts on ``line`` of ``path``."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1].index(text) + 1


def test_the_clean_copy_of_the_test_library_has_no_findings(tmp_path: Path) -> None:
    assert found(run(make_library(tmp_path))) == []


def test_the_shared_fixture_library_only_lacks_two_capitalised_words() -> None:
    result = run(FIXTURES / "library")
    assert [(d.code, Path(d.pos.file).name, d.pos.line, d.pos.column) for d in result.findings(strict=False)] == [
        ("W221", "02-breach.yaml", 32, 11),
        ("W221", "02-breach.yaml", 33, 11),
    ]
    assert "'Bijlage' is capitalised mid-sentence" in result.findings(strict=False)[0].message


# --- schema and YAML (E100, E201, E202) --------------------------------------------------------


def test_an_unknown_key_is_a_schema_error_and_stops_the_deeper_checks(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "01-definitions.yaml",
            "    covers: [DPA_definitions]\n",
            "    covers: [DPA_definitions]\n    titel: x\n",
        ),
        (
            "02-breach.yaml",
            "bevat ten minste:",
            "bevat binnen 24 uur ten minste:",
        ),  # E209 if linted
    )
    result = run(folder)
    assert found(result) == [("E100", "lib/01-definitions.yaml:6:5")]
    assert "unknown key 'titel'" in result.findings(strict=False)[0].render()
    assert result.static is None


def test_a_duplicate_yaml_key_is_reported_where_it_repeats(tmp_path: Path) -> None:
    folder = make_library(tmp_path, ("09-closing.yaml", "kind: closing\n", "kind: closing\nkind: annex\n"))
    assert found(run(folder)) == [("E100", "lib/09-closing.yaml:3:1")]


def test_a_duplicate_clause_id_keeps_code_e201(tmp_path: Path) -> None:
    folder = make_library(tmp_path, ("09-closing.yaml", "id: closing.signed", "id: breach.notice"))
    result = run(folder)
    assert found(result) == [("E201", "lib/09-closing.yaml:5:9")]
    assert "already used at lib/02-breach.yaml:4:9" in result.findings(strict=False)[0].message


def test_a_duplicate_duty_id_is_e201(tmp_path: Path) -> None:
    last = "    title: {nl: Definities, en: Definitions}\n"
    duplicate = last + "  - id: DPA_definitions\n    severity: PRODUCT\n    source: x\n" + last
    folder = make_library(tmp_path, ("duties.yaml", last, duplicate))
    assert found(run(folder)) == [("E201", "lib/duties.yaml:14:9")]


def test_a_text_missing_in_english_is_e202(tmp_path: Path) -> None:
    english = '      en: "{{ processor.name }}, established in {{ processor.address.city }}, the **Processor**."\n'
    result = run(make_library(tmp_path, ("00-parties.yaml", english, "")))
    assert found(result) == [("E202", "lib/00-parties.yaml:10:5")]
    assert result.findings(strict=False)[0].message.startswith("the English text is missing")


def test_an_empty_dutch_text_is_e202(tmp_path: Path) -> None:
    folder = make_library(tmp_path, ("09-closing.yaml", "nl: Aldus overeengekomen te {{ signing.place }}.", 'nl: ""'))
    result = run(folder)
    assert found(result) == [("E202", "lib/09-closing.yaml:7:11")]
    assert result.findings(strict=False)[0].message.startswith("the Dutch text is empty")


# --- templates, conditions, variables, references (E203-E208) ----------------------------------


def test_a_template_syntax_error_is_e203_on_its_line(tmp_path: Path) -> None:
    folder = make_library(tmp_path, ("09-closing.yaml", "te {{ signing.place }}.", "te {{ signing.place }."))
    result = run(folder)
    assert found(result) == [("E203", "lib/09-closing.yaml:7:11")]
    assert "template syntax" in result.findings(strict=False)[0].message


def test_an_unknown_filter_is_e203_on_the_line_inside_a_block_text(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "02-breach.yaml",
            "binnen {{ breach.notice_hours }}.",
            "binnen {{ breach.notice_hours | nummer }} uur.",
        ),
    )
    result = run(folder)
    assert found(result) == [("E203", "lib/02-breach.yaml:19:1")]
    assert "there is no filter 'nummer'" in result.findings(strict=False)[0].message


def test_a_condition_that_does_not_compile_is_e204(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path, ("02-breach.yaml", '"breach.notice_hours.amount <= 24"', '"breach.notice_hours.amount <="')
    )
    result = run(folder)
    assert found(result) == [("E204", "lib/02-breach.yaml:8:15")]
    assert "does not compile" in result.findings(strict=False)[0].message


def test_an_unknown_variable_is_e205_in_each_language_with_a_suggestion(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "00-parties.yaml",
            "gevestigd te {{ controller.address.city }}",
            "gevestigd te {{ controller.adress.city }}",
        ),
        (
            "00-parties.yaml",
            "established in {{ controller.address.city }}",
            "established in {{ controller.adress.city }}",
        ),
    )
    result = run(folder)
    assert found(result) == [
        ("E205", "lib/00-parties.yaml:7:11"),
        ("E205", "lib/00-parties.yaml:8:11"),
    ]
    assert lines(result)[0] == (
        "lib/00-parties.yaml:7:11: error E205: parties.controller: nl text: controller.adress.city:"
        " 'controller' has no field 'adress' (did you mean 'address'?)"
    )


def test_an_unknown_field_of_a_loop_variable_is_e205(tmp_path: Path) -> None:
    loop = "{% for s in subprocessors.list %}{{ s.naam }} {% endfor %}"
    folder = make_library(
        tmp_path,
        (
            "92-annex-subprocessors.yaml",
            "nl: Verwerker schakelt de volgende subverwerkers in.",
            f'nl: "Verwerker schakelt de volgende subverwerkers in: {loop}"',
        ),
        (
            "92-annex-subprocessors.yaml",
            "en: The Processor engages the following sub-processors.",
            f'en: "The Processor engages the following sub-processors: {loop}"',
        ),
    )
    result = run(folder)
    assert found(result) == [
        ("E205", "lib/92-annex-subprocessors.yaml:7:11"),
        ("E205", "lib/92-annex-subprocessors.yaml:8:11"),
    ]
    assert "s.naam (subprocessors.list[].naam): 'subprocessors.list[]' has no field 'naam' (did you mean 'name'?)" in (
        result.findings(strict=False)[0].message
    )


def test_an_unknown_variable_in_a_condition_is_e205(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path, ("02-breach.yaml", '"breach.notice_hours.amount <= 24"', '"breach.notice_hour.amount <= 24"')
    )
    result = run(folder)
    assert found(result) == [("E205", "lib/02-breach.yaml:8:15")]
    assert "did you mean 'notice_hours'?" in result.findings(strict=False)[0].message


def test_a_variable_used_in_dutch_only_is_e206_where_dutch_uses_it(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "02-breach.yaml",
            "- the contact details of {{ processor.contact.name }}.",
            "- the contact details of the Processor.",
        ),
    )
    result = run(folder)
    assert found(result) == [("E206", "lib/02-breach.yaml:23:1")]
    assert "the Dutch text uses the variable 'processor.contact.name' but the English text does not" in (
        result.findings(strict=False)[0].message
    )


def test_a_reference_to_an_unknown_clause_is_e207_with_a_suggestion(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "02-breach.yaml",
            "Zie artikel {{ ref('breach.notice') }}",
            "Zie artikel {{ ref('breach.notise') }}",
        ),
        (
            "02-breach.yaml",
            "See Clause {{ ref('breach.notice') }}",
            "See Clause {{ ref('breach.notise') }}",
        ),
    )
    result = run(folder)
    assert found(result) == [
        ("E207", "lib/02-breach.yaml:32:11"),
        ("E207", "lib/02-breach.yaml:33:11"),
    ]
    assert "ref('breach.notise') points to no clause, article or annex (did you mean 'breach.notice'?)" in (
        result.findings(strict=False)[0].message
    )


def test_a_reference_to_unnumbered_text_is_e207(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "02-breach.yaml",
            "Bijlage {{ ref('annex_subprocessors') }}",
            "Bijlage {{ ref('closing.signed') }}",
        ),
        (
            "02-breach.yaml",
            "Annex {{ ref('annex_subprocessors') }}",
            "Annex {{ ref('closing.signed') }}",
        ),
    )
    result = run(folder)
    assert found(result) == [
        ("E207", "lib/02-breach.yaml:32:11"),
        ("E207", "lib/02-breach.yaml:33:11"),
    ]
    assert "points to text without a number" in result.findings(strict=False)[0].message


def test_languages_that_refer_to_different_clauses_are_e208(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "02-breach.yaml",
            "Zie artikel {{ ref('breach.notice') }}",
            "Zie artikel {{ ref('definitions.terms') }}",
        ),
    )
    result = run(folder)
    assert found(result) == [
        ("E208", "lib/02-breach.yaml:32:11"),
        ("E208", "lib/02-breach.yaml:33:11"),
    ]
    assert "the Dutch text uses the reference 'definitions.terms'" in result.findings(strict=False)[0].message


def test_a_computed_reference_is_w223(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "02-breach.yaml",
            "Zie artikel {{ ref('breach.notice') }}",
            "Zie artikel {{ ref('breach.' ~ 'notice') }}",
        ),
        (
            "02-breach.yaml",
            "See Clause {{ ref('breach.notice') }}",
            "See Clause {{ ref('breach.' ~ 'notice') }}",
        ),
    )
    assert found(run(folder)) == [
        ("W223", "lib/02-breach.yaml:32:11"),
        ("W223", "lib/02-breach.yaml:33:11"),
    ]


def test_a_reference_to_a_clause_some_contracts_leave_out_is_w224(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "92-annex-subprocessors.yaml",
            "kind: annex\n",
            'kind: annex\nwhen: "subprocessors.count > 0"\n',
        ),
    )
    result = run(folder)
    assert found(result) == [
        ("W224", "lib/02-breach.yaml:32:11"),
        ("W224", "lib/02-breach.yaml:33:11"),
    ]
    assert "only in contracts where 'subprocessors.count > 0'" in result.findings(strict=False)[0].message


# --- numbers, coverage, terms, rendering (E209-E214, W221, W222) -------------------------------


def test_a_number_in_one_language_only_is_e209_on_its_line(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "02-breach.yaml",
            "De melding bevat ten minste:",
            "De melding bevat binnen 24 uur ten minste:",
        ),
    )
    result = run(folder)
    assert found(result) == [("E209", "lib/02-breach.yaml:21:1")]
    assert lines(result) == [
        "lib/02-breach.yaml:21:1: error E209: breach.notice: nl text (variant standard):"
        " the number 24 is written once in the Dutch text but not in the English text;"
        " write the same numbers in both"
    ]


def test_a_number_in_a_title_is_compared_too(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        ("02-breach.yaml", "en: Personal data breaches}", "en: Personal data breaches (48 hours)}"),
    )
    result = run(folder)
    assert found(result) == [("E209", "lib/02-breach.yaml:2:29")]  # the line, and where the title starts
    assert lines(result)[0].startswith("lib/02-breach.yaml:2:29: error E209: title.en: the number 48 is written once")


def test_covers_naming_an_unknown_duty_is_e210(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "01-definitions.yaml",
            "covers: [DPA_definitions]",
            "covers: [DPA_definitions, DPA_defnitions]",
        ),
    )
    result = run(folder)
    assert found(result) == [("E210", "lib/01-definitions.yaml:5:31")]
    assert "(did you mean 'DPA_definitions'?)" in result.findings(strict=False)[0].message


def test_a_duty_no_clause_covers_is_e211_at_the_duty(tmp_path: Path) -> None:
    folder = make_library(tmp_path, ("01-definitions.yaml", "    covers: [DPA_definitions]\n", ""))
    result = run(folder)
    assert found(result) == [("E211", "lib/duties.yaml:10:9")]
    assert "covered by no clause" in result.findings(strict=False)[0].message


def test_a_duty_covered_only_under_a_condition_is_e211_naming_it(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        ("01-definitions.yaml", "    covers:", '    when: "subprocessors.count > 0"\n    covers:'),
    )
    result = run(folder)
    assert found(result) == [("E211", "lib/duties.yaml:10:9")]
    assert "covered only when: definitions.terms (clause when 'subprocessors.count > 0')" in (
        result.findings(strict=False)[0].message
    )


def test_a_duty_covered_by_one_variant_only_is_e211(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        (
            "02-breach.yaml",
            "      - id: standard\n        covers: [PRODUCT_breach_48h]\n",
            "      - id: standard\n",
        ),
    )
    result = run(folder)
    assert found(result) == [("E211", "lib/duties.yaml:6:9")]
    assert (
        "breach.notice#fast (variant fast when 'breach.notice_hours.amount <= 24')"
        in result.findings(strict=False)[0].message
    )


def test_deprecated_terms_are_e212_in_clause_texts_and_annex_data(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        ("92-annex-subprocessors.yaml", "nl: Verwerker schakelt", "nl: Bewerker schakelt"),
        (
            "92-annex-subprocessors.yaml",
            "en: The Processor engages",
            "en: With prior authorization, the Processor engages",
        ),
        (
            "measures.yaml",
            "nl: Meervoudige authenticatie.",
            "nl: Bewerkers gebruiken meervoudige authenticatie.",
        ),
    )
    measures = column(folder / "measures.yaml", 5, "Bewerkers")
    result = run(folder)
    assert found(result) == [
        ("E212", "lib/92-annex-subprocessors.yaml:7:11"),
        ("E212", "lib/92-annex-subprocessors.yaml:8:11"),
        ("E212", f"lib/measures.yaml:5:{measures}"),
    ]
    assert [line.split(": ", 1)[1] for line in lines(result)] == [
        "error E212: annex_subprocessors.intro: nl text: 'Bewerker' is outdated or wrong in Dutch;"
        " write 'verwerker' (term uit de Wbp)",
        "error E212: annex_subprocessors.intro: en text: 'authorization' is outdated or wrong in"
        " English; write 'authorisation' (en_GB spelling)",
        "error E212: groups[0].measures[0].nl: 'Bewerkers' is outdated or wrong in Dutch;"
        " write 'verwerker' (term uit de Wbp)",
    ]


def test_an_invalid_term_pattern_is_e213(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        ("terms.yaml", 'pattern: "\\\\bbewerker\\\\w*"', 'pattern: "\\\\bbewerker(\\\\w*"'),
    )
    expected = column(folder / "terms.yaml", 2, '"\\\\bbewerker(')
    result = run(folder)
    assert found(result) == [("E213", f"lib/terms.yaml:2:{expected}")]


def test_an_unclosed_bold_marker_is_e214(tmp_path: Path) -> None:
    folder = make_library(tmp_path, ("09-closing.yaml", "nl: Aldus overeengekomen", "nl: Aldus **overeengekomen"))
    result = run(folder)
    assert found(result) == [("E214", "lib/09-closing.yaml:7:11")]
    assert "'**' is opened but never closed" in result.findings(strict=False)[0].message


def test_printing_an_optional_value_unguarded_is_e214_for_the_minimal_sample(
    tmp_path: Path,
) -> None:
    folder = make_library(
        tmp_path,
        (
            "09-closing.yaml",
            "te {{ signing.place }}.",
            "te {{ signing.place }} op {{ signing.date }}.",
        ),
        (
            "09-closing.yaml",
            "in {{ signing.place }}.",
            "in {{ signing.place }} on {{ signing.date }}.",
        ),
    )
    result = run(folder)
    assert found(result) == [
        ("E214", "lib/09-closing.yaml:7:11"),
        ("E214", "lib/09-closing.yaml:8:11"),
    ]
    assert "cannot be rendered for the minimal sample customer (nl): prints a value that this customer file leaves" in (
        result.findings(strict=False)[0].message
    )


def test_a_capitalised_word_that_is_no_defined_term_is_w221(tmp_path: Path) -> None:
    folder = make_library(
        tmp_path,
        ("92-annex-subprocessors.yaml", "de volgende subverwerkers", "de volgende Subverwerkers"),
    )
    result = run(folder)
    assert found(result) == [("W221", "lib/92-annex-subprocessors.yaml:7:11")]
    assert result.findings(strict=False)[0].severity == "warning"


def test_a_term_defined_in_dutch_only_is_w222_at_the_extra_definition(tmp_path: Path) -> None:
    datalek = "        **Datalek**: een inbreuk in verband met persoonsgegevens als bedoeld in de AVG.\n"
    folder = make_library(
        tmp_path,
        (
            "01-definitions.yaml",
            datalek,
            datalek + "        **Subverwerker**: een andere verwerker.\n",
        ),
    )
    result = run(folder)
    assert found(result) == [("W222", "lib/01-definitions.yaml:9:1")]
    assert "defines 2 term(s) in Dutch (Datalek, Subverwerker) but 1 in English (Personal Data Breach)" in (
        result.findings(strict=False)[0].message
    )
