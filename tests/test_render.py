"""Clause rendering: sandboxed, strict, locale-aware, and customer values never become markup or code."""

from __future__ import annotations

import datetime as dt

import pytest

from dpa_gen.document import Emph, ListBlock, Paragraph, Ref, Strong, Text
from dpa_gen.facts import Record
from dpa_gen.render import ClauseError, ClauseRenderer

FACTS = {
    "controller": Record(name="Acme B.V.", phone=None),
    "breach": Record(notice_hours=48),
    "contract": Record(effective_date=dt.date(2026, 3, 1)),
    "liability": Record(cap_eur=500000),
    "items": ("storage", "hosting", "backup"),
}


def render(source: str, lang: str = "nl", refs: dict[str, str] | None = None, **facts: object):
    return ClauseRenderer(lang, {}).render(source, {**FACTS, **facts}, refs or {})  # type: ignore[arg-type]


def test_markup_paragraphs_lists_strong_and_emphasis() -> None:
    blocks = render("**Verwerker** meldt *direct*.\n\nDe melding bevat:\n- de aard;\n- de gevolgen.")
    assert blocks == (
        Paragraph((Strong((Text("Verwerker"),)), Text(" meldt "), Emph((Text("direct"),)), Text("."))),
        Paragraph((Text("De melding bevat:"),)),
        ListBlock(((Text("de aard;"),), (Text("de gevolgen."),))),
    )


def test_dates_numbers_money_and_lists_are_written_the_dutch_way() -> None:
    (p,) = render(
        "{{ contract.effective_date }}; {{ liability.cap_eur | money }}; {{ items | and_list }}; {{ 1234567 }}"
    )
    assert p == Paragraph((Text("1 maart 2026; €\u00a0500.000; storage, hosting en backup; 1.234.567"),))


def test_and_the_english_way() -> None:
    (p,) = render("{{ contract.effective_date }}; {{ liability.cap_eur | money }}; {{ items | or_list }}", lang="en")
    assert p == Paragraph((Text("1 March 2026; €500,000; storage, hosting or backup"),))


def test_cross_reference_becomes_a_link_to_the_anchor_of_its_language() -> None:
    (p,) = render("zie artikel {{ ref('breach.notice') }}", refs={"breach.notice": "7.2"})
    assert p == Paragraph((Text("zie artikel "), Ref("nl-breach.notice", "7.2")))


@pytest.mark.parametrize(
    "value",
    ["{{7*7}}", "**bold**", "- not a list", "{% if true %}x{% endif %}", "<script>alert(1)</script>", "a & b", "*x*"],
)
def test_customer_values_are_data_never_template_code_or_markup(value: str) -> None:
    (p,) = render("Naam: {{ controller.name }}.", controller=Record(name=value))
    assert p == Paragraph((Text(f"Naam: {value}."),))


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("De Jeugdwet.", "De Jeugdwet."),
        ("De Jeugdwet", "De Jeugdwet."),
        ("Acme B.V. ", "Acme B.V."),
        ("enz...", "enz."),
    ],
)
def test_a_description_that_ends_a_sentence_gets_one_full_stop(typed: str, printed: str) -> None:
    (p,) = render("Duur: {{ controller.name | phrase }}.", controller=Record(name=typed))
    assert p == Paragraph((Text(f"Duur: {printed}"),))


@pytest.mark.parametrize(
    ("source", "message", "line"),
    [
        ("x\n{{ controler.name }}", "undefined: 'controler' is undefined", 2),
        ("{{ controller.phone }}", "prints a value that this customer file leaves empty; guard it with {% if … %}", 1),
        ("{{ items }}", "prints a list or record; use a filter such as | and_list", 1),
        ("{{ ref('nope') }}", "ref('nope') points to nothing numbered in this contract", 1),
        ("{{ controller.name.__class__ }}", "access to attribute '__class__' of 'str' object is unsafe.", 1),
        ("{% if %}", "template syntax: Expected an expression, got 'end of statement block'", 1),
        ("**not closed", "'**' is opened but never closed", None),
    ],
)
def test_broken_clause_text_is_an_error_with_its_line(source: str, message: str, line: int | None) -> None:
    with pytest.raises(ClauseError) as info:
        render(source)
    assert (info.value.message, info.value.line) == (message, line)


def test_conditions_are_sandboxed_expressions() -> None:
    renderer = ClauseRenderer("nl", {})
    assert renderer.holds("breach.notice_hours <= 48 and items", FACTS)
    with pytest.raises(ClauseError, match="undefined"):
        renderer.holds("breach.hours > 1", FACTS)
