"""Safe YAML reading: no retyping, no duplicates, no aliases or tags, limits before parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpa_gen.errors import UserError
from dpa_gen.sources import parse_yaml, read_yaml


def messages(text: str) -> list[str]:
    with pytest.raises(UserError) as info:
        parse_yaml(text, "c.yaml")
    return [str(d) for d in info.value.diagnostics]


def test_scalars_stay_strings_so_yaml_cannot_retype_customer_data() -> None:
    data = parse_yaml("kvk: 01234567\ncountry: NO\ntime: 12:30\nversion: 1.10\nphone: +31612345678\n", "c.yaml").data
    assert data == {"kvk": "01234567", "country": "NO", "time": "12:30", "version": "1.10", "phone": "+31612345678"}


def test_plain_empty_values_are_null_but_quoted_empty_strings_are_not() -> None:
    assert parse_yaml('a:\nb: ~\nc: ""\n', "c.yaml").data == {"a": None, "b": None, "c": ""}


def test_duplicate_key_is_reported_on_its_own_line_with_the_first_one() -> None:
    assert messages("name: A\ncity: X\nname: B\n") == [
        "c.yaml:3:1: error: name: duplicate key 'name' (first given on line 1); keep one"
    ]


def test_anchors_aliases_and_tags_are_refused_with_positions() -> None:
    assert messages("a: &x [1]\nb: *x\nc: !!python/object:os.system x\n") == [
        "c.yaml:1:4: error: anchors (&x) are not allowed; write the value out in full",
        "c.yaml:2:4: error: aliases (*x) are not allowed; write the value out in full",
        "c.yaml:3:4: error: tags (!!python/object:os.system) are not allowed; quote the value instead",
    ]


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("[" * 1_000_000, "1:33"),  # beyond libyaml's own limit of 1000 levels too
        ("{a: " * 5000, "1:129"),
        ("a: " + "[" * 40, "1:35"),  # the mapping is the first level
        ("".join(" " * i + "- \n" for i in range(0, 3000, 2)), "33:65"),
    ],
)
def test_deep_nesting_is_refused_at_the_level_that_breaks_the_limit(text: str, position: str) -> None:
    assert messages(text) == [f"c.yaml:{position}: error: the data is nested more than 32 levels deep"]


def test_tab_indentation_gets_a_plain_explanation() -> None:
    assert messages("a:\n\tb: 1\n") == [
        "c.yaml:2:1: error: invalid YAML: a tab character; YAML is indented with spaces only"
    ]


def test_invalid_utf8_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"name: ok\ncity: Utr\xffecht\n")
    with pytest.raises(UserError) as info:
        read_yaml(path, display="c.yaml")
    assert str(info.value) == "c.yaml:2:10: error: the file is not valid UTF-8 (byte 0xff); save it as UTF-8"


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    with pytest.raises(UserError) as info:
        read_yaml(path, display="big.yaml", max_bytes=1000)
    assert str(info.value) == "big.yaml: error: the file is 2,004 bytes; the limit is 1,000 bytes"


def test_positions_of_keys_and_values() -> None:
    sourced = parse_yaml("controller:\n  name: Acme\n  list:\n    - x\n", "c.yaml")
    assert str(sourced.where(("controller", "name"))) == "c.yaml:2:9"
    assert str(sourced.where(("controller", "name"), key=True)) == "c.yaml:2:3"
    assert str(sourced.where(("controller", "list", 0))) == "c.yaml:4:7"
    assert str(sourced.where(("controller", "missing"))) == "c.yaml:2:3"  # nearest known ancestor
    assert str(sourced.where(("controller",), key=True)) == "c.yaml:1:1"


def test_block_scalar_lines_map_to_file_lines() -> None:
    sourced = parse_yaml("text:\n  nl: |\n    one\n    two\n", "c.yaml")
    assert str(sourced.text_line(("text", "nl"), 2)) == "c.yaml:4:1"
