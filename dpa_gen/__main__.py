"""``python -m dpa_gen`` and the ``dpa-gen`` console script."""

from __future__ import annotations


def main() -> None:
    """Run the command line interface."""
    from dpa_gen.cli import entry

    entry()


if __name__ == "__main__":
    main()
