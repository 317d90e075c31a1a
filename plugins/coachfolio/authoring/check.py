"""`coachfolio check`: every rule the plugins apply, without building the site.

The rules are the core's, the same functions the plugins call during a build,
so a page that passes here passes `mkdocs build --strict` as far as Coachfolio
is concerned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from coachfolio.authoring.project import Project
from coachfolio.core import checks
from coachfolio.core.citations.bibliography import Bibliography, load_bibliography
from coachfolio.core.citations.syntax import find_citations
from coachfolio.core.directives import find_directives
from coachfolio.core.frameworks import (
    Framework,
    Frameworks,
    load_configured_frameworks,
    load_framework,
)
from coachfolio.core.frontmatter import body_start_line, split_front_matter
from coachfolio.core.links import (
    folder_in_docs,
    framework_texts,
    link_problems,
    rubric_texts,
)
from coachfolio.core.markup import SafeMarkdown
from coachfolio.core.problems import DataFileError, Problem
from coachfolio.core.rubrics import Rubric, load_rubric
from coachfolio.core.series import Series, load_series
from coachfolio.core.site_files import RubricFiles, SeriesFiles, StandardsFiles
from coachfolio.core.yamlfile import YamlDocument, parse_yaml


@dataclass
class Report:
    """What `check` found: located problems, and problems of the configuration."""

    problems: list[Problem] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    pages: int = 0
    rubrics: int = 0

    def lines(self) -> list[str]:
        return self.settings + [str(p) for p in sorted(set(self.problems))]


@dataclass
class _Context:
    project: Project
    report: Report
    slugs: set[str] = field(default_factory=set)
    rubrics: dict[str, tuple[Rubric, Path]] = field(default_factory=dict)  # the valid ones, with their files
    frameworks: Frameworks | None = None
    framework_paths: dict[str, Path] = field(default_factory=dict)  # by the name a framework is configured by
    bibliography: Bibliography | None = None
    series: dict[str, Series] | None = None
    series_file: str = ""
    series_path: Path | None = None
    authors: dict[str, Any] | None = None  # None when the blog does not check its posts' authors


def check_project(project: Project) -> Report:
    """Check every data file and page of `project`."""
    context = _Context(project, Report())
    _check_rubrics(context)
    _check_frameworks(context)
    _check_bibliography(context)
    _check_series(context)
    _check_data_links(context)
    try:
        if (project.plugin("blog", "material/blog") or {}).get("authors", True) is not False:
            context.authors = project.authors()
    except DataFileError as error:
        context.report.problems.extend(error.problems)
    for path in sorted(project.docs_dir.rglob("*.md")):
        relative = path.relative_to(project.docs_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue  # MkDocs leaves dot-files out of a site
        context.report.pages += 1
        _check_page(context, path)
    return context.report


def _check_rubrics(context: _Context) -> None:
    project = context.project
    if project.plugin("coachfolio/rubrics") is None or not project.rubrics_dir.is_dir():
        return
    for path in sorted([*project.rubrics_dir.glob("*.yml"), *project.rubrics_dir.glob("*.yaml")]):
        context.report.rubrics += 1
        try:
            context.rubrics[path.stem] = (load_rubric(path, project.name(path)), path)
            context.slugs.add(path.stem)
        except DataFileError as error:
            context.report.problems.extend(error.problems)
            context.slugs.add(path.stem)  # an embed of it is not a second mistake


def _check_frameworks(context: _Context) -> None:
    options = context.project.plugin("coachfolio/standards")
    if options is None:
        return
    entries = list(options.get("frameworks", ["iste-coaches-2019"]))

    def load(path: Path, name: str) -> Framework:
        context.framework_paths[name] = path
        return load_framework(path, name)

    context.frameworks, problems = load_configured_frameworks(entries, options.get("default"), context.project.root, load=load)
    context.report.settings.extend(problems)


def _check_bibliography(context: _Context) -> None:
    options = context.project.plugin("coachfolio/citations")
    if options is None:
        return
    names = options.get("bibliography", [])
    names = [names] if isinstance(names, str) else list(names)
    try:
        context.bibliography = load_bibliography([(context.project.root / name, name) for name in names])
    except DataFileError as error:
        context.report.problems.extend(error.problems)


def _check_series(context: _Context) -> None:
    options = context.project.plugin("coachfolio/portfolio")
    if options is None:
        return
    path = context.series_path = context.project.docs_dir / str(options.get("series_file", "blog/.series.yml"))
    context.series_file = context.project.name(path)
    try:
        context.series = load_series(path, context.series_file) if path.is_file() else {}
    except DataFileError as error:
        context.report.problems.extend(error.problems)
        context.series = {}


def _check_data_links(context: _Context) -> None:
    """Links in rubric, framework and series texts, each to a file of the site as the build will have it."""
    project = context.project
    docs = project.docs_dir
    generated = _generated_files(context)
    # Rubric files are published as their pages, CSV and JSON, not as themselves.
    rubric_files = {path.relative_to(docs).as_posix() for _, path in context.rubrics.values()}

    def exists(target: str) -> bool:
        if target in generated:
            return True
        hidden = any(part.startswith(".") for part in target.split("/"))  # MkDocs leaves dot-files out
        return target not in rubric_files and not hidden and in_docs(target) and not _left_out_draft(project, docs / target)

    def in_docs(target: str) -> bool:
        return (docs / target).is_file()

    markdown = SafeMarkdown()

    def check(texts: Iterable[str], folder: str, name: str, path: Path) -> None:
        rendered = (markdown.block(text) for text in texts if text)
        problems = link_problems(rendered, folder, exists, name, lambda: path.read_text(encoding="utf-8"), in_docs)
        context.report.problems.extend(problems)

    for rubric, path in context.rubrics.values():
        check(rubric_texts(rubric), project.rubrics_folder, rubric.source, path)
    for framework in context.frameworks or []:
        path = context.framework_paths[framework.source]
        check(framework_texts(framework), folder_in_docs(str(path), str(docs)), framework.source, path)
    if context.series and context.series_path is not None:
        folder = folder_in_docs(str(context.series_path), str(docs))
        check((series.description for series in context.series.values()), folder, context.series_file, context.series_path)


def _option(project: Project, plugin: str, key: str, default: str) -> str:
    return str((project.plugin(plugin) or {}).get(key, default)).strip("/")


def _generated_files(context: _Context) -> set[str]:
    """The files Coachfolio's plugins add to the site, which a data file may link to (named as the plugins name them)."""
    project, files = context.project, set()
    if project.plugin("coachfolio/rubrics") is not None:
        rubrics = RubricFiles(project.rubrics_folder)
        files |= rubrics.all((slug, rubric.has_look_fors) for slug, (rubric, _) in context.rubrics.items())
    if context.frameworks is not None:
        standards = StandardsFiles(_option(project, "coachfolio/standards", "standards_dir", "standards"))
        files |= standards.all(framework.id for framework in context.frameworks)
    if project.plugin("coachfolio/citations") is not None:
        files.add(_option(project, "coachfolio/citations", "references_page", "references.md"))
    if context.series:
        files |= SeriesFiles(_option(project, "coachfolio/portfolio", "series_dir", "series")).all(context.series)
    return files


def _check_page(context: _Context, path: Path) -> None:
    project, report = context.project, context.report
    name = project.name(path)
    try:
        source = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        report.problems.append(Problem(name, 1, 1, f"the file is not UTF-8 text ({error.reason})"))
        return
    front, body = split_front_matter(source)
    first_line = body_start_line(source)
    meta: dict[str, Any] = {}
    document = None
    if front is not None:
        try:
            document = parse_yaml("\n" + front, name)
        except DataFileError as error:
            report.problems.extend(error.problems)
            return
        meta = document.data if isinstance(document.data, dict) else {}
    if _is_post(project, path):
        report.problems.extend(_post_problems(meta, document, name, context.authors, project.name(project.authors_file)))
    if context.frameworks is not None:
        report.problems.extend(checks.standards_in_front_matter(meta, lambda: source, name, context.frameworks)[1] if "standards" in meta else [])
        report.problems.extend(checks.standard_mentions(body, first_line, name, context.frameworks)[1])
    if context.bibliography is not None:
        clusters = find_citations(body)
        report.problems.extend(checks.citation_keys(clusters, first_line, name, context.bibliography.items))
        report.problems.extend(checks.citation_locators(clusters, first_line, name))
    if context.series is not None:
        report.problems.extend(checks.series_membership(meta, lambda: source, name, context.series, context.series_file)[1])
    report.problems.extend(checks.directives(body, first_line, name, project.coachfolio_plugins))
    directives = find_directives(body, ["rubric", "figure"])
    if project.plugin("coachfolio/rubrics") is not None:
        report.problems.extend(checks.rubric_embeds(directives, first_line, name, context.slugs, project.name(project.rubrics_dir)))
    if project.plugin("coachfolio/portfolio") is not None:

        def image_exists(src: str) -> bool:
            # As the plugin resolves it: from the page's folder, or from docs_dir with a leading slash.
            return (project.docs_dir / src.lstrip("/") if src.startswith("/") else path.parent / src).is_file()

        for directive in (d for d in directives if d.name == "figure"):
            report.problems.extend(checks.figure(directive, first_line, name, image_exists)[1])


def _left_out_draft(project: Project, path: Path) -> bool:
    """True for a post Material's blog leaves out of a build: a draft, or (if so configured) a post dated in the future."""
    options = project.plugin("blog", "material/blog")
    if options is None or options.get("draft") is True or not _is_post(project, path):
        return False
    try:
        front, _ = split_front_matter(path.read_text(encoding="utf-8-sig"))
        meta = parse_yaml("\n" + front, project.name(path)).data if front is not None else None
    except (UnicodeDecodeError, DataFileError):
        return False  # the page's own check reports what is wrong with it
    meta = meta if isinstance(meta, dict) else {}
    draft = meta.get("draft")
    if isinstance(draft, bool):
        return draft
    if options.get("draft_if_future_date") is True:
        created = _created(meta.get("date"))
        return created is not None and created > datetime.now(timezone.utc)
    return False


def _created(value: object) -> datetime | None:
    """A post's creation date as Material's blog reads `date` (a date, or `created:` under it), in UTC."""
    created = _date_created(value)
    if isinstance(created, str) and _DATE.match(created):
        try:
            created = datetime.fromisoformat(created)
        except ValueError:
            return None
    if isinstance(created, datetime):
        return created if created.tzinfo else created.replace(tzinfo=timezone.utc)
    if isinstance(created, date):
        return datetime.combine(created, datetime.min.time(), timezone.utc)
    return None


def _is_post(project: Project, path: Path) -> bool:
    if project.plugin("blog", "material/blog") is None:
        return False
    try:
        path.relative_to(project.posts_dir)
        return True
    except ValueError:
        return False


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _date_created(value: object) -> object:
    """What a post's `date` says it was created: the date itself, or `created:` under it."""
    return value.get("created") if isinstance(value, dict) else value


def _post_problems(meta: dict[str, Any], document: YamlDocument | None, name: str, authors: dict[str, Any] | None, authors_file: str) -> list[Problem]:
    """What Material's blog would refuse in a post's front matter: a missing or invalid date, unknown authors."""
    document = document or YamlDocument(name, meta)
    problems = []
    value = meta.get("date")
    created = _date_created(value)
    if value is None:
        problems.append(Problem(name, 1, 1, "a post needs 'date' in its front matter (date: 2026-01-15, or created: under date)"))
    elif not isinstance(created, (str, date)) or not _DATE.match(str(created)):
        problems.append(document.problem(("date",), f"'date' must be a date such as 2026-01-15, not '{created}'"))
    if authors is not None:
        problems += checks.post_authors(document, authors, authors_file)
    return problems
