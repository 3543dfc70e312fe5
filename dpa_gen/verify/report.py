"""The answer of ``verify``, as human text or JSON, and its exit status.

Exit status: 0 identical, 1 different, 2 unknown (the inputs could not be matched; the
reason says which).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from dpa_gen.verify.locate import Difference

Result = Literal["identical", "different", "unknown"]
EXIT = {"identical": 0, "different": 1, "unknown": 2}


@dataclass
class Verdict:
    """What ``verify`` found out about one file."""

    file: Path
    fmt: str | None = None
    pdf_variant: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    embedded: list[tuple[str, str, bytes]] = field(default_factory=list)  # name, relationship, content
    customer: str | None = None  # the customer file compared with: a path, or "name (embedded)"
    result: Result = "unknown"
    reasons: list[str] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # DOCX package parts that differ
    appended: int = 0  # bytes after the generated PDF (incremental updates such as signatures)
    changes: list[str] = field(default_factory=list)  # what those updates changed, or why the text is unreadable

    @property
    def exit_code(self) -> int:
        """0 identical, 1 different, 2 unknown."""
        return EXIT[self.result]

    def unknown(self, *reasons: str) -> Verdict:
        """The file could not be matched with its inputs, for these reasons."""
        self.result, self.reasons = "unknown", list(reasons)
        return self

    def identical(self) -> Verdict:
        """The inputs build exactly this file."""
        self.result = "identical"
        return self

    def different(self) -> Verdict:
        """The inputs build another file; ``differences`` and ``parts`` say where."""
        self.result = "different"
        return self

    def to_json(self) -> str:
        """Everything found, for a program (``--format json``); embedded files by hash and size."""
        data = {
            "file": str(self.file),
            "format": self.fmt,
            "pdf_variant": self.pdf_variant,
            "provenance": self.provenance,
            "embedded": [
                {"name": n, "relationship": r, "sha256": hashlib.sha256(c).hexdigest(), "size": len(c)}
                for n, r, c in self.embedded
            ],
            "customer": self.customer,
            "result": self.result,
            "reasons": self.reasons,
            "differences": [
                {"where": d.where, "clause": d.clause, "lang": d.lang, "expected": d.expected, "found": d.found}
                for d in self.differences
            ],
            "parts": self.parts,
            "appended_bytes": self.appended,
            "changes": self.changes,
        }
        return json.dumps(data, indent=2, ensure_ascii=False)

    def to_text(self) -> str:
        """The file's provenance, then the answer and its reasons, for a person."""
        return "\n".join([*self._facts(), *self._answer()])

    def _facts(self) -> list[str]:
        p = self.provenance
        kind = {"pdf": "PDF", "docx": "DOCX"}.get(self.fmt or "", "file")
        if self.pdf_variant:
            kind = "PDF/A-" + self.pdf_variant.removeprefix("pdf/a-")
        if not p:
            return [f"{self.file}: {kind}, no dpa-gen provenance"]
        lines = [
            f"{self.file}: {kind} built by {p.get('generator', '?')}",
            f"  library    {p.get('library_id')} {p.get('library_version')} (sha256 {p.get('library_sha256')})",
            f"  customer   sha256 {p.get('customer_sha256')}",
            f"  languages  {p.get('languages')}",
            f"  style      {p.get('style')} (sha256 {p.get('style_sha256')})",
            f"  templates  sha256 {p.get('templates_sha256')}",
        ]
        lines += [f"  embedded   {n} ({r}, {len(c):,} bytes)" for n, r, c in self.embedded]
        return lines

    def _answer(self) -> list[str]:
        if self.result == "unknown":
            return ["unknown: " + reason for reason in self.reasons]
        source = f"from {self.customer}" if self.customer else ""
        if self.result == "identical":
            line = f"identical: {self.file.name} is exactly what dpa-gen builds {source} with this library and style"
            if self.appended:
                line += (
                    f"; {self.appended:,} bytes were added after generation (an incremental update such as a "
                    "signature) and change nothing else"
                )
            return [line]
        lines = [f"different: {self.file.name} is not what dpa-gen builds {source} with this library and style"]
        lines += [f"  changed after generation: {c}" for c in self.changes]
        if self.parts:
            lines.append(f"  package parts that differ: {', '.join(self.parts)}")
        for d in self.differences:
            tag = ", ".join(x for x in (d.lang, d.clause) if x)
            lines.append(f"  {d.where}" + (f" [{tag}]" if tag else "") + ":")
            lines.append(f"    expected: {d.expected}")
            lines.append(f"    found:    {d.found}")
        if not self.differences and not self.changes:
            lines.append("  the text is the same: the difference is in the layout, fonts, images or metadata")
        return lines
