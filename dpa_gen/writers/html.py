"""Serialise a ``Document`` to HTML with the page templates in ``templates/`` (autoescape on).

Customer values reach the HTML only as escaped text nodes: never in CSS, URLs or attribute
names. The only attributes filled from the model are anchors (derived from clause ids, which
the library schema restricts to ``[a-z0-9_.]``), language codes and column widths (integers).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, assert_never

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from dpa_gen import __version__
from dpa_gen.document import (
    Block,
    Body,
    Clause,
    Document,
    Emph,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Parallel,
    Ref,
    SignatureBlock,
    Strong,
    Table,
    Text,
    plain_text,
)
from dpa_gen.paths import templates_dir

if TYPE_CHECKING:
    from dpa_gen.style import Style


def css_string(text: str) -> str:
    """A CSS string literal that cannot break out of its quotes, whatever ``text`` holds."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def page_counter_content(label: str) -> str:
    """``pagina {page} van {pages}`` as a CSS ``content`` value with page counters."""
    parts: list[str] = []
    for piece in re.split(r"(\{page\}|\{pages\})", label):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


# The macro of document.html.j2 for each node type. A closed set: the template has a branch for
# each name (tests/test_writers.py checks it) and fails the build for anything else.
BlockMacro = Literal["heading", "clause", "lead", "list", "table", "signatures", "parallel", "page_break"]
BodyMacro = Literal["paragraph", "list"]
InlineMacro = Literal["text", "strong", "emph", "ref"]


def block_macro(block: Block) -> BlockMacro:
    """The macro that renders ``block``; mypy fails here until a new block type has one."""
    match block:
        case Heading():
            return "heading"
        case Clause():
            return "clause"
        case Paragraph():
            return "lead"
        case ListBlock():
            return "list"
        case Table():
            return "table"
        case SignatureBlock():
            return "signatures"
        case Parallel():
            return "parallel"
        case PageBreak():
            return "page_break"
        case _:
            assert_never(block)


def body_macro(body: Body) -> BodyMacro:
    """The macro for a part of a clause's body."""
    match body:
        case Paragraph():
            return "paragraph"
        case ListBlock():
            return "list"
        case _:
            assert_never(body)


def inline_macro(node: Inline) -> InlineMacro:
    """The macro for an inline node."""
    match node:
        case Text():
            return "text"
        case Strong():
            return "strong"
        case Emph():
            return "emph"
        case Ref():
            return "ref"
        case _:
            assert_never(node)


def spaces_inside(nodes: tuple[Inline, ...]) -> list[Inline]:
    """The inlines, with the space before a bold, italic or linked run moved into that run.

    Why: WeasyPrint (70) mis-breaks a justified line that fills up to a space followed by an
    inline box which does not fit: it ends the line at its first break opportunity instead,
    leaving a short line ("… onder nummer 41023344," alone, then "te dezen … noemen:
    **Verwer-**"). With the space inside the box the line breaks where it should. The text
    and its look are unchanged.
    """
    out: list[Inline] = []
    for node in nodes:
        previous = out[-1] if out else None
        if isinstance(previous, Text) and previous.value.endswith(" ") and not isinstance(node, Text):
            out[-1] = Text(previous.value[:-1])
            node = _space_first(node)
        out.append(node)
    return out


def _space_first(node: Strong | Emph | Ref) -> Inline:
    """``node`` with a space before its text (exhaustive: a new inline type fails mypy here)."""
    match node:
        case Strong(children=children):
            return Strong((Text(" "), *children))
        case Emph(children=children):
            return Emph((Text(" "), *children))
        case Ref(target=target, label=label):
            return Ref(target, " " + label)
        case _:
            assert_never(node)


def row_class(block: Block) -> str:
    """The CSS class of a side-by-side row, after the block in its left column ("heading article")."""
    match block:
        case Heading(kind=kind):
            return f"heading {kind}"
        case Clause() | Paragraph() | ListBlock() | Table() | SignatureBlock() | Parallel() | PageBreak():
            return type(block).__name__.lower()
        case _:
            assert_never(block)


def unhandled(name: object) -> NoReturn:
    """Called by a template branch that should be unreachable: a bug, never a silently dropped block."""
    raise TypeError(f"document.html.j2 has no branch for {name!r}")


@cache
def _environment(folder: Path, variant: str) -> SandboxedEnvironment:
    """Page templates for one language (``templates/<lang>/`` before ``_base/``) or side by side.

    ``base:name`` always means ``templates/_base/name``, so a language template can extend it.
    """
    search = [folder / "_base"] if "+" in variant else [folder / variant, folder / "_base"]
    loader = ChoiceLoader(
        [PrefixLoader({"base": FileSystemLoader(folder / "_base")}, delimiter=":"), FileSystemLoader(search)]
    )
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["block_macro"] = block_macro
    env.filters["body_macro"] = body_macro
    env.filters["inline_macro"] = inline_macro
    env.filters["spaces_inside"] = spaces_inside
    env.filters["row_class"] = row_class
    env.globals["unhandled"] = unhandled
    env.filters["plain"] = plain_text
    return env


def render_html(document: Document, style: Style | None = None) -> str:
    """The whole document as one HTML page (CSS inline; its URLs relative to the stylesheet's folder)."""
    from dpa_gen.style import bundled_style

    style = style or bundled_style()
    env = _environment(templates_dir(), "+".join(document.langs))
    logo = style.logo
    context: dict[str, Any] = {
        "doc": document,
        "info": document.info,
        "langs": document.langs,
        "side_by_side": len(document.langs) > 1,
        # The style's stylesheet; a style folder's was checked by dpa_gen.style (its URLs, no </style>).
        "css": Markup(style.stylesheet.read_text(encoding="utf-8")),
        # CSS built from trusted text with every special character escaped (css_string).
        "page_content": Markup(page_counter_content(document.info.page_label)),
        # Numbers only (PageGeometry.css): the page of the reference.docx the DOCX uses.
        "page_geometry": Markup(style.page.css()),
        # A file URL inside the style folder (the PDF fetcher serves it) and the size both formats use.
        "logo": {"src": logo.path.as_uri(), "width": f"{logo.width_mm}mm", "height": f"{logo.height_mm}mm"}
        if logo
        else None,
        "generator": f"dpa-gen {__version__}",
    }
    return env.get_template("document.html.j2").render(context)


class HtmlWriter:
    """The HTML the PDF is made from (``-f html``, for debugging a layout)."""

    name = "html"
    suffix = ".html"

    def render(self, document: Document, style: Style) -> bytes:
        """The page as UTF-8."""
        return render_html(document, style).encode("utf-8")
