"""Bounded: the largest customer file the schema allows builds within a stated time and memory."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from dpa_gen.sources import MAX_BYTES
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # the largest allowed customer file: about 45 s

SECONDS = 120  # measured: 39 s for nl+en (373 pages) on a 2-core machine; nl alone about half
MEMORY = 1024**3


def largest_customer() -> str:
    """500 sub-processors (the schema's maximum) with long names and texts, just under 1 MiB."""
    data = yaml.safe_load((REPO / "examples" / "emailmarketing-saas.yaml").read_text())
    name = ("Maximaal Lange Subverwerkersnaam " * 10)[:280]
    service = ("Hosting, opslag en verzending van berichten in meerdere datacentra met redundantie. " * 8)[:600]
    data["subprocessors"]["list"] = [
        {
            "name": f"{name} {i}",
            "service": {"nl": service, "en": service},
            "country": "US",
            "city": name[:200],
            "safeguard": "scc",
        }
        for i in range(500)
    ]
    text = yaml.safe_dump(data, allow_unicode=True, width=10000)
    assert MAX_BYTES * 0.8 < len(text.encode()) < MAX_BYTES
    return text


def test_the_largest_allowed_input_builds_within_time_and_memory(tmp_path: Path) -> None:
    customer = tmp_path / "largest.yaml"
    customer.write_text(largest_customer())
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "dpa_gen", "build", str(customer), "-o", str(tmp_path), "-l", "nl", "-q"],
        capture_output=True,
        text=True,
        timeout=SECONDS,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "largest.nl.pdf").stat().st_size > 100_000
    assert elapsed < SECONDS and peak < MEMORY, (elapsed, peak)
