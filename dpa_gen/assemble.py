"""Lay out a resolved, rendered contract as a ``Document``: one language, or Dutch and English side by side.

The layout is built as a list of *units*. A ``Prose`` unit holds the same block in each
language (a heading, a clause); a ``Shared`` unit is one block for all languages (an annex
table with bilingual headers, the signature boxes, a page break). A one-language document
takes its language's block from each unit; a side-by-side document pairs consecutive
prose units into rows of a ``Parallel`` block, so both columns always have the same clauses
in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dpa_gen.document import (
    Block,
    Body,
    Clause,
    Column,
    Document,
    DocumentInfo,
    Emph,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Parallel,
    Signatory,
    SignatureBlock,
    Table,
    Text,
    anchor,
)
from dpa_gen.kinds import KINDS
from dpa_gen.library import Library
from dpa_gen.models.base import Lang, LanguageMode
from dpa_gen.models.customer import Customer, Party
from dpa_gen.models.labels import Labels
from dpa_gen.resolve import ChosenSection, Resolution

Cell = tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True, slots=True)
class Prose:
    """The same block in every language."""

    blocks: Mapping[Lang, Block]


@dataclass(frozen=True, slots=True)
class Shared:
    """One block that already serves every language."""

    block: Block


Unit = Prose | Shared


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything the layout needs, per language where it differs."""

    mode: LanguageMode
    library: Library
    customer: Customer
    resolution: Resolution
    bodies: Mapping[Lang, Mapping[str, tuple[Body, ...]]]
    labels: Mapping[Lang, Labels]
    facts: Mapping[Lang, Mapping[str, Any]]

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The languages in column order."""
        return self.mode.langs


def assemble(inputs: Inputs) -> Document:
    """Build the document for ``inputs.langs``."""
    units = list(_units(inputs))
    if len(inputs.langs) == 1:
        (lang,) = inputs.langs
        blocks = tuple(u.blocks[lang] if isinstance(u, Prose) else u.block for u in units)
    else:
        blocks = tuple(_pair(units, inputs.langs))
    article_words = {lang: inputs.labels[lang].article for lang in inputs.langs}
    return Document(inputs.mode, _info(inputs), blocks, article_words)


def _pair(units: Sequence[Unit], langs: tuple[Lang, ...]) -> Iterator[Block]:
    left, right = langs
    rows: list[tuple[Block, Block]] = []
    for unit in units:
        if isinstance(unit, Prose):
            rows.append((unit.blocks[left], unit.blocks[right]))
            continue
        if rows:
            yield Parallel(tuple(rows))
            rows = []
        yield unit.block
    if rows:
        yield Parallel(tuple(rows))


def _units(inputs: Inputs) -> Iterator[Unit]:
    langs, meta = inputs.langs, inputs.library.meta
    yield Prose({lang: Heading("title", meta.title.in_(lang)) for lang in langs})
    if meta.subtitle is not None:
        yield Prose({lang: Paragraph((Text(meta.subtitle.in_(lang)),)) for lang in langs})
    if inputs.customer.contract.reference:
        ref = inputs.customer.contract.reference
        yield Prose({lang: Paragraph((Text(f"{inputs.labels[lang].reference}: {ref}"),)) for lang in langs})
    for chosen in inputs.resolution.sections:
        yield from _section(inputs, chosen)


def _section(inputs: Inputs, chosen: ChosenSection) -> Iterator[Unit]:
    section, langs = chosen.section, inputs.langs
    rules = KINDS[section.kind]
    if rules.new_page:
        yield Shared(PageBreak())
    if rules.heading is not None:
        yield Prose(
            {
                lang: Heading(
                    rules.heading,
                    section.title.in_(lang),
                    number=chosen.number,
                    prefix=inputs.labels[lang].word(rules.heading),
                    anchor=anchor(lang, section.id),
                )
                for lang in langs
            }
        )
    for item in chosen.clauses:
        yield Prose(
            {
                lang: Clause(
                    rules.clause_style, item.number, anchor(lang, item.clause.id), inputs.bodies[lang][item.clause.id]
                )
                for lang in langs
            }
        )
    if rules.signatures:
        yield Shared(_signatures(inputs))
    if section.table == "processing":
        yield Shared(_processing_table(inputs))
    elif section.table == "parties":
        yield Shared(_parties_table(inputs))
    elif section.table == "subprocessors":
        yield Shared(_subprocessor_table(inputs))
    elif section.table == "measures":
        yield from _measures(inputs)


# --- annex content ---------------------------------------------------------------------------


def _lines(per_lang: Mapping[Lang, str], langs: tuple[Lang, ...]) -> Cell:
    """One cell line per language, or a single line when the languages agree."""
    texts = [per_lang[lang] for lang in langs]
    if len(set(texts)) == 1:
        return ((Text(texts[0]),),)
    return tuple((Text(t),) if i == 0 else (Emph((Text(t),)),) for i, t in enumerate(texts))


def _item_lines(per_lang: Mapping[Lang, Sequence[str]], langs: tuple[Lang, ...]) -> Cell:
    """A list value as lines: one per item, ``nl / en`` where the wording differs."""
    count = len(per_lang[langs[0]])
    out: list[tuple[Inline, ...]] = []
    for i in range(count):
        texts = list(dict.fromkeys(per_lang[lang][i] for lang in langs))
        out.append((Text(" / ".join(texts)),))
    return tuple(out)


def _label(inputs: Inputs, pick: Any) -> Cell:
    return _lines({lang: pick(inputs.labels[lang]) for lang in inputs.langs}, inputs.langs)


def _kv_table(rows: list[tuple[Cell, Cell]]) -> Table:
    return Table((Column("", 32), Column("", 68)), tuple((label, value) for label, value in rows), header=False)


def _processing_table(inputs: Inputs) -> Table:
    langs, facts = inputs.langs, inputs.facts
    p = {lang: facts[lang]["processing"] for lang in langs}
    rows: list[tuple[Cell, Cell]] = [
        (
            _label(inputs, lambda lb: lb.processing.subject_matter),
            _lines({k: v.subject_matter for k, v in p.items()}, langs),
        ),
        (_label(inputs, lambda lb: lb.processing.nature), _item_lines({k: v.nature for k, v in p.items()}, langs)),
        (_label(inputs, lambda lb: lb.processing.purposes), _item_lines({k: v.purposes for k, v in p.items()}, langs)),
        (
            _label(inputs, lambda lb: lb.processing.data_categories),
            _item_lines({k: v.data_categories for k, v in p.items()}, langs),
        ),
    ]
    if p[langs[0]].special_categories:
        rows.append(
            (
                _label(inputs, lambda lb: lb.processing.special_categories),
                _item_lines({k: v.special_categories for k, v in p.items()}, langs),
            )
        )
        if p[langs[0]].special_category_safeguards:
            rows.append(
                (
                    _label(inputs, lambda lb: lb.processing.special_category_safeguards),
                    _lines({k: v.special_category_safeguards for k, v in p.items()}, langs),
                )
            )
    rows.append(
        (
            _label(inputs, lambda lb: lb.processing.data_subjects),
            _item_lines({k: v.data_subjects for k, v in p.items()}, langs),
        )
    )
    duration = {k: v.duration or inputs.labels[k].processing.duration_main_agreement for k, v in p.items()}
    rows.append((_label(inputs, lambda lb: lb.processing.duration), _lines(duration, langs)))
    if p[langs[0]].locations:
        rows.append(
            (
                _label(inputs, lambda lb: lb.processing.locations),
                _item_lines({k: v.locations for k, v in p.items()}, langs),
            )
        )
    return _kv_table(rows)


def _parties_table(inputs: Inputs) -> Table:
    langs = inputs.langs
    rows: list[tuple[Cell, Cell]] = []
    for role in ("controller", "processor"):
        f = {lang: inputs.facts[lang][role] for lang in langs}
        first = f[langs[0]]
        rows.append((_label(inputs, lambda lb, r=role: getattr(lb.party, r)), ((Text(first.name),),)))
        if first.legal_form:
            rows.append(
                (_label(inputs, lambda lb: lb.party.legal_form), _lines({k: v.legal_form for k, v in f.items()}, langs))
            )
        rows.append(
            (_label(inputs, lambda lb: lb.party.address), _lines({k: v.address.text for k, v in f.items()}, langs))
        )
        if first.kvk:
            rows.append((_label(inputs, lambda lb: lb.party.kvk), ((Text(first.kvk),),)))
        elif first.registration:
            reg = {k: f"{v.registration.register}: {v.registration.number}" for k, v in f.items()}
            rows.append((_label(inputs, lambda lb: lb.party.registration), _lines(reg, langs)))
        if first.representative:
            rep = {k: f"{v.representative.name}, {v.representative.role}" for k, v in f.items()}
            rows.append((_label(inputs, lambda lb: lb.party.representative), _lines(rep, langs)))
        rows.append((_label(inputs, lambda lb: lb.party.contact), _contact_lines(f, "contact", langs)))
        if first.dpo:
            rows.append((_label(inputs, lambda lb: lb.party.dpo), _contact_lines(f, "dpo", langs)))
    return _kv_table(rows)


def _contact_lines(f: Mapping[Lang, Any], field: str, langs: tuple[Lang, ...]) -> Cell:
    first = getattr(f[langs[0]], field)
    roles = list(dict.fromkeys(getattr(f[lang], field).role for lang in langs if getattr(f[lang], field).role))
    name = first.name + (f" ({' / '.join(roles)})" if roles else "")
    lines: list[tuple[Inline, ...]] = [(Text(name),), (Text(first.email),)]
    if first.phone:
        lines.append((Text(first.phone),))
    return tuple(lines)


def _subprocessor_table(inputs: Inputs) -> Table:
    langs = inputs.langs
    columns = (
        Column(" / ".join(inputs.labels[lang].subprocessors.number for lang in langs), 7),
        Column(" / ".join(dict.fromkeys(inputs.labels[lang].subprocessors.name for lang in langs)), 23),
        Column(" / ".join(inputs.labels[lang].subprocessors.service for lang in langs), 26),
        Column(" / ".join(inputs.labels[lang].subprocessors.location for lang in langs), 20),
        Column(" / ".join(inputs.labels[lang].subprocessors.safeguard for lang in langs), 24),
    )
    entries = {lang: inputs.facts[lang]["subprocessors"].list for lang in langs}
    rows = []
    for i, first in enumerate(entries[langs[0]]):
        per = {lang: entries[lang][i] for lang in langs}
        location = {lang: f"{s.city}, {s.country_name}" if s.city else s.country_name for lang, s in per.items()}
        # No safeguard is needed inside the EEA (guardrails require one outside it).
        safeguard = {lang: s.safeguard_name or inputs.labels[lang].subprocessors.within_eea for lang, s in per.items()}
        rows.append(
            (
                ((Text(str(i + 1)),),),
                ((Text(first.name),),),
                _lines({lang: s.service for lang, s in per.items()}, langs),
                _lines(location, langs),
                _lines(safeguard, langs),
            )
        )
    if not rows:
        none = _lines({lang: inputs.labels[lang].subprocessors.none for lang in langs}, langs)
        return Table((Column("", 100),), ((none,),), header=False)
    return Table(columns, tuple(rows), header=True)


def _measures(inputs: Inputs) -> Iterator[Unit]:
    langs = inputs.langs
    chosen = inputs.customer.security.measures
    for group in inputs.library.measures.groups:
        measures = [m for m in group.measures if (m.id in chosen if chosen is not None else m.default)]
        if not measures:
            continue
        yield Prose({lang: Heading("group", group.title.in_(lang)) for lang in langs})
        yield Prose(
            {lang: ListBlock(tuple((Text(m.nl if lang == "nl" else m.en),) for m in measures)) for lang in langs}
        )
    extra = inputs.customer.security.additional
    if extra:
        yield Prose({lang: Heading("group", inputs.labels[lang].measures.additional) for lang in langs})
        yield Prose({lang: ListBlock(tuple((Text(t.in_(lang)),) for t in extra)) for lang in langs})
    certifications = {lang: inputs.facts[lang]["security"].certifications for lang in langs}
    if certifications[langs[0]]:
        yield Prose({lang: Heading("group", inputs.labels[lang].measures.certifications) for lang in langs})
        yield Prose({lang: ListBlock(tuple((Text(t),) for t in certifications[lang])) for lang in langs})


def _signatures(inputs: Inputs) -> SignatureBlock:
    langs, labels = inputs.langs, inputs.labels

    def joined(pick: Any) -> str:
        return " / ".join(dict.fromkeys(pick(labels[lang]) for lang in langs))

    def signatory(role: str, party: Party) -> Signatory:
        rep = inputs.facts[langs[0]][role].representative
        roles = (
            " / ".join(dict.fromkeys(inputs.facts[lang][role].representative.role for lang in langs)) if rep else None
        )
        return Signatory(
            party_label=joined(lambda lb: getattr(lb.party, role)),
            party_name=party.name,
            name=rep.name if rep else None,
            role=roles,
        )

    return SignatureBlock(
        signatories=(
            signatory("controller", inputs.customer.controller),
            signatory("processor", inputs.customer.processor),
        ),
        name_label=joined(lambda lb: lb.signature.name),
        role_label=joined(lambda lb: lb.signature.role),
        date_label=joined(lambda lb: lb.signature.date),
        signature_label=joined(lambda lb: lb.signature.signature),
    )


def _info(inputs: Inputs) -> DocumentInfo:
    langs, c, meta = inputs.langs, inputs.customer, inputs.library.meta
    names = {"controller": c.controller.name, "processor": c.processor.name}
    title = " / ".join(meta.title.in_(lang) for lang in langs)
    return DocumentInfo(
        title=title,
        subject=" / ".join(inputs.labels[lang].subject.format(**names) for lang in langs),
        author=c.processor.name,
        keywords=", ".join(
            dict.fromkeys([*", ".join(inputs.labels[lang].keywords for lang in langs).split(", "), *names.values()])
        ),
        language={"nl": "nl-NL", "en": "en-GB"}[langs[0]],
        created=c.contract.effective_date,
        header=f"{title} – {c.controller.name} / {c.processor.name}",
        page_label=" / ".join(inputs.labels[lang].page for lang in langs),
        library_version=meta.version,
    )
