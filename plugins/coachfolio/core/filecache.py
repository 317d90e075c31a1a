"""Results of reading data files, reused while the files are unchanged.

`mkdocs serve` rebuilds the whole site on every change, with new plugin
instances; keeping parsed rubrics, frameworks and bibliographies here (keyed by
each file's path, modification time and size) means a rebuild reads only the
files that changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_MAX_ENTRIES = 1024
_cache: OrderedDict[tuple[Hashable, ...], object] = OrderedDict()
_lock = threading.Lock()  # loads may run in a background thread too


def _stamp(path: Path) -> tuple[str, int, int]:
    status = path.stat()
    return (str(path.resolve()), status.st_mtime_ns, status.st_size)


def cached(load: Callable[[], T], *paths: Path, key: tuple[Hashable, ...] = ()) -> T:
    """`load()`, or its earlier result if none of `paths` changed since.

    Failures are not kept: a file with mistakes is read (and reported) again.
    """
    try:
        stamp = (load.__qualname__, *(_stamp(path) for path in paths), *key)
    except OSError:
        return load()  # a missing file: let the loader say so
    with _lock:
        if stamp in _cache:
            _cache.move_to_end(stamp)
            return _cache[stamp]  # type: ignore[return-value]
    value = load()
    with _lock:
        _cache[stamp] = value
        if len(_cache) > _MAX_ENTRIES:
            _cache.popitem(last=False)
    return value
