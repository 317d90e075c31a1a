"""Work done on the second core while MkDocs builds on the first.

MkDocs renders pages on one core. Work that waits on another process
(pandoc) releases Python's interpreter lock, so running it in a thread lets it
proceed in parallel with the build; its result is collected when needed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class InBackground(Generic[T]):
    """Run `work()` in a thread; `result()` waits for it and re-raises what it raised."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._work = work
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as error:  # handed to the build's own thread by `result`
            self._error = error
        finally:
            self._work = None  # type: ignore[assignment]  # nor what it was given: the build goes on for a while

    def done(self) -> bool:
        """True once the work has finished (or failed)."""
        return not self._thread.is_alive()

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
