"""The Jinja AST walk behind E205-E208: what a clause text uses, and whether it exists."""

from __future__ import annotations

import pytest
from jinja2 import TemplateSyntaxError

from dpa_gen.check.sample import sample_facts
from dpa_gen.check.variables import condition_uses, template_uses, unknown_field
from dpa_gen.library import load_library
from dpa_gen.render import clause_environment
from dpa_gen.textscan import mask_jinja, numbers
from tests.conftest import REPO

ENV = clause_environment("nl", {})


def paths(source: str) -> dict[str, int]:
    return template_uses(ENV, source).paths()


def test_dotted_names_with_their_lines() -> None:
    assert paths("{{ controller.name }}\nte {{ controller.address.city }}") == {
        "controller.name": 1,
        "controller.address.city": 2,
    }


def test_a_loop_variable_stands_for_the_elements_of_its_list() -> None:
    source = "{% for s in subprocessors.list | sort(attribute='name') %}{{ s.name }} {{ loop.index }}{% endfor %}"
    assert paths(source) == {"subprocessors.list": 1, "subprocessors.list[].name": 1}


def test_set_binds_a_name_to_a_path_and_indexing_reaches_elements() -> None:
    source = "{% set p = processing %}{{ p.purposes | and_list }} {{ subprocessors.list[0]['city'] }}"
    assert paths(source) == {
        "processing": 1,
        "processing.purposes": 1,
        "subprocessors.list[].city": 1,
    }


def test_refs_filters_tests_and_vocabularies_are_collected() -> None:
    uses = template_uses(
        ENV,
        "{{ ref('breach.notice') }} {{ ref(x) }}\n{% if audit.onsite is defined %}{{ y | label('roles') }}{% endif %}",
    )
    assert uses.refs == [("breach.notice", 1)]
    assert uses.dynamic_refs == [1]
    assert uses.filters == [("label", 2)]
    assert uses.tests == [("defined", 2)]
    assert uses.vocabularies == [("roles", 2)]
    assert uses.paths() == {"x": 1, "audit.onsite": 2, "y": 2}


def test_a_condition_is_parsed_as_one_expression() -> None:
    assert condition_uses(ENV, "breach.notice_hours <= 24 and subprocessors.count").paths() == {
        "breach.notice_hours": 1,
        "subprocessors.count": 1,
    }
    with pytest.raises(TemplateSyntaxError, match="unexpected text after the condition"):
        condition_uses(ENV, "breach.notice_hours 24")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (("controller", "name"), None),
        (("controller", "name", "upper"), None),
        (("contract", "effective_date", "year"), None),
        (("subprocessors", "list", "[]", "outside_eea"), None),
        (("controler",), "there is no variable 'controler' (did you mean 'controller'?)"),
        (
            ("processor", "dpo", "mail"),
            "'processor.dpo' has no field 'mail' (did you mean 'email'?)",
        ),
        (
            ("processing", "purposes", "first"),
            "'processing.purposes' is a list; it has no field 'first'",
        ),
        (("breach", "notice_hours", "[]"), "'breach.notice_hours' is not a list"),
        (("controller", "items"), "'controller' has no field 'items'"),
    ],
)
def test_paths_are_checked_against_the_complete_sample_customer(path: tuple[str, ...], reason: str | None) -> None:
    assert unknown_field(path, sample_facts(load_library(REPO / "clauses"), "nl")) == reason


def test_numbers_outside_jinja_keep_their_lines() -> None:
    text = "binnen {{ breach.notice_hours * 2 }} uur,\nuiterlijk 48 uur (artikel 28, lid 3)"
    assert mask_jinja(text).splitlines()[0] == "binnen " + " " * len("{{ breach.notice_hours * 2 }}") + " uur,"
    assert numbers(text) == [("48", 2), ("28", 2), ("3", 2)]
