"""Writes that are atomic and contained: a killed run leaves the old output or nothing.

- `write_file`: one file, written to a temporary file in the target folder, fsynced, then
  renamed over the target. The target must be a regular file or a new path: a folder, a
  device node (`-o /dev/null` as root would replace the system's device), a FIFO or a
  symbolic link is refused with `OutputError`.
- `write_folder`: several files (convert, schema), built in a temporary sibling folder and
  swapped in whole. Files already in the folder that are not rewritten are carried over (a
  symbolic link as a link, never followed), so no write goes through a link out of the folder.
  A folder holding subfolders, or the working folder, is not copied: each file is written
  atomically in place instead.
- Temporary files and folders are removed on every exit path that can run (errors, Ctrl-C,
  SIGTERM via the CLI); one left by a SIGKILL names its process, and the next write to the same
  place removes it once that process is gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import signal
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

TMP_TAG = ".shortlist-tmp"  # in every temporary name: `.<name>.<pid>.<random>.shortlist-tmp`
# Test hook: the process kills itself at this stage, to show a killed run is harmless.
KILL_ENV = "SHORTLIST_TEST_KILL_AT"


class OutputError(Exception):
    """The output cannot be written there (with a sentence saying why)."""


def check_target(path: Path, replace_link: bool = False) -> None:
    """A file to write must be a new path or a regular file, and its folder must exist.

    `replace_link`: a symbolic link there is replaced by the file (rename replaces the link
    itself, never what it points to) instead of being refused."""
    if path.is_symlink() and replace_link:
        return
    if path.is_symlink():
        raise OutputError(
            f"cannot write {path}: it is a symbolic link; give the file itself, or a new name"
        )
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        what = "a folder" if path.is_dir() else "not a regular file (a device, pipe or socket)"
        raise OutputError(f"cannot write {path}: it is {what}; give a file name")
    if not path.parent.is_dir():
        raise OutputError(f"folder {str(path.parent)!r} does not exist; create it first")


def write_file(
    path: str | os.PathLike, payload: bytes | str, mode: int = 0o644, replace_link: bool = False
) -> int:
    """Write `payload` (text as UTF-8) to `path` atomically; returns the size in bytes."""
    target = Path(path)
    check_target(target, replace_link)
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    _remove_stale(target.parent, target.name)
    tmp = _tmp_name(target.parent, target.name)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode & ~_umask())
        _checkpoint("file-written")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return len(data)


def write_folder(folder: str | os.PathLike, files: Mapping[str, bytes | str]) -> None:
    """Make `folder` hold `files` (name -> content) besides what it already holds, in one step.

    The new folder is built beside the old one, then swapped in (an atomic exchange where the
    system has one); a run killed at any point leaves the old folder whole, or the new one."""
    target = Path(folder)
    if target.is_symlink():
        raise OutputError(f"cannot write {target}: it is a symbolic link; give the folder itself")
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot write {target}: it is a file; give a folder")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise OutputError(f"folder {str(parent)!r} does not exist; create it first")
    if target.is_dir() and _not_swappable(target):
        # A folder with subfolders (or the working folder) is not copied and swapped: each
        # file is still written atomically, and a link in its place is replaced, not followed.
        for name, payload in files.items():
            write_file(target / name, payload, replace_link=True)
        return
    _remove_stale(parent, target.name)
    staging = _tmp_name(parent, target.name)
    try:
        staging.mkdir(mode=0o755)
        if target.is_dir():
            shutil.copystat(target, staging)
            for entry in target.iterdir():  # files and links only (see _not_swappable)
                if entry.name not in files:
                    _carry(entry, staging / entry.name)
        for name, payload in files.items():
            data = payload.encode("utf-8") if isinstance(payload, str) else payload
            (staging / name).write_bytes(data)
            os.chmod(staging / name, 0o644 & ~_umask())
        for path in staging.iterdir():
            if path.is_file() and not path.is_symlink():
                with path.open("rb") as handle:
                    os.fsync(handle.fileno())
        _fsync_dir(staging)
        _checkpoint("folder-built")
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_dir(parent)


def _not_swappable(folder: Path) -> bool:
    if folder.resolve() == Path.cwd().resolve() or folder.name in ("", ".", ".."):
        return True
    return any(p.is_dir() and not p.is_symlink() for p in folder.iterdir())


def _carry(entry: Path, to: Path) -> None:
    """Copy what the old folder holds into the new one; links stay links, never followed."""
    if entry.is_symlink():
        os.symlink(os.readlink(entry), to)
    elif entry.is_dir():
        shutil.copytree(entry, to, symlinks=True)
    elif entry.is_file():
        shutil.copy2(entry, to, follow_symlinks=False)


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now the old folder
        return
    # No atomic exchange: move the old folder aside, the new one in, then drop the old one.
    # Killed between the two renames, the old folder is whole under its temporary name.
    old = _tmp_name(target.parent, target.name)
    os.rename(target, old)
    _checkpoint("folder-aside")
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _tmp_name(folder: Path, name: str) -> Path:
    return folder / f".{name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_TAG}"


def _remove_stale(folder: Path, name: str) -> None:
    """Temporary files or folders for `name` left by a process that no longer runs."""
    prefix = f".{name}."
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if not (entry.name.startswith(prefix) and entry.name.endswith(TMP_TAG)):
                continue
            pid = entry.name[len(prefix) :].split(".")[0]
            if pid.isdigit() and not _alive(int(pid)):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_umask() -> int:
    mask = os.umask(0o022)  # the only way to read it; set back at once, at import (one thread)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _umask() -> int:
    return _UMASK


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be fsynced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _checkpoint(stage: str) -> None:
    """`SHORTLIST_TEST_KILL_AT=<stage>` (SIGKILL) or `<stage>:TERM` (SIGTERM), for the tests."""
    wanted, _, sig = os.environ.get(KILL_ENV, "").partition(":")
    if wanted == stage:
        os.kill(os.getpid(), signal.SIGTERM if sig == "TERM" else signal.SIGKILL)


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt while the block runs, so `finally` clauses (temporary
    files) run on `kill` too; the old handler comes back afterwards."""
    try:
        old = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (an app server): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
