"""The `coachfolio` command: the entry point coaches use outside of MkDocs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.resources import files

from coachfolio import __version__


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line; each sub-command adds its own parser."""
    parser = argparse.ArgumentParser(
        prog="coachfolio",
        description=(
            "Coachfolio publishes a coaching portfolio with MkDocs: reflections, "
            "rubrics, standards evidence and APA citations. Build or preview the "
            "site with `mkdocs build` or `mkdocs serve`."
        ),
    )
    parser.add_argument("--version", action="version", version=f"coachfolio {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a data file format, for editors",
        description="Print the JSON Schema of a Coachfolio data file, so an editor can check files while you type.",
    )
    schema.add_argument("format", choices=SCHEMAS, help="which format")
    return parser


SCHEMAS = ("rubric", "framework")


def print_schema(name: str) -> int:
    sys.stdout.write((files("coachfolio") / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command and return its exit status."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "schema":
        return print_schema(arguments.format)
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    sys.exit(main())
