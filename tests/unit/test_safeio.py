"""Atomic, contained writes (issue 12, case 3): a killed run leaves the old output or nothing,
no write follows a symbolic link out of its folder, and `-o` takes only a file or a new path."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.cli import main
from scoring.safeio import KILL_ENV, TMP_TAG, OutputError, write_file, write_folder

ROOT = Path(__file__).resolve().parents[2]
SHEET = ROOT / "examples" / "scores.csv"
CRITERIA = ROOT / "criteria" / "ai_partner.yaml"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TMP_TAG))


# --- one file ----------------------------------------------------------------------------------


def test_write_file_replaces_the_content_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "r.md"
    target.write_text("old")
    assert write_file(target, "new ü") == len("new ü".encode())
    assert target.read_text(encoding="utf-8") == "new ü" and leftovers(tmp_path) == []
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # an ordinary, readable file


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "r.md"
    target.write_text("old")

    def fail(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_file(target, "new")
    assert target.read_text() == "old" and leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["folder", "fifo", "link-out", "link-in"])
def test_only_a_regular_file_or_a_new_path_is_written(tmp_path, kind):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "r.md"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "link-out":
        target.symlink_to(outside)
    else:
        (tmp_path / "out" / "real.md").write_text("x")
        target.symlink_to("real.md")
    with pytest.raises(OutputError, match="cannot write .*: it is"):
        write_file(target, "payload")
    assert outside.read_text() == "keep me"


def test_a_device_node_is_refused_and_left_alone(capsys, tmp_path):
    before = os.stat("/dev/null")
    code = main(["report", "-o", "/dev/null", "--format", "md", "--no-sensitivity"])
    assert code == 2
    assert capsys.readouterr().err == (
        "shortlist: -o: cannot write /dev/null: it is not a regular file (a device, pipe or "
        "socket); give a file name\n"
    )
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and os.stat("/dev/null").st_ino == (
        before.st_ino
    )


def test_a_temporary_file_of_a_dead_process_is_removed_by_the_next_write(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f".r.md.{dead.stdout.strip()}.abcd1234{TMP_TAG}"
    stale.write_text("half")
    mine = tmp_path / f".r.md.{os.getpid()}.abcd1234{TMP_TAG}"  # a live writer's: kept
    mine.write_text("busy")
    write_file(tmp_path / "r.md", "whole")
    assert leftovers(tmp_path) == [mine.name]


# --- a folder ----------------------------------------------------------------------------------


def test_write_folder_swaps_in_whole_and_keeps_the_other_files(tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "a.yaml").write_text("old a")
    (folder / "keep.yaml").write_text("kept")
    write_folder(folder, {"a.yaml": "new a", "b.yaml": "new b"})
    assert {p.name: p.read_text() for p in folder.iterdir()} == {
        "a.yaml": "new a",
        "b.yaml": "new b",
        "keep.yaml": "kept",
    }
    assert leftovers(tmp_path) == []


def test_write_folder_never_writes_through_a_link_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("precious")
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "a.yaml").symlink_to(outside)
    (folder / "other.yaml").symlink_to(outside)  # not rewritten: carried over as a link
    write_folder(folder, {"a.yaml": "new"})
    assert outside.read_text() == "precious"
    assert not (folder / "a.yaml").is_symlink() and (folder / "a.yaml").read_text() == "new"
    assert (folder / "other.yaml").is_symlink()


def test_a_folder_given_as_a_link_is_refused(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to("real")
    with pytest.raises(OutputError, match="symbolic link"):
        write_folder(tmp_path / "link", {"a": "x"})


@pytest.mark.parametrize("command", ["convert", "schema"])
def test_convert_and_schema_do_not_follow_a_link_out_of_the_output_folder(
    tmp_path, capsys, command
):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    name = "alibaba.yaml" if command == "convert" else "vendor.schema.json"
    (out / name).symlink_to(outside)
    argv = (
        ["convert", str(SHEET), "-o", str(out), "--criteria", str(CRITERIA), "--force"]
        if command == "convert"
        else ["schema", "-o", str(out)]
    )
    assert main(argv) == 0, capsys.readouterr().err
    assert outside.read_text() == "precious"
    assert not (out / name).is_symlink() and (out / name).stat().st_size > 100


# --- killed midway (SIGKILL at a stage, through the test hook) ----------------------------------


def _cli(cwd: Path, *argv: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(KILL_ENV, None)
    if kill_at:
        env[KILL_ENV] = kill_at
    return subprocess.run(
        [sys.executable, "-m", "scoring", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_convert_force_killed_midway_leaves_the_good_folder_intact(tmp_path):
    args = ["convert", str(SHEET), "-o", "out", "--criteria", str(CRITERIA), "--force"]
    assert _cli(tmp_path, *args).returncode == 0
    out = tmp_path / "out"
    (out / "alibaba.yaml").write_text("# a good file the user edited\n")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    killed = _cli(tmp_path, *args, kill_at="folder-built")
    assert killed.returncode == -signal.SIGKILL
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _cli(tmp_path, *args).returncode == 0  # the next run tidies the dead one's folder
    assert leftovers(tmp_path) == []
    assert (out / "alibaba.yaml").read_text().startswith("# Converted from scores.csv")


def test_convert_killed_before_the_swap_leaves_nothing_half_written(tmp_path):
    args = ["convert", str(SHEET), "-o", "new", "--criteria", str(CRITERIA)]
    assert _cli(tmp_path, *args, kill_at="folder-built").returncode == -signal.SIGKILL
    assert not (tmp_path / "new").exists()  # nothing at all, not truncated files


@pytest.mark.parametrize(("signal_name", "left"), [("KILL", 1), ("TERM", 0)])
def test_report_killed_midway_keeps_the_old_report(tmp_path, signal_name, left):
    report = ["report", "-o", "r.md", "--no-sensitivity", "--criteria", str(CRITERIA),
              "--vendors", str(ROOT / "vendors")]  # fmt: skip
    (tmp_path / "r.md").write_text("the old report")
    stage = "file-written" if signal_name == "KILL" else "file-written:TERM"
    killed = _cli(tmp_path, *report, kill_at=stage)
    assert killed.returncode in (-signal.SIGKILL, 130) and "Traceback" not in killed.stderr
    assert (tmp_path / "r.md").read_text() == "the old report"
    assert len(leftovers(tmp_path)) == left  # SIGTERM runs the clean-up; SIGKILL cannot
    assert _cli(tmp_path, *report).returncode == 0
    assert leftovers(tmp_path) == [] and (tmp_path / "r.md").read_text().startswith("#")


def test_a_folder_with_subfolders_is_written_file_by_file_not_copied(tmp_path):
    """`convert -o .` in a project must not copy (and swap) the whole tree; each file is still
    atomic, and a link in a file's place is replaced, not written through."""
    folder = tmp_path / "project"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "deep.txt").write_text("deep")
    outside = tmp_path / "outside.yaml"
    outside.write_text("precious")
    (folder / "a.yaml").symlink_to(outside)
    inode = folder.stat().st_ino
    write_folder(folder, {"a.yaml": "new", "b.yaml": "b"})
    assert folder.stat().st_ino == inode  # the same folder, not a swapped-in copy
    assert outside.read_text() == "precious" and (folder / "a.yaml").read_text() == "new"
    assert not (folder / "a.yaml").is_symlink() and (folder / "sub" / "deep.txt").exists()
    assert leftovers(folder) == [] and leftovers(tmp_path) == []
