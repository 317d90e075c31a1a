"""The `coachfolio` command: the entry point coaches use outside of MkDocs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command and return its exit status."""
    parser = build_parser()
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    sys.exit(main())
