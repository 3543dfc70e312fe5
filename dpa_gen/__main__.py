"""``python -m dpa_gen`` and the ``dpa-gen`` console script.

``dpa-gen --version`` and ``dpa-gen --help`` are answered without importing the CLI
framework: importing typer (and, through it, pydantic) costs ~100 ms, more than the whole
answer should take. The help text is typer's own output, stored in ``help.txt`` and kept
identical to it by a test (tests/test_cli.py); every other command goes through typer.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line interface."""
    args = sys.argv[1:]
    if args == ["--version"]:
        from dpa_gen import __version__

        sys.stdout.write(f"dpa-gen {__version__}\n")
        return
    if args == ["--help"]:
        import os

        with open(os.path.join(os.path.dirname(__file__), "help.txt"), encoding="utf-8") as text:
            sys.stdout.write(text.read())
        return
    from dpa_gen.cli import entry

    entry()


if __name__ == "__main__":
    main()
