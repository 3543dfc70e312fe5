"""Role words for the other kinds of agreement the library builds.

Why: a sub-processing agreement (art. 28(4) GDPR) repeats most obligations of the processor
agreement one level down, the processor in the controller's place and the sub-processor in
the processor's. Shared texts are written once, for the controller–processor agreement; in
another kind each role word the library lists (``library.yaml`` ``kinds.<kind>.roles``)
is replaced, whole words only, outside Jinja tags, all words at once (so "Verwerker" →
"Subverwerker" and "Subverwerker" → "Verdere Subverwerker" do not chain). A text whose
condition names the kind (``contract.kind``) is written in that kind's own words and is
left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from dpa_gen.models.base import Lang
from dpa_gen.models.library import KindMeta

_JINJA = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)
KIND_VARIABLE = "contract.kind"


@dataclass(frozen=True, slots=True)
class RoleWords:
    """The word map of one kind of agreement in one language."""

    words: tuple[tuple[str, str], ...]

    def apply(self, text: str) -> str:
        """``text`` with every role word replaced (whole words, outside Jinja tags)."""
        if not self.words:
            return text
        pattern, table = _compiled(self.words)
        parts = _JINJA.split(text)
        for i in range(0, len(parts), 2):  # even parts are text, odd parts Jinja tags
            parts[i] = pattern.sub(lambda m: table[m.group()], parts[i])
        return "".join(parts)


@cache
def _compiled(words: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], Mapping[str, str]]:
    longest_first = sorted((old for old, _ in words), key=len, reverse=True)
    # A hyphen counts as part of a word: "Processor" inside "Sub-processor" is not a whole word.
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, longest_first)) + r")(?![\w-])")
    return pattern, dict(words)


def role_words(kind: KindMeta, lang: Lang) -> RoleWords:
    """The role words of ``kind`` in ``lang`` (none for the library's main kind)."""
    return RoleWords(tuple(sorted(kind.roles.in_(lang).items())))


def names_the_kind(*conditions: str | None) -> bool:
    """Whether a text is written for one kind of agreement: a condition on it names the kind."""
    return any(condition is not None and KIND_VARIABLE in condition for condition in conditions)
