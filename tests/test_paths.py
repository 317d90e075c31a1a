"""How files are named in messages: relative to the folder of mkdocs.yml."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from coachfolio.integration.paths import relative_to_project


@pytest.mark.parametrize(
    "path, expected",
    [
        ("docs/blog/posts/gift.md", "docs/blog/posts/gift.md"),
        ("refs.bib", "refs.bib"),
        ("docs/../rubrics/peer.yml", "rubrics/peer.yml"),  # as relpath, normalised
        ("../elsewhere/refs.bib", "../elsewhere/refs.bib"),
        ("../project-other/refs.bib", "../project-other/refs.bib"),  # a folder whose name begins like the project's
        (".", "."),
    ],
)
def test_paths_are_named_from_the_folder_of_mkdocs_yml(tmp_path: Path, path: str, expected: str) -> None:
    project = tmp_path / "project"
    config = SimpleNamespace(config_file_path=str(project / "mkdocs.yml"))
    assert relative_to_project(str(project / path), config) == expected  # type: ignore[arg-type]
    assert expected == os.path.relpath(project / path, project).replace(os.sep, "/")


def test_a_relative_configuration_path_is_taken_from_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = SimpleNamespace(config_file_path="mkdocs.yml")
    assert relative_to_project(str(tmp_path / "docs" / "index.md"), config) == "docs/index.md"  # type: ignore[arg-type]
    assert relative_to_project("docs/index.md", config) == "docs/index.md"  # type: ignore[arg-type]
