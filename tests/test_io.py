"""Atomic writing (hgmap._io): tested directly, instead of interrupting whole runs."""

from __future__ import annotations

import errno
import os

import pytest

from hgmap._io import atomic_path, atomic_write_bytes, atomic_write_text
from hgmap.errors import HgmapError, OutputError


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def test_writes_and_replaces(tmp_path):
    out = tmp_path / "a" / "b" / "table.csv"  # parent folders are created
    assert atomic_write_text(out, "one\n") == out
    assert out.read_text(encoding="utf-8") == "one\n"
    atomic_write_text(out, "two\n")
    assert out.read_text(encoding="utf-8") == "two\n"
    atomic_write_bytes(out, b"\x00three")
    assert out.read_bytes() == b"\x00three"
    assert _leftovers(out.parent) == []


def test_temporary_name_is_fresh_beside_the_target_with_its_extension(tmp_path):
    out = tmp_path / "results.gpkg"
    with atomic_path(out) as tmp:
        assert tmp.parent == out.parent
        assert tmp.suffix == ".gpkg"  # GDAL picks the driver from the extension
        assert not tmp.exists()  # some writers refuse to overwrite
        assert not out.exists()  # nothing under the final name until the end
        tmp.write_text("layer", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "layer"


@pytest.mark.parametrize("exc", [RuntimeError("writer failed"), KeyboardInterrupt()])
def test_interrupted_write_keeps_the_old_file_and_leaves_no_part(tmp_path, exc):
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(type(exc)):
        with atomic_path(out) as tmp:
            tmp.write_text("half a page", encoding="utf-8")
            raise exc
    assert out.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_interrupted_first_write_leaves_nothing(tmp_path):
    out = tmp_path / "new.csv"
    with pytest.raises(RuntimeError):
        with atomic_path(out) as tmp:
            tmp.write_text("partial", encoding="utf-8")
            raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_output_is_a_directory(tmp_path):
    with pytest.raises(OutputError, match="it is a directory") as info:
        atomic_write_text(tmp_path, "x")
    assert info.value.path == str(tmp_path)
    assert isinstance(info.value, HgmapError)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("below", ["x.csv", "sub/x.csv", "sub/deeper/x.csv"])
def test_output_under_a_regular_file(tmp_path, below):
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    target = afile / below
    with pytest.raises(OutputError) as info:
        atomic_write_text(target, "x")
    assert str(info.value) == f"cannot write {target}: {afile} is a file, not a folder"


@pytest.mark.parametrize(("code", "reason"), [(errno.EACCES, "permission denied"),
                                              (errno.EROFS, "read-only file system"),
                                              (errno.ENOSPC, "no space left on the device")])
def test_os_errors_when_creating_the_temporary_file(tmp_path, monkeypatch, code, reason):
    import tempfile

    def refuse(*a, **k):
        raise OSError(code, os.strerror(code), str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=reason) as info:
        atomic_write_text(tmp_path / "x.csv", "x")
    assert info.value.path == str(tmp_path / "x.csv")


def test_os_error_when_renaming_removes_the_temporary_file(tmp_path, monkeypatch):
    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="permission denied"):
        atomic_write_text(tmp_path / "x.csv", "x")
    assert list(tmp_path.iterdir()) == []


def test_os_error_while_writing_names_the_final_path(tmp_path, monkeypatch):
    from pathlib import Path

    def full(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(OutputError, match="no space left") as info:
        atomic_write_text(tmp_path / "big.html", "x")
    assert info.value.path == str(tmp_path / "big.html")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            atomic_write_text(locked / "x.csv", "x")
    finally:
        locked.chmod(0o700)
