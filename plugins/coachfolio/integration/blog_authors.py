"""Posts that name an author the blog does not know, named with their file and line.

Material's blog (9.8) checks each post's authors when it reads the page, and
says only "Couldn't find author 'ghost'", not which post. With profile pages on
(`authors_profiles: true`) it is worse: it looks the authors up earlier, in its
`on_files`, and an unknown id ends the build there with a KeyError and a
traceback. So the posts' authors are checked first: all of them at once before
the blog makes profile pages, or each post as it is read.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Collection
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from coachfolio.core import checks
from coachfolio.core.frontmatter import read_front_matter
from coachfolio.core.problems import DataFileError, Problem
from coachfolio.integration.pages import is_blog_post
from coachfolio.integration.paths import display_path, relative_to_project

# A post's `authors:` and the lines that continue it, and the ids written there:
# enough to see that every id is known without parsing the front matter.
_AUTHORS = re.compile(r"^authors[ \t]*:(?P<value>[^\n]*(?:\n[ \t-][^\n]*)*)", re.MULTILINE)
_ID = re.compile(r"[^\s\[\],'\"#-][^\s\[\],'\"#]*")


class BlogAuthors:
    """The authors Material's blog knows, for checking the posts of one build."""

    def __init__(self, config: MkDocsConfig) -> None:
        blog: Any = config.plugins.get("material/blog")
        self.config = config
        self.blog = blog if blog is not None and blog.config.enabled and blog.config.authors else None

    def check_all_posts(self, files: Files) -> None:
        """Before the blog makes profile pages (its `on_files`): raise naming every unknown author."""
        blog = self.blog
        if blog is None or not blog.config.authors_profiles:
            return
        folder = posixpath.normpath(blog.config.post_dir.format(blog=posixpath.normpath(blog.config.blog_dir))) + "/"
        problems: list[Problem] = []
        for file in files.documentation_pages():
            if file.src_uri.startswith(folder) and not _names_only(file.content_string, blog.authors):
                problems += self._problems(file, include_drafts=bool(blog.config.draft))
        self._raise(problems)

    def check_post(self, page: Page) -> None:
        """As the blog reads a post (before its own `on_page_markdown`): raise naming its unknown authors."""
        if self.blog is None or not is_blog_post(page):
            return
        named = page.meta.get("authors")
        if isinstance(named, list) and not all(isinstance(author, str) and author in self.blog.authors for author in named):
            self._raise(self._problems(page.file, include_drafts=True))

    def _problems(self, file: File, include_drafts: bool) -> list[Problem]:
        name = display_path(file, self.config)
        try:
            document = read_front_matter(file.content_string, name)
        except DataFileError:
            return []  # the blog reports front matter it cannot read
        if document is None or not isinstance(document.data, dict):
            return []
        if document.data.get("draft") is True and not include_drafts:
            return []  # a draft left out of the build is left out of the profiles too
        authors_file = os.path.join(self.config.docs_dir, self.blog.config.authors_file.format(blog=self.blog.config.blog_dir))
        return checks.post_authors(document, self.blog.authors, relative_to_project(authors_file, self.config))

    @staticmethod
    def _raise(problems: list[Problem]) -> None:
        if problems:
            raise PluginError("Blog posts name authors the blog does not know:\n" + "\n".join(str(problem) for problem in problems))


def _names_only(source: str, known: Collection[str]) -> bool:
    """True when every word of a post's `authors:` is a known id (so there is nothing to report)."""
    match = _AUTHORS.search(source)
    return match is None or all(word in known for word in _ID.findall(match.group("value")))
