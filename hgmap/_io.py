"""Package data paths and atomic file writing (internal)."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from .errors import OutputError

__all__ = ["data_path", "atomic_path", "atomic_write_text", "atomic_write_bytes"]


def data_path(*parts: str) -> Path:
    """Path of a file shipped in ``hgmap.data`` (the repository's ``data/`` folder)."""
    base = resources.files("hgmap.data")
    return Path(str(base.joinpath(*parts)))


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it over ``path``.

    A failure inside the block removes the temporary file, so no half-written
    output is ever left under the final name.

    Raises
    ------
    OutputError
        When ``path`` is a directory, lies under a regular file, or its folder cannot
        be created or written (the message names the path and the reason).
    """
    final = Path(path)
    try:
        if final.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(final))
        final.parent.mkdir(parents=True, exist_ok=True)
        # Keep the real extension last: some writers (GDAL) pick the format from it.
        fd, tmp = tempfile.mkstemp(prefix=f".{final.stem}.", suffix=f".part{final.suffix}", dir=final.parent)
    except OSError as exc:
        raise OutputError.from_os_error(final, exc) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        # Some writers (GDAL) refuse to overwrite an existing file; hand them a fresh name.
        tmp_path.unlink()
        yield tmp_path
        try:
            os.replace(tmp_path, final)
        except OSError as exc:
            raise OutputError.from_os_error(final, exc) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp:
        try:
            tmp.write_text(text, encoding=encoding)
        except OSError as exc:
            raise OutputError.from_os_error(path, exc) from exc
    return Path(path)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp:
        try:
            tmp.write_bytes(data)
        except OSError as exc:
            raise OutputError.from_os_error(path, exc) from exc
    return Path(path)
