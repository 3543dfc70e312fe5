"""Deterministic batch of customer files for the benchmark, varied from ``examples/*.yaml``.

Every file is one of the shipped examples with other party names, KvK numbers, dates, a
subset of its sub-processors and an output language. Languages are mixed like real use:
60 % ``nl+en``, 25 % ``nl``, 15 % ``en`` (exact counts, shuffled with the seed). The same
seed and count always give byte-identical files, so two benchmark runs build the same work.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

LANGUAGE_MIX = (("nl+en", 0.60), ("nl", 0.25), ("en", 0.15))

_TRADES = (
    "Bakkerij",
    "Tandartspraktijk",
    "Installatiebedrijf",
    "Stichting",
    "Webwinkel",
    "Adviesbureau",
    "Huisartsenpraktijk",
    "Transportbedrijf",
    "Kinderopvang",
    "Makelaardij",
    "Fysiotherapie",
    "Drukkerij",
)
_NAMES = (
    "De Vries",
    "Jansen",
    "Van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "De Boer",
    "Mulder",
    "De Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Van Leeuwen",
    "Dekker",
    "Brouwer",
    "De Wit",
)
_FORMS = (" B.V.", "", " V.O.F.", " B.V.")


# The mix is exact in every block of 20 files, and the examples repeat every 6 files, so any
# prefix of 60 files (lcm of 20 and 6) has the same make-up as the whole batch. ``--seq-batch``
# relies on that: the sequential run builds such a prefix.
BLOCK = 20


def languages(count: int, rng: random.Random) -> list[str]:
    """The language of each file: the mix exact per block of ``BLOCK`` files, shuffled inside the block."""
    block = [lang for lang, share in LANGUAGE_MIX for _ in range(round(share * BLOCK))]
    assert len(block) == BLOCK
    out: list[str] = []
    while len(out) < count:
        chunk = block[:]
        rng.shuffle(chunk)
        out.extend(chunk)
    return out[:count]


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans only: ``NO`` (Norway) stays a country code, not ``False``."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _shift_dates(node: Any, days: int) -> Any:
    """Every date in the file moved by the same number of days, so their order is kept."""
    if isinstance(node, dt.date):
        return node + dt.timedelta(days=days)
    if isinstance(node, dict):
        return {key: _shift_dates(value, days) for key, value in node.items()}
    if isinstance(node, list):
        return [_shift_dates(value, days) for value in node]
    return node


def vary(base: dict[str, Any], index: int, language: str, rng: random.Random) -> dict[str, Any]:
    """One customer: ``base`` with another controller, registration numbers, dates, sub-processors, language."""
    data = _shift_dates(base, rng.randint(-120, 240))  # also a deep copy
    controller = data["controller"]
    controller["name"] = f"{rng.choice(_TRADES)} {rng.choice(_NAMES)}{rng.choice(_FORMS)} ({index:03d})"
    for party in (controller, data["processor"]):
        if "kvk" in party:
            party["kvk"] = f"{rng.randrange(10**8):08d}"
    contract = data["contract"]
    contract["language"] = language
    if language != "nl+en":
        contract["prevailing_language"] = language
    engaged = data.get("subprocessors", {}).get("list")
    if engaged:
        # Keep between half and all of them, in their original order.
        keep = sorted(rng.sample(range(len(engaged)), rng.randint((len(engaged) + 1) // 2, len(engaged))))
        data["subprocessors"]["list"] = [engaged[i] for i in keep]
    return data


# The six examples the corpus has always been made from: results stay comparable between runs
# (the later examples, a sub-processing agreement and a web-page list, change the mix), and the
# block arithmetic above assumes six.
BASES = ("belgian-processor", "edtech-school", "emailmarketing-saas", "minimal", "payroll-hr", "strict-municipality")


def bases() -> list[tuple[str, dict[str, Any]]]:
    """The six base examples, by name, as plain data."""
    found = []
    for path in (EXAMPLES / f"{stem}.yaml" for stem in BASES):
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
        found.append((path.stem, data))
    if not found:
        raise SystemExit(f"no examples in {EXAMPLES}")
    return found


def generate(folder: Path, count: int, seed: int = 20261122) -> list[tuple[Path, str, str]]:
    """Write ``count`` customer files into ``folder``; returns (path, base example, language) per file."""
    rng = random.Random(seed)
    examples = bases()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, language in enumerate(languages(count, rng)):
        stem, base = examples[index % len(examples)]
        data = vary(base, index, language, rng)
        path = folder / f"c{index:03d}-{stem}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        written.append((path, stem, language))
    return written


def validate(files: list[tuple[Path, str, str]]) -> list[str]:
    """Load and compose every file in process (no rendering); returns the problems found."""
    from dpa_gen.engine import compose, load_customer
    from dpa_gen.errors import UserError
    from dpa_gen.library import load_library
    from dpa_gen.models.base import LanguageMode
    from dpa_gen.paths import clauses_dir

    library = load_library(clauses_dir())
    problems = []
    for path, _stem, language in files:
        try:
            loaded = load_customer(path, library, LanguageMode(language))
            compose(loaded.customer, library, LanguageMode(language))
        except UserError as exc:
            problems.append(f"{path.name}: " + "; ".join(d.render() for d in exc.diagnostics))
    return problems
