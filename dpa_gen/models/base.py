"""Building blocks shared by the library and customer schemas: strict models and clean text."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import CoreSchema, core_schema

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")


class LanguageMode(StrEnum):
    """What one build produces: a Dutch or an English contract, or both side by side.

    A closed set with one definition: the CLI option, the customer file's
    ``contract.language``, the document model and the writers all use this type.
    """

    NL = "nl"
    EN = "en"
    NL_EN = "nl+en"

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The contract languages in column order: ``nl+en`` → ``("nl", "en")``."""
        return _MODE_LANGS[self]

    @property
    def bilingual(self) -> bool:
        """Whether both languages stand side by side."""
        return len(self.langs) > 1

    @property
    def file_part(self) -> str:
        """How output file names spell the mode: ``nl-en``."""
        return self.value.replace("+", "-")


_MODE_LANGS: dict[str, tuple[Lang, ...]] = {"nl": ("nl",), "en": ("en",), "nl+en": ("nl", "en")}

# Characters a DOCX (XML 1.0) cannot hold, plus C1 controls: python-docx would crash on them
# mid-build (reliability-reference D1). Tab, LF and CR are dealt with per field kind.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Bidirectional controls make a party name display differently from what it says (Y6).
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\n\r\u0085\u2028\u2029]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060-\u2064\ufeff]")


@cache
def _unprintable() -> re.Pattern[str]:
    """Characters the bundled contract font cannot print (templates/_base/fonts/coverage.txt).

    Why: WeasyPrint prints such a character as an empty box, or in another font, and a
    contract must say exactly what the customer file says.
    """
    from dpa_gen.paths import assets_dir

    ranges = ["\t\n\r"]
    for line in (assets_dir() / "fonts" / "coverage.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        first, _, last = line.partition("-")
        ranges.append(f"\\U{int(first, 16):08x}" + (f"-\\U{int(last, 16):08x}" if last else ""))
    return re.compile(f"[^{''.join(ranges)}]")


def describe_char(char: str) -> str:
    """``U+000B (LINE TABULATION)``: a character named the way a user can search for it."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "") or "a control character"
    return f"U+{ord(char):04X} ({name})"


_CONTROL_NAMES = {
    "\x00": "NUL",
    "\t": "tab",
    "\n": "line break",
    "\r": "carriage return",
    "\x0b": "vertical tab, an Excel line break",
    "\x0c": "form feed",
}


def clean_chars(value: str) -> str:
    """The one text policy every string of every schema passes; ``ValueError`` where it fails.

    The text is NFC, and holds no character that cannot go into a contract (control, bidi,
    invisible, not in the font).

    Why here and for every string: control characters U+0001-U+0005 are the markup parser's
    private delimiters (``markup.py``), others crash python-docx, and bidi or invisible
    characters make a text say something else than it shows.
    """
    bad = _NOT_XML.search(value)
    if bad:
        raise ValueError(
            f"contains the character {describe_char(bad.group())}, which a document cannot hold; delete it"
        )
    bad = _BIDI.search(value)
    if bad:
        raise ValueError(f"contains the invisible text-direction control {describe_char(bad.group())}; delete it")
    bad = _INVISIBLE.search(value)
    if bad:
        raise ValueError(f"contains the invisible character {describe_char(bad.group())}; delete it")
    value = unicodedata.normalize("NFC", value)
    bad = _unprintable().search(value)
    if bad:
        raise ValueError(
            f"contains the character {describe_char(bad.group())}, which the contract font cannot print;"
            " write it another way"
        )
    return value


def clean_text(value: str, *, multiline: bool) -> str:
    """Apply :func:`clean_chars`, then shape the whitespace of one line or of paragraphs."""
    value = clean_chars(value)
    if multiline:
        value = "\n".join(" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n"))
        value = re.sub(r"\n{3,}", "\n\n", value).strip()
    else:
        brk = _LINE_BREAKS.search(value.strip())
        if brk:
            raise ValueError(f"must be one line; remove the {describe_char(brk.group())}")
        value = " ".join(value.split())
    if not value:
        raise ValueError("must not be empty")
    return value


def _line(value: str) -> str:
    return clean_text(value, multiline=False)


def _paragraphs(value: str) -> str:
    return clean_text(value, multiline=True)


def _strict_bool(value: Any) -> Any:
    # YAML 1.1 reads yes/no/on/off as booleans; a contract option must say true or false.
    if isinstance(value, str):
        if value in ("true", "True", "TRUE"):
            return True
        if value in ("false", "False", "FALSE"):
            return False
        raise ValueError("must be true or false")
    return value


def _string_only(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("must be text, not a list or mapping")
    return value


Line = Annotated[str, BeforeValidator(_string_only), AfterValidator(_line), StringConstraints(max_length=300)]
"""One line of customer text: names, places, short labels."""

Text = Annotated[str, BeforeValidator(_string_only), AfterValidator(_paragraphs), StringConstraints(max_length=4000)]
"""Customer prose that may run over several lines."""

LibraryText = Annotated[
    str, BeforeValidator(_string_only), AfterValidator(_paragraphs), StringConstraints(max_length=20000)
]
"""Clause source text (Jinja + tiny markup); paragraphs and list lines are significant."""

Flag = Annotated[bool, BeforeValidator(_strict_bool)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
ClauseId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$", max_length=80)]

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,15}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _whole_number(value: Any) -> Any:
    # pydantic's own int parsing takes "4_8" as 48, " 48 " and non-ASCII digits ("٤٨").
    if isinstance(value, str):
        if not _WHOLE_NUMBER.fullmatch(value):
            raise ValueError("must be a whole number")
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    return value


def _iso_date(value: Any) -> Any:
    # pydantic's own date parsing takes a Unix timestamp ("1767225600") and the year 0001.
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise ValueError("must be a date written as YYYY-MM-DD, such as 2026-03-01")
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("is not a real date; check the day and the month") from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValueError("must be a date written as YYYY-MM-DD, such as 2026-03-01")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must be a date between the years {FIRST_YEAR} and {LAST_YEAR}")
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
"""A whole number written with the ASCII digits 0-9 only (an optional minus sign before them)."""

Date = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A date written exactly as YYYY-MM-DD, in the years 1900-2199."""


def with_text_policy(schema: CoreSchema) -> CoreSchema:
    """``schema`` with :func:`clean_chars` before every string it validates (keys included).

    Why a schema walk and not a type per field: a string field added later, of any type that
    ends in ``str`` (a pattern, a ``Literal``-free alias, a dict key), cannot skip the policy.
    Nested models are walked by their own hook.
    """
    if isinstance(schema, dict):
        if schema.get("type") == "str":
            return core_schema.no_info_before_validator_function(_policy, schema)
        if schema.get("type") == "function-before" and schema.get("function", {}).get("function") is _policy:
            return schema
        return {key: with_text_policy(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [with_text_policy(item) for item in schema]
    return schema


def _policy(value: Any) -> Any:
    return clean_chars(value) if isinstance(value, str) else value


def applies_text_policy(schema: Any) -> bool:
    """Whether every string ``schema`` validates passes :func:`clean_chars` first (for tests)."""
    if isinstance(schema, dict):
        if schema.get("type") == "str":
            return False
        if schema.get("type") == "function-before" and schema.get("function", {}).get("function") is _policy:
            return True
        return all(applies_text_policy(value) for value in schema.values())
    if isinstance(schema, list):
        return all(applies_text_policy(item) for item in schema)
    return True


class TextPolicy:
    """Mixin: every string this model validates passes the one text policy, by construction."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return with_text_policy(handler(source))


class Model(TextPolicy, BaseModel):
    """Base for all input: immutable, unknown keys are errors, and every string is clean text."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


def is_sample(info: ValidationInfo) -> bool:
    """Whether ``check`` is building a sample customer, which has every field.

    Alternatives that exclude each other in a real file (a KvK number or another register)
    are all set in it.
    """
    return bool(info.context and info.context.get("sample"))


class Bilingual(Model):
    """Library text in both contract languages."""

    __leaf__ = True

    nl: LibraryText
    en: LibraryText

    def in_(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.nl if lang == "nl" else self.en


class LocalText(Model):
    """Customer prose: one text for every language, or ``{nl: …, en: …}``.

    Why a plain string is allowed: names of services and products are often the same in
    both languages. ``check`` warns when a bilingual contract gets one text for both.
    """

    __leaf__ = True

    nl: Text
    en: Text
    single: bool = Field(default=False, exclude=True)

    def in_(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.nl if lang == "nl" else self.en

    @classmethod
    def _from_plain(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"nl": value, "en": value, "single": True}
        if isinstance(value, dict) and "single" in value:
            raise ValueError("has an unknown key 'single'; give only nl and en")
        return value


Prose = Annotated[LocalText, BeforeValidator(LocalText._from_plain)]
"""A customer text that appears in the contract, per language."""


_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


class Term(Model):
    """An item from one of the library's vocabularies (``health``), or the customer's own text.

    A lower-case word with underscores is a vocabulary key, so a typo is caught (with a
    suggestion) instead of printed in the contract; anything else is text.
    """

    __leaf__ = True

    key: Key | None = None
    nl: Text | None = None
    en: Text | None = None
    special: Flag = False
    single: bool = Field(default=False, exclude=True)

    @classmethod
    def _from_plain(cls, value: Any) -> Any:
        if isinstance(value, str):
            if _KEY.match(value):
                return {"key": value}
            return {"nl": value, "en": value, "single": True}
        if isinstance(value, dict) and "single" in value:
            raise ValueError("has an unknown key 'single'")
        return value

    @model_validator(mode="after")
    def _key_or_text(self) -> Term:
        if self.key is None and (self.nl is None or self.en is None):
            missing = "en" if self.nl is not None else "nl"
            raise ValueError(f"give a vocabulary key, or the text in both languages (missing {missing!r})")
        if self.key is not None and (self.nl is not None or self.en is not None):
            raise ValueError("give either a vocabulary key or your own text, not both")
        return self


Item = Annotated[Term, BeforeValidator(Term._from_plain)]
"""A vocabulary key or customer text (see :class:`Term`)."""
