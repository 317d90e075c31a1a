"""Running pandoc: output, error messages, and documents larger than a pipe holds."""

from __future__ import annotations

import pytest
from coachfolio.core.citations.pandoc import PandocError, run_pandoc


def test_pandoc_converts_what_it_is_given() -> None:
    assert run_pandoc(["--from", "markdown", "--to", "html"], "Café *au lait*\n") == "<p>Café <em>au lait</em></p>\n"


def test_large_documents_go_both_ways_without_stalling() -> None:
    # Several times what a pipe holds, in and out, with a warning on the error stream.
    paragraphs = "".join(f"Paragraph {n} [@missing{n % 3}].\n\n" for n in range(5000))
    output = run_pandoc(["--from", "markdown", "--to", "html", "--citeproc"], paragraphs)
    assert output.count("<p>") == 5000


def test_a_failure_reports_pandocs_own_message() -> None:
    with pytest.raises(PandocError, match=r"^Unknown input format nonsense"):
        run_pandoc(["--from", "nonsense"], "text")


def test_a_stuck_pandoc_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    import coachfolio.core.citations.pandoc as pandoc_module

    # A stand-in that never answers: `sleep` ignores its input and outlives the limit.
    monkeypatch.setattr(pandoc_module, "pandoc_executable", lambda: "sleep")
    monkeypatch.setattr(pandoc_module, "TIMEOUT", 0.5)
    with pytest.raises(PandocError, match=r"^pandoc did not finish within 0.5 seconds$"):
        run_pandoc(["30"], "")


def test_the_bundled_pandoc_is_found_without_importing_pypandoc() -> None:
    # Importing pypandoc costs the build ~40 ms of interpreter time; a fresh
    # process shows whether the lookup loads it.
    import subprocess
    import sys

    script = (
        "import sys; from coachfolio.core.citations.pandoc import _bundled_pandoc; "
        "path = _bundled_pandoc(); print(path.replace(chr(92), '/').rsplit('/', 3)[-3:], 'pypandoc' in sys.modules)"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "['pypandoc', 'files', 'pandoc'] False"


def test_a_pandoc_older_than_the_minimum_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import coachfolio.core.citations.pandoc as pandoc_module

    # The only pandoc is an old one on PATH, as on a machine with a distribution's pandoc 2.
    fake = tmp_path / "pandoc"
    fake.write_text("#!/bin/sh\necho 'pandoc 2.19.2'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(pandoc_module, "_bundled_pandoc", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path))
    pandoc_module.pandoc_executable.cache_clear()
    try:
        with pytest.raises(PandocError) as raised:
            pandoc_module.pandoc_executable()
    finally:
        pandoc_module.pandoc_executable.cache_clear()
    assert str(raised.value) == (
        f"pandoc 3.5 or newer is needed, found 2.19.2 at {fake}: "
        "upgrade pypandoc-binary (pip install -U pypandoc-binary) or the pandoc on PATH"
    )
