"""The README's customer-file reference is the schema's own: one declaration per field."""

from __future__ import annotations

from dpa_gen.library import load_library
from dpa_gen.models.customer import Customer
from dpa_gen.models.reference import reference_tables
from dpa_gen.models.settings import schema_fields
from tests.conftest import REPO


def test_the_readme_reference_is_generated_from_the_schema() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- customer-reference:")
    start = readme.index("\n", start) + 1
    end = readme.index("<!-- /customer-reference -->")
    expected = reference_tables(load_library(REPO / "clauses").policy)
    assert readme[start:end].strip() == expected.strip(), "run: python -m dpa_gen.models.reference"


def test_every_field_is_declared_with_a_meaning() -> None:
    undeclared = [spec.dotted for spec in schema_fields(Customer) if spec.setting is None or not spec.setting.doc]
    assert undeclared == []


def test_every_term_is_optional_so_the_library_default_can_apply() -> None:
    required_terms = [
        spec.dotted for spec in schema_fields(Customer) if spec.setting and spec.setting.term and spec.required
    ]
    assert required_terms == []
    defaulted = [
        spec.dotted
        for spec in schema_fields(Customer)
        if spec.setting and spec.setting.term and spec.field.default is not None
    ]
    assert defaulted == [], "a term's default belongs in policy.yaml, not in the schema"
