"""Installed packages used only as folders of files."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def package_folder(name: str) -> Path | None:
    """The folder of the installed package `name`, found without importing it (None if not installed).

    Some packages are needed only for files they carry (pandoc, CSL styles),
    and importing them would load what they need to run, at a cost to the build.
    """
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))
