"""Running pandoc: the copy inside the pypandoc-binary wheel, or a newer one on PATH."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading

from coachfolio.core.packages import package_folder

TIMEOUT = 600  # seconds
# The oldest pandoc Coachfolio's formatting is written for: 3.5 reads a
# bibliography from a data: URI (so nothing is written to disk), and marks
# reference entries `role="listitem"` where 2.x wrote `doc-biblioentry`.
MINIMUM = (3, 5)


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
    """The newest pandoc available, at least `MINIMUM`: the bundled one, or one on PATH if newer."""
    candidates = [bundled] if (bundled := _bundled_pandoc()) else []
    on_path = shutil.which("pandoc")
    if on_path:
        candidates.append(on_path)
    versions = [(v, c) for c in candidates if (v := _version(c)) is not None]
    if not versions:
        raise PandocError("pandoc was not found: install Coachfolio with pip (it brings pypandoc-binary) or put pandoc on PATH")
    version, executable = max(versions)
    if version < MINIMUM:
        found = ".".join(map(str, version))
        needed = ".".join(map(str, MINIMUM))
        raise PandocError(
            f"pandoc {needed} or newer is needed, found {found} at {executable}: "
            "upgrade pypandoc-binary (pip install -U pypandoc-binary) or the pandoc on PATH"
        )
    return executable


def _bundled_pandoc() -> str | None:
    """The pandoc inside the pypandoc-binary wheel (in `pypandoc/files/`), if installed.

    Found from the package's location alone: importing pypandoc would load
    urllib's request machinery, ~40 ms with the interpreter lock held while
    the build is rendering pages.
    """
    folder = package_folder("pypandoc")
    if folder is None:
        return None
    for name in ("pandoc", "pandoc.exe"):
        if (folder / "files" / name).is_file():
            return str(folder / "files" / name)
    return None


def run_pandoc(arguments: list[str], text: str) -> str:
    """Run pandoc with `text` on standard input and return what it writes."""
    command = [pandoc_executable(), *arguments]
    # A large heap for pandoc's runtime: citeproc allocates a lot, and with
    # the runtime's 4 MB default a batch of clusters spends a third of its
    # time collecting garbage. `-H64m` (a suggested heap, which the runtime
    # uses as its allocation area while live data is small) is what the pandoc
    # in pypandoc-binary is built with, so it changes nothing there; a pandoc
    # from elsewhere gets the same. (`-A64m`, used before, fixed the
    # allocation area on top of that heap: the five calls of a 300-post
    # build took 0.2 s longer in all, with 28% more page faults.) Set by the
    # environment so a pandoc built without RTS options still runs (it only
    # warns); a user's own GHCRTS wins.
    environment = {"GHCRTS": "-H64m", **os.environ}
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
    except OSError as error:
        raise PandocError(f"pandoc could not run: {error}") from None
    # However large the document, ten minutes means pandoc is stuck: stop it rather than the build.
    stuck = threading.Event()
    watchdog = threading.Timer(TIMEOUT, lambda: (stuck.set(), process.kill()))
    watchdog.start()
    try:
        output, errors = _exchange(process, text.encode("utf-8"))
        status = process.wait()
    finally:
        watchdog.cancel()
    if stuck.is_set():
        raise PandocError(f"pandoc did not finish within {TIMEOUT} seconds")
    if status != 0:
        raise PandocError(errors.decode("utf-8", "replace").strip() or f"pandoc exited with status {status}")
    return output.decode("utf-8")


def _exchange(process: subprocess.Popen[bytes], data: bytes) -> tuple[bytes, bytes]:
    """Give pandoc its input and read what it writes, touching Python's lock as little as possible.

    pandoc runs while MkDocs renders pages, and `communicate()` would go back
    to the interpreter for every 4 KiB written: each time it must wait for the
    page renderer to let go of the interpreter lock, which long regular
    expressions over whole pages hold for many milliseconds. Here the input is
    written in one blocking call, then output and error messages are read to
    their end, the messages by a thread of their own (so neither pipe can fill
    up and stall pandoc).
    """
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    if sys.platform == "linux":
        import fcntl

        # Room for all of pandoc's output: it never waits for this process
        # to read, however long the interpreter lock is held elsewhere.
        try:
            fcntl.fcntl(process.stdout.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
        except OSError:
            pass  # above the system's limit for pipes: pandoc may wait a little
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        process.stdin.write(data)
        process.stdin.close()
    except BrokenPipeError:
        pass  # pandoc stopped reading: its exit status and message tell why
    output = process.stdout.read()
    reader.join()
    return output, errors[0] if errors else b""
