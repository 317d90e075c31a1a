"""Running pandoc: the copy inside the pypandoc-binary wheel, or a newer one on PATH."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path


class PandocError(Exception):
    """pandoc is missing or failed; the message says which and why."""


def _version(executable: str) -> tuple[int, ...] | None:
    try:
        output = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"pandoc(?:\.exe)?\s+([\d.]+)", output)
    return tuple(int(part) for part in match.group(1).split(".") if part) if match else None


@functools.lru_cache(maxsize=1)
def pandoc_executable() -> str:
    """The newest pandoc available: the bundled one, or one on PATH if newer."""
    candidates = []
    try:
        import pypandoc  # the pypandoc-binary wheel carries pandoc itself

        bundled = Path(pypandoc.__file__).parent / "files" / "pandoc"
        if bundled.exists():
            candidates.append(str(bundled))
    except ImportError:
        pass
    on_path = shutil.which("pandoc")
    if on_path:
        candidates.append(on_path)
    versions = [(v, c) for c in candidates if (v := _version(c)) is not None]
    if not versions:
        raise PandocError("pandoc was not found: install Coachfolio with pip (it brings pypandoc-binary) or put pandoc on PATH")
    return max(versions)[1]


def run_pandoc(arguments: list[str], text: str) -> str:
    """Run pandoc with `text` on standard input and return what it writes."""
    command = [pandoc_executable(), *arguments]
    # A larger allocation area for pandoc's runtime: citeproc allocates a lot,
    # and with the 4 MB default a batch of clusters spends a third of its time
    # collecting garbage. Set by the environment so a pandoc built without RTS
    # options still runs (it only warns); a user's own GHCRTS wins.
    environment = {"GHCRTS": "-A64m", **os.environ}
    try:
        result = subprocess.run(command, input=text, capture_output=True, text=True, encoding="utf-8", timeout=600, env=environment)
    except (OSError, subprocess.SubprocessError) as error:
        raise PandocError(f"pandoc could not run: {error}") from None
    if result.returncode != 0:
        raise PandocError(result.stderr.strip() or f"pandoc exited with status {result.returncode}")
    return result.stdout
