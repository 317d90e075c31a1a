"""The `coachfolio` command: the entry point coaches use outside of MkDocs."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date
from importlib.resources import files

from coachfolio import __version__

SCHEMAS = ("rubric", "framework")


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line; each command has its own sub-parser."""
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

    def with_config(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
        command.add_argument("-f", "--config-file", metavar="FILE", help="the project's mkdocs.yml (default: the one in this folder)")
        return command

    new = with_config(commands.add_parser("new", help="start a new reflection or rubric", description="Start a new reflection or rubric."))
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    reflection = kinds.add_parser("reflection", help="a blog post dated today", description="Write content/blog/posts/<date>-<slug>.md.")
    reflection.add_argument("title")
    reflection.add_argument("--date", type=date.fromisoformat, help="another date than today (YYYY-MM-DD)")
    rubric = kinds.add_parser("rubric", help="a rubric skeleton", description="Write content/rubrics/<slug>.yml.")
    rubric.add_argument("slug", help="lowercase letters, digits and hyphens")

    with_config(commands.add_parser("check", help="find every mistake without building", description="Check pages, rubrics, frameworks, citations and embeds; print each problem as file:line:column: message."))

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a data file format, for editors",
        description="Print the JSON Schema of a Coachfolio data file, so an editor can check files while you type.",
    )
    schema.add_argument("format", choices=SCHEMAS, help="which format")

    imports = with_config(commands.add_parser("import", help="bring in posts from WordPress or plain text", description="Bring in posts from a WordPress export or from plain-text files."))
    sources = imports.add_subparsers(dest="source", metavar="SOURCE", required=True)
    wordpress = sources.add_parser("wordpress", help="a WordPress export (WXR) file", description="Convert the posts of a WordPress export into reflections.")
    wordpress.add_argument("export", help="the .xml file from WordPress's Tools → Export")
    wordpress.add_argument("--uploads", metavar="DIR", help="a local copy of wp-content/uploads to copy images from")
    wordpress.add_argument("--pages", action="store_true", help="import pages too (into content/pages/)")
    wordpress.add_argument("--force", action="store_true", help="overwrite posts that were imported before")
    text = sources.add_parser("text", help="plain-text posts", description="Convert plain-text posts (title on the first line) into reflections.")
    text.add_argument("files", nargs="+", metavar="FILE")
    text.add_argument("--date", type=date.fromisoformat, help="the posts' date (YYYY-MM-DD); asked for when not given")
    text.add_argument("--force", action="store_true", help="overwrite posts that exist")
    return parser


def print_schema(name: str) -> int:
    sys.stdout.write((files("coachfolio") / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return 0


def run_new(arguments: argparse.Namespace) -> int:
    from coachfolio.authoring.new import new_reflection, new_rubric
    from coachfolio.authoring.project import load_project

    project = load_project(arguments.config_file)
    if arguments.kind == "reflection":
        written = [new_reflection(project, arguments.title, arguments.date)]
    else:
        written = new_rubric(project, arguments.slug)
    for path in written:
        print(f"wrote {project.name(path)}")
    return 0


def run_check(arguments: argparse.Namespace) -> int:
    from coachfolio.authoring.check import check_project
    from coachfolio.authoring.project import load_project

    started = time.perf_counter()
    report = check_project(load_project(arguments.config_file))
    for line in report.lines():
        print(line)
    found = len(report.lines())
    summary = f"{report.pages} pages and {report.rubrics} rubrics checked in {time.perf_counter() - started:.1f} s: "
    print(summary + (f"{found} {'problem' if found == 1 else 'problems'}" if found else "no problems"), file=sys.stderr)
    return 1 if found else 0


def run_import(arguments: argparse.Namespace) -> int:
    from coachfolio.authoring.project import load_project

    project = load_project(arguments.config_file)
    if arguments.source == "wordpress":
        from coachfolio.authoring.wordpress import import_wordpress

        summary = import_wordpress(project, arguments.export, uploads=arguments.uploads, pages=arguments.pages, force=arguments.force)
    else:
        from coachfolio.authoring.textimport import import_text

        summary = import_text(project, arguments.files, when=arguments.date or _ask_date(), force=arguments.force)
    for line in summary.lines():
        print(line)
    return 0


def _ask_date() -> date:
    if not sys.stdin.isatty():
        raise SystemExit("coachfolio: give the posts' date with --date YYYY-MM-DD")
    while True:
        answer = input("Date of the post(s), YYYY-MM-DD: ").strip()
        try:
            return date.fromisoformat(answer)
        except ValueError:
            print("That is not a date such as 2019-12-16.")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command and return its exit status."""
    from coachfolio.authoring.errors import AuthoringError

    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "schema":
            return print_schema(arguments.format)
        if arguments.command == "new":
            return run_new(arguments)
        if arguments.command == "check":
            return run_check(arguments)
        if arguments.command == "import":
            return run_import(arguments)
    except AuthoringError as error:
        print(f"coachfolio: {error}", file=sys.stderr)
        return 2
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    sys.exit(main())
