"""The list of letters a run wrote, for a mail merge (``notices.csv``) and for programs (``notices.json``).

One row per letter, in the order of the customer files. The CSV is UTF-8 with a byte-order
mark and CRLF line ends, so Excel and Word's mail merge read accented names right; dates are
ISO (``2027-02-15``); a request has no deadline.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from dpa_gen import __version__

COLUMNS = (
    "customer_file",
    "customer",
    "contact_name",
    "contact_email",
    "language",
    "kind",
    "sent",
    "effective",
    "deadline",
    "subject",
    "docx",
    "pdf",
)
CSV_NAME, JSON_NAME = "notices.csv", "notices.json"


def csv_bytes(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The rows as CSV with a header line (the ``COLUMNS``)."""
    buffer = io.StringIO()
    out = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    out.writeheader()
    for row in rows:
        out.writerow({column: row.get(column) or "" for column in COLUMNS})
    return buffer.getvalue().encode("utf-8-sig")


def json_bytes(
    change: Mapping[str, Any],
    sent: str,
    rows: Sequence[Mapping[str, Any]],
    not_affected: Sequence[str],
    source: Mapping[str, Any],
) -> bytes:
    """The run as JSON.

    What made the letters (``source``: the library and its letters), the change, the date
    sent, every letter's row (with what changed), and the customers not affected.
    """
    data = {
        "generator": f"dpa-gen {__version__}",
        **source,
        "change": dict(change),
        "sent": sent,
        "notices": [dict(row) for row in rows],
        "not_affected": list(not_affected),
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
