"""Naming and linking files as users and browsers see them."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url


def display_path(file: File, config: MkDocsConfig) -> str:
    """A page's source path relative to the folder of mkdocs.yml, as messages show it."""
    if file.abs_src_path:
        return relative_to_project(file.abs_src_path, config)
    return file.src_uri


def relative_to_project(path: str, config: MkDocsConfig) -> str:
    """`path` relative to the folder holding mkdocs.yml, with forward slashes."""
    root = os.path.abspath(os.path.dirname(config.config_file_path or "."))
    path = os.path.abspath(path)
    # Most paths are in the project: cutting off its folder spares `relpath`'s
    # work, which came to a tenth of what the standards plugin does per page.
    if path.startswith(root) and path[len(root) : len(root) + 1] == os.sep:
        return path[len(root) + 1 :].replace(os.sep, "/")
    return os.path.relpath(path, root).replace(os.sep, "/")


def url_from(page_url: str, target_url: str) -> str:
    """A link from the page at `page_url` to `target_url` (both site-relative)."""
    return get_relative_url(target_url, page_url)
