"""What a clause text or condition uses: variables, cross-references, filters and tests.

The Jinja AST is walked rather than the text searched, so ``{% for s in subprocessors.list %}
{{ s.name }}`` is understood as the field ``subprocessors.list[].name``, names bound by
``set`` or ``for`` are not mistaken for customer data, and every use keeps its line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes
from jinja2.parser import Parser

from dpa_gen.errors import did_you_mean

Path = tuple[str, ...]
ITEM = "[]"  # a path step into the elements of a list
# Filters whose result has the same elements as their input (so a loop over it binds them).
_SAME_ELEMENTS = frozenset({"sort", "unique", "reverse", "list", "select", "reject", "selectattr", "rejectattr"})
_DYNAMIC = object()


@dataclass(frozen=True, slots=True)
class VarUse:
    """One use of customer data: the full path, the expression as written, and its line."""

    path: Path
    written: str
    line: int

    @property
    def dotted(self) -> str:
        """``subprocessors.list[].name``."""
        return dotted_path(self.path)


@dataclass
class Uses:
    """Everything one text or condition uses, each with its line in the text."""

    variables: list[VarUse] = field(default_factory=list)
    refs: list[tuple[str, int]] = field(default_factory=list)
    dynamic_refs: list[int] = field(default_factory=list)
    filters: list[tuple[str, int]] = field(default_factory=list)
    tests: list[tuple[str, int]] = field(default_factory=list)
    vocabularies: list[tuple[str, int]] = field(default_factory=list)

    def paths(self) -> dict[str, int]:
        """Dotted path → first line it is used on."""
        out: dict[str, int] = {}
        for use in self.variables:
            out.setdefault(use.dotted, use.line)
        return out

    def targets(self) -> dict[str, int]:
        """``ref()`` target → first line it is used on."""
        out: dict[str, int] = {}
        for target, line in self.refs:
            out.setdefault(target, line)
        return out


def dotted_path(path: Path) -> str:
    """``("a", "[]", "b")`` → ``a[].b``."""
    out = ""
    for part in path:
        out += part if part == ITEM else (f".{part}" if out else part)
    return out


def template_uses(env: Environment, source: str) -> Uses:
    """Uses in a clause text; raises ``TemplateSyntaxError`` if it does not parse."""
    walker = _Walker(template=True)
    try:
        walker.visit(env.parse(source), {})
    except RecursionError:
        raise _too_deep() from None
    return walker.uses


def _too_deep() -> TemplateSyntaxError:
    """Brackets or blocks nested so deeply that Python's parser gives up (a library mistake)."""
    return TemplateSyntaxError("nested too deeply (brackets, blocks or filters); simplify it", 1)


def condition_uses(env: Environment, source: str) -> Uses:
    """Uses in a ``when`` expression; raises ``TemplateSyntaxError`` if it does not parse."""
    try:
        parser = Parser(env, source, state="variable")
        expr = parser.parse_expression()
        if not parser.stream.eos:
            parser.fail("unexpected text after the condition", parser.stream.current.lineno)
        walker = _Walker(template=False)
        walker.visit(expr, {})
    except RecursionError:
        raise _too_deep() from None
    return walker.uses


def unknown_field(path: Path, facts: Mapping[str, Any]) -> str | None:
    """Why ``path`` does not exist in ``facts`` (the sample customer's), or None if it does."""
    value: Any = facts
    for index, part in enumerate(path):
        here = dotted_path(path[:index])
        if part == ITEM:
            if isinstance(value, (tuple, list)):
                if not value:
                    return None  # nothing to compare the elements with
                value = value[0]
                continue
            return f"{here!r} is not a list"
        if isinstance(value, Mapping):
            if part in value:
                value = value[part]
                continue
            hint = did_you_mean(part, list(value))
            if index == 0:
                return f"there is no variable {part!r}{hint}"
            return f"{here!r} has no field {part!r}{hint}"
        if value is None:
            return None
        if not part.startswith("_") and hasattr(value, part):
            return None  # a method or attribute of a plain value (str.upper, date.year)
        kind = "a list" if isinstance(value, (tuple, list)) else "a plain value"
        return f"{here!r} is {kind}; it has no field {part!r}"
    return None


Scope = dict[str, "Path | None"]


class _Walker:
    """Collects uses while keeping track of names bound inside the text."""

    def __init__(self, *, template: bool) -> None:
        self.uses = Uses()
        self.template = template

    def visit(self, node: nodes.Node, scope: Scope) -> None:
        """Record what ``node`` uses; ``scope`` holds the names bound around it (and their paths)."""
        for kinds, method in _VISITS:
            if isinstance(node, kinds):
                method(self, node, scope)
                return
        if self._is_ref(node, scope):
            assert isinstance(node, nodes.Call)
            self._ref(node, scope)
        else:
            self._children(node, scope)

    def _assign(self, node: nodes.Assign, scope: Scope) -> None:
        self.visit(node.node, scope)
        self._bind(node.target, scope, self._path(node.node, scope))

    def _assign_block(self, node: nodes.AssignBlock, scope: Scope) -> None:
        for child in node.body:
            self.visit(child, scope)
        self._bind(node.target, scope, None)

    def _with(self, node: nodes.With, scope: Scope) -> None:
        for value in node.values:
            self.visit(value, scope)
        inner = dict(scope)
        for target, value in zip(node.targets, node.values, strict=False):
            self._bind(target, inner, self._path(value, scope))
        for child in node.body:
            self.visit(child, inner)

    def _macro(self, node: nodes.Macro | nodes.CallBlock, scope: Scope) -> None:
        inner = dict(scope)
        for arg in node.args:
            self._bind(arg, inner, None)
        inner["caller"] = None
        for child in node.iter_child_nodes():
            if not (isinstance(child, nodes.Name) and child.ctx == "param"):
                self.visit(child, inner)

    def _filter(self, node: nodes.Filter, scope: Scope) -> None:
        self.uses.filters.append((node.name, node.lineno))
        if node.name == "label" and node.args and isinstance(node.args[0], nodes.Const):
            self.uses.vocabularies.append((str(node.args[0].value), node.lineno))
        self._children(node, scope)

    def _test(self, node: nodes.Test, scope: Scope) -> None:
        self.uses.tests.append((node.name, node.lineno))
        self._children(node, scope)

    def _ref(self, node: nodes.Call, scope: Scope) -> None:
        first = node.args[0] if node.args else None
        if isinstance(first, nodes.Const) and isinstance(first.value, str):
            self.uses.refs.append((first.value, node.lineno))
            rest = [*node.args[1:], *node.kwargs]
        else:
            self.uses.dynamic_refs.append(node.lineno)
            rest = [*node.args, *node.kwargs]
        for child in rest:
            self.visit(child, scope)

    def _children(self, node: nodes.Node, scope: Scope) -> None:
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def _is_ref(self, node: nodes.Node, scope: Scope) -> bool:
        return (
            self.template
            and isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Name)
            and node.node.name == "ref"
            and "ref" not in scope
        )

    def _for(self, node: nodes.For, scope: Scope) -> None:
        self.visit(node.iter, scope)
        inner = dict(scope)
        iterable = node.iter
        while isinstance(iterable, nodes.Filter) and iterable.name in _SAME_ELEMENTS and iterable.node is not None:
            iterable = iterable.node
        base = self._path(iterable, scope)
        self._bind(node.target, inner, (*base, ITEM) if base is not None else None)
        inner["loop"] = None
        if node.test is not None:
            self.visit(node.test, inner)
        for child in node.body:
            self.visit(child, inner)
        for child in node.else_:
            self.visit(child, scope)

    def _bind(self, target: nodes.Node, scope: Scope, path: Path | None) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = path
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, scope, None)

    def _chain(self, node: nodes.Node, scope: Scope, *, visit: bool = True) -> tuple[nodes.Node, list[Any], list[str]]:
        """Split ``a.b[0].c`` into its base node, path steps and written parts.

        A computed index (``a[x]``) becomes a dynamic step; ``visit`` records what it uses.
        """
        steps: list[Any] = []
        written: list[str] = []
        while isinstance(node, (nodes.Getattr, nodes.Getitem)):
            if isinstance(node, nodes.Getattr):
                steps.append(node.attr)
                written.append(f".{node.attr}")
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                steps.append(node.arg.value)
                written.append(f"[{node.arg.value!r}]")
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int):
                steps.append(ITEM)
                written.append(f"[{node.arg.value}]")
            else:
                if visit:
                    self.visit(node.arg, scope)
                steps.append(_DYNAMIC)
                written.append("[…]")
            node = node.node
        steps.reverse()
        written.reverse()
        return node, steps, written

    def _path(self, node: nodes.Node, scope: Scope) -> Path | None:
        """The data path an expression stands for (None when it is computed)."""
        base, steps, _ = self._chain(node, scope, visit=False)
        if not isinstance(base, nodes.Name):
            return None
        root = scope.get(base.name, (base.name,))
        if root is None or _DYNAMIC in steps:
            return None
        return (*root, *steps)

    def _expression(self, node: nodes.Node, scope: Scope) -> None:
        base, steps, written = self._chain(node, scope)
        if not isinstance(base, nodes.Name):
            self.visit(base, scope)
            return
        if base.ctx != "load":
            return
        root = scope.get(base.name, (base.name,))
        if root is None:
            return  # a name bound to something computed: nothing to check
        if _DYNAMIC in steps:
            steps = steps[: steps.index(_DYNAMIC)]
            written = written[: len(steps)]
        self.uses.variables.append(VarUse((*root, *steps), base.name + "".join(written), node.lineno))


# What ``_Walker.visit`` does per kind of node (the first that matches); any other node: its children.
_VISITS: tuple[tuple[type | tuple[type, ...], Callable[[_Walker, Any, Scope], None]], ...] = (
    ((nodes.Name, nodes.Getattr, nodes.Getitem), _Walker._expression),
    (nodes.For, _Walker._for),
    (nodes.Assign, _Walker._assign),
    (nodes.AssignBlock, _Walker._assign_block),
    (nodes.With, _Walker._with),
    ((nodes.Macro, nodes.CallBlock), _Walker._macro),
    (nodes.Filter, _Walker._filter),
    (nodes.Test, _Walker._test),
)
