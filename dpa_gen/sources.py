"""Read YAML safely and remember where every key and value came from.

Why so strict: PyYAML's usual loaders retype data (``NO`` becomes ``False``, ``01234``
becomes 668, ``12:30`` becomes 750), keep the last of two duplicate keys, follow alias
bombs and crash on deep nesting. Here every scalar stays a string (pydantic does the
typing), duplicates, anchors, aliases and tags are errors, and size and depth are checked
before the document is built.
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dpa_gen.errors import Diagnostic, SourcePos, UserError

Loc = tuple[str | int, ...]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

# libyaml's parser is iterative, so it survives the depth pre-scan of hostile input.
_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass(frozen=True, slots=True)
class Sourced:
    """Plain YAML data (strings, lists, dicts, None) plus the position of every part."""

    path: str
    data: Any
    keys: dict[Loc, SourcePos]
    values: dict[Loc, SourcePos]
    blocks: frozenset[Loc] = frozenset()  # block scalars (| or >): their text starts a line lower
    sha256: str = ""  # of the file's bytes, when read from a file

    def text_line(self, loc: Loc, line_in_text: int) -> SourcePos:
        """Position of line ``line_in_text`` (1-based) of the string at ``loc``."""
        start = self.where(loc)
        offset = 1 if loc in self.blocks else 0
        column = 1 if offset or line_in_text > 1 else start.column
        return SourcePos(start.file, start.line + offset + line_in_text - 1, column)

    def where(self, loc: Loc, *, key: bool = False) -> SourcePos:
        """Position of ``loc`` (its key with ``key=True``); else of its nearest ancestor."""
        table = self.keys if key else self.values
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.keys:
                return self.keys[loc]
            loc = loc[:-1]
        return self.values.get((), SourcePos(self.path, 1, 1))


def read_yaml(
    path: Path, *, display: str | None = None, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> Sourced:
    """Read and parse one YAML file; every problem becomes a positioned ``UserError``."""
    name = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UserError([_at(name, f"the file is {size:,} bytes; the limit is {max_bytes:,} bytes")])
        raw = path.read_bytes()[: max_bytes + 1]
    except OSError as exc:
        raise UserError([_at(name, f"cannot read the file: {exc.strerror or exc}")]) from None
    if path.is_dir():  # pragma: no cover - read_bytes already fails on directories
        raise UserError([_at(name, "this is a folder, not a YAML file")])
    if len(raw) > max_bytes:
        raise UserError([_at(name, f"the file is larger than the limit of {max_bytes:,} bytes")])
    sourced = parse_yaml(_decode(raw, name), name, max_depth=max_depth)
    return dataclasses.replace(sourced, sha256=hashlib.sha256(raw).hexdigest())


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Files as given, ``*.yaml`` inside folders, and matches of glob patterns; unknown paths are errors."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        text = str(path)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
        elif path.exists():
            found.append(path)
        elif glob.has_magic(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True) if Path(m).is_file())
            if not matches:
                problems.append(Diagnostic(SourcePos(text), "", "the pattern matches no files"))
            found.extend(matches)
        else:
            problems.append(Diagnostic(SourcePos(text), "", "no such file or folder"))
    return list(dict.fromkeys(found)), problems


def parse_yaml(text: str, name: str, *, max_depth: int = MAX_DEPTH) -> Sourced:
    """Parse YAML text that is already decoded; see :func:`read_yaml`."""
    try:
        _prescan(text, name, max_depth)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise UserError([_syntax_error(exc, name, text)]) from None
    except yaml.reader.ReaderError as exc:
        raise UserError([_reader_error(exc, text, name)]) from None
    except yaml.YAMLError as exc:  # composer errors without a mark: treat as syntax
        raise UserError([_at(name, f"invalid YAML: {exc}")]) from None
    except (ValueError, RecursionError) as exc:  # UnicodeError from libyaml; depth is pre-scanned
        raise UserError([_at(name, f"invalid YAML: {exc}")]) from None

    keys: dict[Loc, SourcePos] = {}
    values: dict[Loc, SourcePos] = {}
    blocks: set[Loc] = set()
    problems: list[Diagnostic] = []
    data = None if root is None else _build(root, (), name, keys, values, blocks, problems)
    if root is None:
        values[()] = SourcePos(name, 1, 1)
    if problems:
        raise UserError(problems)
    return Sourced(name, data, keys, values, frozenset(blocks))


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UserError(
            [
                Diagnostic(
                    SourcePos(name, line, column),
                    "",
                    f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _prescan(text: str, name: str, max_depth: int) -> None:
    """Reject what the document must not contain before building it (cheap, no recursion)."""
    try:
        _prescan_events(text, name, max_depth)
    except yaml.MarkedYAMLError as exc:
        # libyaml >= 0.2.6 (PyYAML 6.0.4) gives up at 1000 levels while it still looks ahead,
        # before the level that breaks our limit is parsed: find that level in the text before.
        mark = exc.problem_mark
        if mark is None or "nesting depth" not in str(exc.problem) or mark.index <= 0:
            raise
        _prescan_events(text[: mark.index], name, max_depth)
        too_deep = Diagnostic(_pos(name, mark), "", f"the data is nested more than {max_depth} levels deep")
        raise UserError([too_deep]) from None


def _prescan_events(text: str, name: str, max_depth: int) -> None:
    problems: list[Diagnostic] = []
    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        pos = _pos(name, event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                problems.append(Diagnostic(pos, "", "a file holds one YAML document; remove the second '---'"))
                break
        elif isinstance(event, yaml.AliasEvent):
            problems.append(
                Diagnostic(pos, "", f"aliases (*{event.anchor}) are not allowed; write the value out in full")
            )
        elif isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                problems.append(
                    Diagnostic(pos, "", f"anchors (&{event.anchor}) are not allowed; write the value out in full")
                )
            tag = getattr(event, "tag", None)
            if tag is not None and not _is_plain_tag(event):
                problems.append(
                    Diagnostic(pos, "", f"tags ({_short_tag(tag)}) are not allowed; quote the value instead")
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    problems.append(Diagnostic(pos, "", f"the data is nested more than {max_depth} levels deep"))
                    break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if problems:
        raise UserError(problems)


def _is_plain_tag(event: Any) -> bool:
    # The non-specific tag "!" that libyaml reports for some quoted scalars is not a user tag.
    return bool(event.tag == "!" and isinstance(event, yaml.ScalarEvent))


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _build(
    node: Node,
    loc: Loc,
    name: str,
    keys: dict[Loc, SourcePos],
    values: dict[Loc, SourcePos],
    blocks: set[Loc],
    problems: list[Diagnostic],
) -> Any:
    values[loc] = _pos(name, node.start_mark)
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">"):
            blocks.add(loc)
        if not node.style and node.value in _NULLS:  # plain (unquoted) null; libyaml says
            return None
        return node.value
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            keys[(*loc, index)] = _pos(name, item.start_mark)
            items.append(_build(item, (*loc, index), name, keys, values, blocks, problems))
        return items
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        first_seen: dict[str, SourcePos] = {}
        for key_node, value_node in node.value:
            key_pos = _pos(name, key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                problems.append(Diagnostic(key_pos, _dotted(loc), "a key must be a plain word, not a list or mapping"))
                continue
            key = key_node.value
            if key in first_seen:  # PyYAML would silently keep the last one
                first = first_seen[key]
                problems.append(
                    Diagnostic(
                        key_pos,
                        _dotted((*loc, key)),
                        f"duplicate key {key!r} (first given on line {first.line}); keep one",
                    )
                )
                continue
            first_seen[key] = key_pos
            keys[(*loc, key)] = key_pos
            out[key] = _build(value_node, (*loc, key), name, keys, values, blocks, problems)
        return out
    raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover


def _dotted(loc: Loc) -> str:
    """``('a', 'b', 0, 'c')`` → ``a.b[0].c``, the way users write paths."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


def _pos(name: str, mark: Any) -> SourcePos:
    return SourcePos(name, mark.line + 1, mark.column + 1)


def _at(name: str, message: str) -> Diagnostic:
    return Diagnostic(SourcePos(name), "", message)


_FRIENDLY = (
    ("found a tab character", "a tab character; YAML is indented with spaces only"),
    ("mapping values are not allowed", "a ': ' inside a value; put the value in quotes"),
    ("invalid Unicode character escape code", "an escape code (\\u…) that is not a valid character; remove it"),
    ("found undefined alias", "aliases are not allowed; write the value out in full"),
)


def _syntax_error(exc: yaml.MarkedYAMLError, name: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "malformed YAML"
    friendly = next((nice for raw, nice in _FRIENDLY if raw in problem), None)
    if "cannot start any token" in problem and mark is not None and _char_at(text, mark) == "\t":
        friendly = _FRIENDLY[0][1]
    context = f" ({exc.context})" if exc.context and exc.problem and not friendly else ""
    problem = friendly or problem
    pos = _pos(name, mark) if mark is not None else SourcePos(name)
    return Diagnostic(pos, "", f"invalid YAML: {problem}{context}")


def _char_at(text: str, mark: Any) -> str:
    lines = text.splitlines()
    line, column = int(mark.line), int(mark.column)
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _reader_error(exc: yaml.reader.ReaderError, text: str, name: str) -> Diagnostic:
    index = min(exc.position, len(text))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Diagnostic(
        SourcePos(name, line, column),
        "",
        f"the control character U+{ord(char):04X} is not allowed in a YAML file; delete it",
    )
