"""Finding CSL styles by name in the style repository, without loading it as a package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from coachfolio.core.citations.formatter import standalone_style
from coachfolio.core.citations.styles import StyleNotFound, find_style


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("apa", "apa.csl"),
        ("chicago-author-date", "chicago-author-date.csl"),
        # Dependent styles borrow their formatting: pandoc is given the parent.
        ("nature-digest", "nature.csl"),
        ("2d-materials", "institute-of-physics-numeric.csl"),
    ],
)
def test_styles_are_found_by_name(name: str, file: str) -> None:
    path = find_style(name, Path("."))
    assert path.name == file
    assert path.is_file()


def test_a_style_file_of_ones_own(tmp_path: Path) -> None:
    (tmp_path / "mine.csl").write_text("<style/>", encoding="utf-8")
    assert find_style("mine.csl", tmp_path) == tmp_path / "mine.csl"
    with pytest.raises(StyleNotFound, match=r"^style file 'other.csl' does not exist \(paths are relative to mkdocs.yml\)$"):
        find_style("other.csl", tmp_path)


def test_an_unknown_name_and_a_path_like_name_are_not_found() -> None:
    with pytest.raises(StyleNotFound, match=r"^unknown citation style 'apaa' \(did you mean 'apa'"):
        find_style("apaa", Path("."))
    with pytest.raises(StyleNotFound, match=r"^unknown citation style '\.\./apa'"):
        find_style("../apa", Path("."))


def test_finding_a_style_does_not_load_lxml() -> None:
    # The repository package imports lxml on import: several MiB for a file path.
    code = "import sys; from pathlib import Path; from coachfolio.core.citations.styles import find_style; find_style('apa', Path('.')); print('lxml' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_a_standalone_style_compares_no_entries() -> None:
    csl = (
        '<style><citation collapse="year" disambiguate-add-names="true" disambiguate-add-year-suffix="true" et-al-min="3" '
        'givenname-disambiguation-rule="primary-name"><layout/></citation>'
        '<bibliography hanging-indent="true" subsequent-author-substitute="&#8212;&#8212;&#8212;" subsequent-author-substitute-rule="complete-all">'
        '<layout/></bibliography><macro name="disambiguate-add-names-x"/></style>'
    )
    assert standalone_style(csl) == (
        '<style><citation collapse="year" et-al-min="3"><layout/></citation>'
        '<bibliography hanging-indent="true"><layout/></bibliography><macro name="disambiguate-add-names-x"/></style>'
    )
