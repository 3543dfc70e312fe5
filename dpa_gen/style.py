"""The house style: a folder a legal team owns that overrides the bundled style file by file.

A style folder may hold ``reference.docx`` (the DOCX's Word styles, settings and page),
``contract.css`` (the PDF's look), ``logo.png`` or ``logo.svg`` (page one's header, both
formats) and ``fonts/`` (font files its ``contract.css`` uses). What it lacks comes from the
bundled style in ``templates/_base``. Precedence: ``--style DIR``, else ``style:`` in the
library's ``library.yaml``, else the bundled style.

Everything is checked here, before anything is rendered: a style that reads a file outside
its folder (``url(file:///…)``, ``../``, a symbolic link leading out) or a logo or reference
document that cannot be used fails the build, with the file and line to change.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dpa_gen.errors import Diagnostic, SourcePos, UserError
from dpa_gen.library import Library
from dpa_gen.paths import assets_dir
from dpa_gen.writers.logo import Logo, LogoError, read_logo
from dpa_gen.writers.page import PageGeometry, PageSetupError, read_page_geometry

REFERENCE = "reference.docx"
STYLESHEET = "contract.css"
LOGOS = ("logo.svg", "logo.png")  # the SVG wins for the PDF; see README "House style"
FONTS = "fonts"


@dataclass(frozen=True)
class Style:
    """The style files a build uses: each from the style folder where it has one, else bundled."""

    folder: Path | None  # the resolved style folder; None for the bundled style alone
    reference: Path
    stylesheet: Path
    logo: Logo | None
    logo_png: Path | None  # logo.png beside logo.svg: the DOCX's picture for Word without SVG
    page: PageGeometry
    files: tuple[tuple[str, str], ...]  # the folder's files the output depends on: (path, sha256)

    @property
    def digest(self) -> str:
        """One hash over the folder's files (empty for the bundled style, which the templates hash covers)."""
        digest = hashlib.sha256()
        for name, sha in self.files:
            digest.update(f"{name}\0{sha}\0".encode())
        return digest.hexdigest()

    @property
    def roots(self) -> tuple[Path, ...]:
        """The folders the PDF renderer may read: the style folder, then the bundled assets."""
        return (self.folder, assets_dir().resolve()) if self.folder else (assets_dir().resolve(),)

    def manifest(self) -> dict[str, object]:
        """The style's entry in the manifest: the folder's name and the hash of each file."""
        return {"folder": self.folder.name if self.folder else None, "files": dict(self.files), "sha256": self.digest}


def bundled_style() -> Style:
    """The style in ``templates/_base``."""
    return _load(None, ())


def style_for(option: Path | None, library: Library) -> Style:
    """The style of a build: ``--style``, else the library's ``style:``, else the bundled one."""
    if option is not None:
        return load_style(option)
    if library.meta.style is not None:
        origin = library.sources["library.yaml"].where(("style",))
        return load_style(library.root / library.meta.style, origin=origin)
    return bundled_style()


def load_style(folder: Path, *, origin: SourcePos | None = None) -> Style:
    """Check and load a style folder; ``origin`` is where it was named (``library.yaml``)."""
    if not folder.is_dir():
        where = origin or SourcePos(str(folder))
        raise UserError([Diagnostic(where, "style", f"the style folder {str(folder)!r} does not exist")])
    root = folder.resolve()
    return _load(root, _signature(root))


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of the folder's files: a changed file is loaded again."""
    out = []
    for path in sorted(root.rglob("*")):
        try:
            stat = path.stat()
        except OSError:  # a dangling link: reported by _load if the style uses it
            continue
        out.append((str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


@cache
def _load(root: Path | None, signature: tuple[tuple[str, int, int], ...]) -> Style:
    del signature  # part of the cache key only
    bundled = assets_dir()
    if root is None:
        reference = bundled / REFERENCE
        return Style(None, reference, bundled / STYLESHEET, None, None, read_page_geometry(reference), ())
    checker = _Checker(root)
    reference = checker.own(REFERENCE) or bundled / REFERENCE
    stylesheet = checker.own(STYLESHEET) or bundled / STYLESHEET
    page = checker.page(reference)
    if reference.parent == root:
        checker.opens_in_word(reference)
    logo = checker.logo()
    logo_png = checker.png_beside(logo)
    if stylesheet.parent == root:
        checker.stylesheet(stylesheet)
    checker.fonts()
    checker.raise_problems()
    assert page is not None
    return Style(root, reference, stylesheet, logo, logo_png, page, checker.hashes())


class _Checker:
    """Collects every problem of one style folder, and the files the output depends on."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Diagnostic] = []
        self.used: set[Path] = set()

    def problem(self, path: Path, message: str, line: int = 0, column: int = 0) -> None:
        column = column or (1 if line else 0)  # a known line without a column: its start
        self.problems.append(Diagnostic(SourcePos(_display(path), line, column), "", message))

    def own(self, name: str) -> Path | None:
        """The folder's file ``name`` when it has one that stays inside the folder."""
        path = self.root / name
        if not os.path.lexists(path):
            return None
        return path if self.inside(path) else None

    def inside(self, path: Path) -> bool:
        """Whether ``path`` is a regular file inside the folder once links are followed; report if not."""
        target = path.resolve()
        if not target.is_relative_to(self.root):
            self.problem(
                path,
                f"is a symbolic link to {str(target)!r}, outside the style folder; "
                "copy the file into the folder instead of linking to it",
            )
            return False
        if not target.is_file():
            self.problem(path, "is not a file (or a link to nothing)")
            return False
        self.used.add(target)
        return True

    def page(self, reference: Path) -> PageGeometry | None:
        try:
            return read_page_geometry(reference)
        except PageSetupError as exc:
            self.problem(reference, f"{exc}; save it again from Word, or remove it to use the bundled one")
            return None

    def opens_in_word(self, reference: Path) -> None:
        import docx

        try:
            docx.Document(str(reference))
        except Exception as exc:  # python-docx raises several kinds for a broken package
            self.problem(reference, f"cannot be opened as a Word document ({type(exc).__name__}: {exc})")

    def logo(self) -> Logo | None:
        for other in sorted(self.root.glob("logo.*")):
            if other.name not in LOGOS:
                self.problem(other, "a logo must be logo.png or logo.svg; convert it to PNG (or SVG)")
        for name in LOGOS:
            path = self.own(name)
            if path is None:
                continue
            try:
                return read_logo(path)
            except LogoError as exc:
                self.problem(path, str(exc), exc.line)
                return None
        return None

    def png_beside(self, logo: Logo | None) -> Path | None:
        """``logo.png`` next to ``logo.svg``: the DOCX shows it where Word cannot show SVG."""
        path = self.own("logo.png") if logo is not None and logo.kind == "svg" else None
        if path is not None:
            try:
                read_logo(path)
            except LogoError as exc:
                self.problem(path, str(exc), exc.line)
        return path

    def stylesheet(self, path: Path, seen: frozenset[Path] = frozenset()) -> None:
        """Check every ``url()`` and ``@import`` of a style sheet (and of the sheets it imports)."""
        from dpa_gen.writers.css_urls import css_references

        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.problem(path, f"cannot be read as UTF-8 text ({exc})")
            return
        end = text.lower().find("</style")
        if end >= 0:  # it is put inside the page's <style> element: this would end it
            line = text.count("\n", 0, end) + 1
            self.problem(path, "contains '</style'; a stylesheet must not close the page's style element", line)
        for ref in css_references(text):
            target = self.css_target(path, ref.url, ref.line, ref.column)
            if target is not None and ref.is_import and target.parent != assets_dir() and target not in seen:
                self.stylesheet(target, seen | {path})

    def css_target(self, sheet: Path, url: str, line: int, column: int) -> Path | None:
        """The file a stylesheet URL names: in the folder, else the bundled file of that name."""
        if url.startswith("#") or not url:
            return None
        parts = urlsplit(url)
        fix = "write a path relative to the stylesheet, to a file inside the style folder, such as url(fonts/Font.ttf)"
        if parts.scheme or parts.netloc or url.startswith("/"):
            self.problem(sheet, f"url({url!r}): a style may only use files inside its own folder; {fix}", line, column)
            return None
        path = Path(os.path.normpath(sheet.parent / unquote(parts.path)))
        if not path.is_relative_to(self.root):
            self.problem(sheet, f"url({url!r}) points outside the style folder; {fix}", line, column)
            return None
        if os.path.lexists(path):
            return path if self.inside(path) else None
        fallback = assets_dir() / path.relative_to(self.root)
        if fallback.is_file():
            return fallback
        self.problem(sheet, f"url({url!r}): no such file in the style folder or in the bundled style", line, column)
        return None

    def fonts(self) -> None:
        folder = self.root / FONTS
        if os.path.lexists(folder) and self.inside_folder(folder):
            for path in sorted(folder.rglob("*")):
                if not path.is_dir():
                    self.inside(path)

    def inside_folder(self, path: Path) -> bool:
        if not path.resolve().is_relative_to(self.root):
            self.problem(path, "is a symbolic link to a folder outside the style folder; copy the files instead")
            return False
        return path.is_dir()

    def raise_problems(self) -> None:
        if self.problems:
            raise UserError(self.problems)

    def hashes(self) -> tuple[tuple[str, str], ...]:
        return tuple(
            sorted((str(p.relative_to(self.root)), hashlib.sha256(p.read_bytes()).hexdigest()) for p in self.used)
        )


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def init_style(folder: Path, *, force: bool = False) -> list[Path]:
    """Write the bundled style into ``folder`` as a team's starting point; returns the paths written.

    Existing files are kept (a ``UserError`` names them) unless ``force``.
    """
    from dpa_gen.output import write_files

    bundled = assets_dir()
    files = {
        folder / REFERENCE: (bundled / REFERENCE).read_bytes(),
        folder / STYLESHEET: (bundled / STYLESHEET).read_bytes(),
        folder / "README.md": (bundled / "style-readme.md").read_bytes(),
    }
    existing = [path for path in files if os.path.lexists(path)]
    if existing and not force:
        raise UserError(
            [Diagnostic(SourcePos(_display(p)), "", "already exists; use --force to overwrite it") for p in existing]
        )
    return write_files(files)
