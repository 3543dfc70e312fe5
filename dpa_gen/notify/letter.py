"""Lay out one letter about a change of sub-processors as a ``Document``, in the contract's language(s).

The letter is made of the same blocks as a contract, so the DOCX and PDF writers give it the
house style, fonts, running header and page numbers: a title, a table with the addressee,
sender, date and subject, the parts of ``letters.yaml`` (side by side in a bilingual
contract), and on a new page the updated Annex III, whose tables are taken from the
customer's contract composed with the new list (``annex_tables.py`` lays them out).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dpa_gen.assemble import Prose, Shared, Unit
from dpa_gen.document import (
    Block,
    Body,
    Clause,
    Column,
    Document,
    DocumentInfo,
    Heading,
    Inline,
    PageBreak,
    Paragraph,
    Parallel,
    Table,
    Text,
    anchor,
    plain_text,
)
from dpa_gen.engine import load_labels, renderer_for
from dpa_gen.errors import Diagnostic, UserError
from dpa_gen.facts import Record, customer_facts
from dpa_gen.letters import Letters, chosen_parts, part_loc
from dpa_gen.library import Library
from dpa_gen.locale import long_date
from dpa_gen.models.base import Lang, LanguageMode
from dpa_gen.models.customer import Customer
from dpa_gen.models.letters import LetterKind
from dpa_gen.notify.change import Effect, with_list
from dpa_gen.notify.dates import NoticeDates, day_name
from dpa_gen.render import ClauseError
from dpa_gen.sources import Loc

AUTHORISATION_CLAUSE = "subprocessing.authorisation"
OBJECTION_CLAUSE = "subprocessing.objection"
ANNEX = "annex_subprocessors"


@dataclass(frozen=True)
class LetterInputs:
    """Everything one letter is made from."""

    letters: Letters
    library: Library
    customer: Customer  # as the signed contract stands
    mode: LanguageMode
    kind: LetterKind
    dates: NoticeDates
    effect: Effect
    refs: Mapping[str, str]  # the numbers of the signed contract
    updated: Document  # the contract composed with the list after the change
    reference: str | None

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The languages in column order."""
        return self.mode.langs


def contract_numbers(refs: Mapping[str, str]) -> list[str]:
    """The clause and annex ids a letter refers to that this contract lacks (normally none)."""
    return [ident for ident in (AUTHORISATION_CLAUSE, OBJECTION_CLAUSE, ANNEX) if ident not in refs]


def letter_facts(inputs: LetterInputs, lang: Lang) -> dict[str, Any]:
    """What the letter's texts see: the customer's facts and ``letter``."""
    facts = customer_facts(inputs.customer, inputs.library, lang, inputs.mode)
    after = customer_facts(with_list(inputs.customer, inputs.effect.engaged), inputs.library, lang, inputs.mode)
    before, new = facts["subprocessors"].list, after["subprocessors"].list
    record = letter_record(inputs.kind, inputs.dates, inputs.effect, inputs.refs, inputs.reference, before, new, facts)
    return {**facts, "letter": record}


def letter_record(
    kind: LetterKind,
    dates: NoticeDates,
    effect: Effect,
    refs: Mapping[str, str],
    reference: str | None,
    before: Sequence[Any],
    after: Sequence[Any],
    facts: Mapping[str, Any],
) -> Record:
    """The ``letter`` fact: dates, periods, the contract's numbers, the changed entries.

    ``before`` and ``after`` are the facts of the list as it is and as it will be, which
    ``effect`` points into; ``facts`` are the customer's (for its periods' wording).
    """
    words = facts["subprocessors"]
    objection = words.objection_days if words.objection_days is not None else words.notice_days
    end = dates.period_end
    end_day, holiday = day_name(end, dates.calendar, facts["lang"]) if end is not None else (None, False)
    return Record(
        kind=kind,
        sent=dates.sent,
        effective=dates.effective,
        deadline=dates.deadline,
        period_end=end,
        extended=dates.extended,
        period_end_day=end_day,
        period_end_holiday=holiday,
        notice_period=words.notice_days,
        objection_period=objection,
        authorisation_clause=refs[AUTHORISATION_CLAUSE],
        objection_clause=refs[OBJECTION_CLAUSE],
        annex=refs[ANNEX],
        added=tuple(after[i] for i in effect.added),
        replaced=tuple(Record(old=before[i], new=after[j]) for i, j in effect.replaced),
        removed=tuple(before[i] for i in effect.removed),
        reference=reference,
    )


@dataclass(frozen=True)
class ComposedLetter:
    """A letter laid out, with its subject line per language (for the mail merge)."""

    document: Document
    subject: Mapping[Lang, str]


def compose_letter(inputs: LetterInputs) -> ComposedLetter:
    """The letter as a document in the contract's language mode; ``UserError`` if a text fails."""
    langs, spec, kind = inputs.langs, inputs.letters.spec, inputs.kind
    facts = {lang: letter_facts(inputs, lang) for lang in langs}
    render = _Renderer(inputs, facts)
    labels = {lang: load_labels(lang) for lang in langs}
    title = {lang: render.line(("title", kind), spec.title.of(kind).in_(lang), lang) for lang in langs}
    subject = {lang: render.line(("subject", kind), spec.subject.of(kind).in_(lang), lang) for lang in langs}
    units: list[Unit] = [
        Prose({lang: Heading("title", title[lang]) for lang in langs}),
        Shared(_heading_table(inputs, facts, subject)),
    ]
    first = langs[0]
    for index, part, variant_index, variant in chosen_parts(inputs.letters, render.holds, facts[first]):
        loc = part_loc(index, variant_index)
        bodies = {lang: render.body(loc, variant.text.in_(lang), lang) for lang in langs}
        units.append(Prose({lang: Clause("plain", None, anchor(lang, part.id), bodies[lang]) for lang in langs}))
    annex_title = {lang: render.line(("annex", "title"), spec.annex.title.in_(lang), lang) for lang in langs}
    annex_text = {lang: render.body(("annex", "text"), spec.annex.text.in_(lang), lang) for lang in langs}
    units.append(Shared(PageBreak()))
    units.append(
        Prose(
            {
                lang: Heading(
                    "annex",
                    annex_title[lang],
                    number=inputs.refs[ANNEX],
                    prefix=labels[lang].annex,
                    anchor=anchor(lang, "letter.annex"),
                )
                for lang in langs
            }
        )
    )
    units.append(
        Prose({lang: Clause("plain", None, anchor(lang, "letter.annex.text"), annex_text[lang]) for lang in langs})
    )
    units.extend(Shared(table) for table in annex_tables(inputs.updated))
    render.raise_problems()
    info = _info(inputs, title, subject, labels)
    words = {lang: labels[lang].article for lang in langs}
    return ComposedLetter(Document(inputs.mode, info, tuple(_blocks(units, langs)), words), subject)


def annex_tables(document: Document) -> tuple[Table, ...]:
    """The tables of a composed contract's Annex III: those after its heading, up to the next annex."""
    out: list[Table] = []
    inside = False
    for block in document.blocks:
        heading = _annex_heading(block)
        if heading is not None:
            if inside:
                break
            inside = heading.anchor is not None and heading.anchor.endswith(f"-{ANNEX}")
        elif inside and isinstance(block, Table):
            out.append(block)
    return tuple(out)


def _annex_heading(block: Block) -> Heading | None:
    if isinstance(block, Heading) and block.kind == "annex":
        return block
    if isinstance(block, Parallel):
        for left, _ in block.rows:
            if isinstance(left, Heading) and left.kind == "annex":
                return left
    return None


class _Renderer:
    """Renders the letter's texts for each language and collects failures at their lines."""

    def __init__(self, inputs: LetterInputs, facts: Mapping[Lang, Mapping[str, Any]]) -> None:
        self.inputs = inputs
        self.facts = facts
        self.problems: list[Diagnostic] = []

    def holds(self, condition: str, facts: Mapping[str, Any]) -> bool:
        try:
            return renderer_for(self.inputs.library, self.inputs.langs[0]).holds(condition, facts)
        except ClauseError as exc:
            self.problems.append(Diagnostic(self.inputs.letters.source.where(()), "", exc.message, code="E302"))
            return False

    def body(self, loc: Loc, source: str, lang: Lang) -> tuple[Body, ...]:
        try:
            return renderer_for(self.inputs.library, lang).render(source, self.facts[lang], {})
        except ClauseError as exc:
            text = self.inputs.letters.source
            where = (*loc, "text", lang) if loc[0] == "parts" else (*loc, lang)
            pos = text.text_line(where, exc.line) if exc.line else text.where(where)
            self.problems.append(Diagnostic(pos, ".".join(map(str, loc)), f"{lang} text: {exc.message}", code="E301"))
            return ()

    def line(self, loc: Loc, source: str, lang: Lang) -> str:
        return " ".join(plain_text(b.inlines) for b in self.body(loc, source, lang) if isinstance(b, Paragraph))

    def raise_problems(self) -> None:
        if self.problems:
            raise UserError(self.problems)


def _cell(per_lang: Mapping[Lang, str], langs: Sequence[Lang]) -> tuple[tuple[Inline, ...], ...]:
    texts = list(dict.fromkeys(per_lang[lang] for lang in langs))
    return tuple((Text(text),) for text in texts)


def _heading_table(inputs: LetterInputs, facts: Mapping[Lang, Mapping[str, Any]], subject: Mapping[Lang, str]) -> Table:
    langs, labels = inputs.langs, inputs.letters.spec.labels

    def label(pick: Any) -> tuple[tuple[Inline, ...], ...]:
        return ((Text(" / ".join(dict.fromkeys(pick(labels).in_(lang) for lang in langs))),),)

    def party(role: str) -> tuple[tuple[Inline, ...], ...]:
        first = facts[langs[0]][role]
        lines = [first.name, first.contact.name, first.contact.email]
        address = list(dict.fromkeys(facts[lang][role].address.text for lang in langs))
        return tuple((Text(line),) for line in [*lines, *address])

    rows = [
        (label(lambda lb: lb.to), party("client")),
        (label(lambda lb: lb.sender), party("provider")),
        (label(lambda lb: lb.date), _cell({lang: long_date(inputs.dates.sent, lang) for lang in langs}, langs)),
        (label(lambda lb: lb.subject), _cell(subject, langs)),
    ]
    if inputs.reference:
        rows.append((label(lambda lb: lb.reference), ((Text(inputs.reference),),)))
    return Table((Column("", 22), Column("", 78)), tuple(rows), header=False)


def _blocks(units: Sequence[Unit], langs: tuple[Lang, ...]) -> Iterator[Block]:
    """One language's blocks, or consecutive prose paired row by row (as ``assemble`` does)."""
    if len(langs) == 1:
        yield from (u.blocks[langs[0]] if isinstance(u, Prose) else u.block for u in units)
        return
    rows: list[tuple[Block, Block]] = []
    for unit in units:
        if isinstance(unit, Prose):
            rows.append((unit.blocks[langs[0]], unit.blocks[langs[1]]))
            continue
        if rows:
            yield Parallel(tuple(rows))
            rows = []
        yield unit.block
    if rows:
        yield Parallel(tuple(rows))


def _info(inputs: LetterInputs, title: Mapping[Lang, str], subject: Mapping[Lang, str], labels: Any) -> DocumentInfo:
    langs = inputs.langs
    client, provider = (party.name for _, party in inputs.customer.parties())
    joined = " / ".join(title[lang] for lang in langs)
    keywords = ", ".join(inputs.letters.spec.labels.keywords.in_(lang) for lang in langs)
    return DocumentInfo(
        title=joined,
        subject=" / ".join(subject[lang] for lang in langs),
        author=provider,
        keywords=f"{keywords}, {client}, {provider}",
        language={"nl": "nl-NL", "en": "en-GB"}[langs[0]],
        created=inputs.dates.sent,
        header=f"{joined} – {client} / {provider}",
        page_label=" / ".join(labels[lang].page for lang in langs),
        library_version=inputs.library.meta.version,
    )
