"""The annex tables, laid out as units of ``assemble``.

The parties and the processing (Annex I), the security measures (Annex II) and the
sub-processors (Annex III).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from dpa_gen.assemble import Cell, Inputs, Prose, Shared, Unit
from dpa_gen.document import Column, Emph, Heading, Inline, ListBlock, Table, Text
from dpa_gen.models.base import Lang
from dpa_gen.models.library import AnnexTable


def annex_units(inputs: Inputs, table: AnnexTable) -> Iterator[Unit]:
    """The units of one annex table."""
    match table:
        case "processing":
            yield Shared(_processing_table(inputs))
        case "parties":
            yield Shared(_parties_table(inputs))
        case "subprocessors":
            subprocessors = _subprocessor_table(inputs)
            if subprocessors is not None:  # no table when none are named: the annex's text says so
                yield Shared(subprocessors)
        case "measures":
            yield from _measures(inputs)


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
    """Annex I: every row the introduction promises, always (legal review #12, #20, #2).

    The special categories row says "none" when there are none; the locations row names the
    countries, the region, or that the locations are limited only by the transfers article;
    a row for the processor's transfer mechanism appears when the file gives one.
    """
    langs, facts = inputs.langs, inputs.facts
    p = {lang: facts[lang]["processing"] for lang in langs}
    first = p[langs[0]]
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
    special_label = _label(inputs, lambda lb: lb.processing.special_categories)
    if first.special_categories:
        rows.append((special_label, _item_lines({k: v.special_categories for k, v in p.items()}, langs)))
        if first.special_category_safeguards:
            rows.append(
                (
                    _label(inputs, lambda lb: lb.processing.special_category_safeguards),
                    _lines({k: v.special_category_safeguards for k, v in p.items()}, langs),
                )
            )
    else:
        rows.append((special_label, _label(inputs, lambda lb: lb.processing.special_categories_none)))
    rows.append(
        (
            _label(inputs, lambda lb: lb.processing.data_subjects),
            _item_lines({k: v.data_subjects for k, v in p.items()}, langs),
        )
    )
    duration = {k: v.duration or inputs.labels[k].processing.duration_main_agreement for k, v in p.items()}
    rows.append((_label(inputs, lambda lb: lb.processing.duration), _lines(duration, langs)))
    locations_label = _label(inputs, lambda lb: lb.processing.locations)
    if first.locations:
        rows.append((locations_label, _item_lines({k: v.locations for k, v in p.items()}, langs)))
    elif first.region is not None:
        region = {lang: getattr(inputs.labels[lang].processing, f"locations_{first.region}") for lang in langs}
        rows.append((locations_label, _lines({lang: inputs.shared(lang, t) for lang, t in region.items()}, langs)))
    else:
        article = inputs.resolution.refs.get("transfers", "")
        free = {lang: inputs.labels[lang].processing.locations_not_limited.format(article=article) for lang in langs}
        rows.append((locations_label, _lines(free, langs)))
    if first.transfer_safeguard:
        label = {lang: inputs.shared(lang, inputs.labels[lang].processing.transfer_safeguard) for lang in langs}
        rows.append((_lines(label, langs), _item_lines({k: v.transfer_safeguard for k, v in p.items()}, langs)))
    return _kv_table(rows)


def _parties_table(inputs: Inputs) -> Table:
    """The parties as a table: name (and trade name), legal form, seat, address, register, signatories."""
    langs = inputs.langs
    rows: list[tuple[Cell, Cell]] = []
    for role, _ in inputs.customer.parties():
        f = {lang: inputs.facts[lang][role] for lang in langs}
        first = f[langs[0]]
        name = first.name + (f" ({first.trading_as})" if first.trading_as else "")
        rows.append((_label(inputs, lambda lb, r=role: getattr(lb.party, r)), ((Text(name),),)))
        if first.legal_form:
            rows.append(
                (_label(inputs, lambda lb: lb.party.legal_form), _lines({k: v.legal_form for k, v in f.items()}, langs))
            )
        if not first.natural_person:
            rows.append((_label(inputs, lambda lb: lb.party.seat), ((Text(first.seat),),)))
        rows.append(
            (_label(inputs, lambda lb: lb.party.address), _lines({k: v.address.text for k, v in f.items()}, langs))
        )
        if first.kvk:
            rows.append((_label(inputs, lambda lb: lb.party.kvk), ((Text(first.kvk),),)))
        elif first.registration:
            reg = {
                k: ", ".join(
                    part
                    for part in (f"{v.registration.register}: {v.registration.number}", v.registration.office)
                    if part
                )
                for k, v in f.items()
            }
            rows.append((_label(inputs, lambda lb: lb.party.registration), _lines(reg, langs)))
        if not first.natural_person:
            for i in range(len(first.representatives)):
                rep = {
                    k: ", ".join(
                        part
                        for part in (
                            v.representatives[i].name,
                            v.representatives[i].role,
                            v.representatives[i].capacity,
                        )
                        if part
                    )
                    for k, v in f.items()
                }
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


def _subprocessor_table(inputs: Inputs) -> Table | None:
    """Annex III: one row per named sub-processor with the fields of SCC 2021/915 Annex IV.

    Where it is (address, seat country) and whom to contact; the service and what it does;
    the countries where it processes the data and from which it can access them; and whether
    that is a transfer, judged by those countries and not by the seat, with its basis. None
    when the file names no sub-processor (the annex's text then says what applies).
    """
    langs = inputs.langs
    labels = {lang: inputs.labels[lang].subprocessors for lang in langs}
    entries = {lang: inputs.facts[lang]["subprocessors"].list for lang in langs}
    if not entries[langs[0]]:
        return None

    def header(pick: Any, width: int) -> Column:
        # Library words: in a sub-processing agreement "Subverwerker" becomes "Verdere Subverwerker".
        return Column(" / ".join(dict.fromkeys(inputs.shared(lang, pick(labels[lang])) for lang in langs)), width)

    columns = (
        # Widths that keep "standaardcontractbepalingen" and "Verwerkingsverantwoordelijke" (tables do
        # not hyphenate) inside their columns on A4.
        header(lambda lb: lb.number, 5),
        header(lambda lb: lb.name, 23),
        header(lambda lb: lb.service, 27),
        header(lambda lb: lb.locations, 18),
        header(lambda lb: lb.transfer, 27),
    )
    rows = []
    for i, (first, model) in enumerate(zip(entries[langs[0]], inputs.customer.subprocessors.engaged, strict=True)):
        per = {lang: entries[lang][i] for lang in langs}
        rows.append(
            (
                ((Text(str(i + 1)),),),
                _subprocessor_cell(first, per),
                _lines({lang: s.service for lang, s in per.items()}, langs)
                + (_lines({lang: s.description for lang, s in per.items()}, langs) if first.description else ()),
                _locations_cell(per, labels, langs),
                _transfer_cell(per, [str(key) for key in model.safeguard], labels, langs),
            )
        )
    return Table(columns, tuple(rows), header=True)


def _subprocessor_cell(first: Any, per: Mapping[Lang, Any]) -> Cell:
    """Name; address; the country of its seat ("Ierland / Ireland"); contact point."""
    lines: list[tuple[Inline, ...]] = [(Text(first.name),)]
    place = ", ".join(part for part in (first.address, first.city) if part)
    if place:
        lines.append((Text(place),))
    lines.append((Text(" / ".join(dict.fromkeys(s.country_name for s in per.values()))),))
    if first.contact:
        lines.append((Text(first.contact),))
    return tuple(lines)


def _locations_cell(per: Mapping[Lang, Any], labels: Mapping[Lang, Any], langs: tuple[Lang, ...]) -> Cell:
    """The countries of processing, one a line, then "toegang vanuit: India" when access reaches further."""
    cell = _item_lines({lang: s.location_names for lang, s in per.items()}, langs)
    if per[langs[0]].access_names:
        cell += _lines({lang: f"{labels[lang].access}: {', '.join(s.access_names)}" for lang, s in per.items()}, langs)
    return cell


def _transfer_cell(
    per: Mapping[Lang, Any], safeguards: Sequence[str], labels: Mapping[Lang, Any], langs: tuple[Lang, ...]
) -> Cell:
    """Whether a transfer occurs ("Ja: Verenigde Staten") and its basis per safeguard, or "Geen doorgifte"."""
    first = per[langs[0]]
    if not first.outside_eea:
        return _lines({lang: labels[lang].no_transfer for lang in langs}, langs)
    cell = _lines(
        {lang: f"{labels[lang].transfer_to}: {', '.join(s.outside_eea_names)}" for lang, s in per.items()}, langs
    )
    for key in safeguards:
        cell += _lines({lang: getattr(labels[lang].safeguards, key) for lang in langs}, langs)
    return cell


def _measures(inputs: Inputs) -> Iterator[Unit]:
    langs = inputs.langs
    for group, measures in inputs.measures.groups:
        yield Prose({lang: Heading("group", inputs.shared(lang, group.title.in_(lang))) for lang in langs})
        yield Prose(
            {
                lang: ListBlock(tuple((Text(inputs.shared(lang, m.nl if lang == "nl" else m.en)),) for m in measures))
                for lang in langs
            }
        )
    extra = inputs.customer.security.additional
    if extra:
        yield Prose({lang: Heading("group", inputs.labels[lang].measures.additional) for lang in langs})
        yield Prose({lang: ListBlock(tuple((Text(t.in_(lang)),) for t in extra)) for lang in langs})
    certifications = {lang: inputs.facts[lang]["security"].certifications for lang in langs}
    if certifications[langs[0]]:
        yield Prose({lang: Heading("group", inputs.labels[lang].measures.certifications) for lang in langs})
        yield Prose({lang: ListBlock(tuple((Text(t),) for t in certifications[lang])) for lang in langs})
