"""Read YAML safely and remember where every key and value came from.

Why so strict: PyYAML's usual loaders retype data (``NO`` becomes ``False``, ``01234``
becomes 668, ``12:30`` becomes 750), keep the last of two duplicate keys, follow alias
bombs and crash on deep nesting. Here every scalar stays a string (pydantic does the
typing), duplicates, anchors, aliases and tags are errors, and size and depth are checked
before the document is built.
"""

from __future__ import annotations

import dataclasses
import errno
import glob
import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dpa_gen.errors import Diagnostic, SourcePos, UserError, display_path, hidden, shown

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
    name = display if display is not None else display_path(path)
    try:
        raw = read_regular_file(path, max_bytes)
    except TooLarge as exc:
        raise UserError([_at(name, str(exc))]) from None
    except NotRegularFile as exc:
        raise UserError([_at(name, f"{exc}; give a YAML file")]) from None
    except OSError as exc:
        raise UserError([_at(name, f"cannot read the file: {exc.strerror or exc}")]) from None
    sourced = parse_yaml(_decode(raw, name), name, max_depth=max_depth)
    return dataclasses.replace(sourced, sha256=hashlib.sha256(raw).hexdigest())


class NotRegularFile(OSError):
    """A path that names a folder, pipe, device or socket where a file was expected."""


class TooLarge(OSError):
    """A file over the size limit."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else raises an ``OSError``.

    Why so careful: ``/dev/zero`` never ends and a named pipe blocks forever. The file is
    opened without blocking, checked with ``fstat`` (the object opened, not the name), and
    the limit is applied while reading, so a file that grows meanwhile cannot get past it.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"this is {file_kind(mode)}, not a file")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > max_bytes:
        total = os.stat(path).st_size
        raise TooLarge(f"the file is {max(total, size):,} bytes; the limit is {max_bytes:,} bytes")
    return b"".join(chunks)


def regular_file_sha256(path: Path) -> str:
    """The SHA-256 of a regular file, read in blocks; anything else raises an ``OSError``."""
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"this is {file_kind(mode)}, not a file")
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest()


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Files as given, ``*.yaml`` inside folders, and matches of glob patterns; unknown paths are errors.

    A file reached twice (given twice, through a glob and a folder, or through a symbolic
    link) is kept once, under the first name it was reached by.
    """
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        text = display_path(path)
        if _is_loop(path):
            problems.append(Diagnostic(SourcePos(text), "", "a symbolic link that points back to itself (a loop)"))
        elif path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not inside:
                problems.append(Diagnostic(SourcePos(text), "", "the folder holds no *.yaml or *.yml file"))
            found.extend(inside)
        elif path.exists():
            found.append(path)
        elif path.is_symlink():
            problems.append(Diagnostic(SourcePos(text), "", "a symbolic link to a file that does not exist"))
        elif glob.has_magic(str(path)):
            matches = sorted(Path(m) for m in glob.glob(str(path), recursive=True) if Path(m).is_file())
            if not matches:
                problems.append(Diagnostic(SourcePos(text), "", "the pattern matches no files"))
            found.extend(matches)
        else:
            problems.append(Diagnostic(SourcePos(text), "", "no such file or folder"))
    return _once_each(found), problems


def _is_loop(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _once_each(paths: list[Path]) -> list[Path]:
    """``paths`` without a second name for a file already listed (same device and inode)."""
    seen: set[tuple[int, int]] = set()
    out: list[Path] = []
    for path in paths:
        try:
            info = os.stat(path)
            identity = (info.st_dev, info.st_ino)
        except OSError:
            out.append(path)  # reading it will say what is wrong
            continue
        if identity not in seen:
            seen.add(identity)
            out.append(path)
    return out


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
                Diagnostic(
                    pos, "", f"aliases (*{hidden(str(event.anchor))}) are not allowed; write the value out in full"
                )
            )
        elif isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                problems.append(
                    Diagnostic(
                        pos, "", f"anchors (&{hidden(event.anchor)}) are not allowed; write the value out in full"
                    )
                )
            tag = getattr(event, "tag", None)
            if tag is not None and not _is_plain_tag(event):
                problems.append(
                    Diagnostic(pos, "", f"tags ({hidden(_short_tag(tag))}) are not allowed; quote the value instead")
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
                        _dotted(loc) + ("." if loc else "") + hidden(key),
                        f"duplicate key {shown(key)} (first given on line {first.line}); keep one",
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
