"""The console entry point starts its command again with glibc's malloc in huge pages
(interop.cli.huge_pages), once, and leaves a GLIBC_TUNABLES of the user's alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import interop
from interop.cli import huge_pages

MARK = huge_pages.STARTED_AGAIN
SHOW = (
    "import os; print('start', os.environ.get('GLIBC_TUNABLES'), flush=True); "
    "from interop.cli.huge_pages import in_huge_pages; in_huge_pages(); "
    f"print('then', os.environ.get('GLIBC_TUNABLES'), os.environ.get('{MARK}'))"
)


def _run(code: str, **env: str) -> list[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("GLIBC_TUNABLES", MARK)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def test_the_command_starts_again_once_with_the_tunable_then_without_it() -> None:
    lines = _run(SHOW)
    if huge_pages.available():
        # the same command line again (``-c`` and its code included), the tunable set for
        # glibc, then taken out of what the command passes on
        assert lines == ["start None", f"start {huge_pages.TUNABLE}", "then None None"]
    else:
        assert lines == ["start None", "then None None"]


@pytest.mark.parametrize("users", ["", "glibc.malloc.arena_max=2"])
def test_a_tunable_of_the_users_is_left_alone(users: str) -> None:
    assert _run(SHOW, GLIBC_TUNABLES=users) == [f"start {users}", f"then {users} None"]


def test_a_mark_left_in_the_environment_takes_out_no_tunable_of_the_users() -> None:
    users = "glibc.malloc.arena_max=2"
    lines = _run(SHOW, GLIBC_TUNABLES=users, **{MARK: "1"})
    assert lines == [f"start {users}", f"then {users} None"]


def test_the_console_entry_point_runs_its_command_after_starting_again() -> None:
    lines = _run(
        "import os, sys; print(os.environ.get('GLIBC_TUNABLES'), flush=True); "
        "sys.argv[1:] = ['--version']; from interop.cli import main; main()"
    )
    again = [huge_pages.TUNABLE] if huge_pages.available() else []
    assert lines == ["None", *again, f"interop, version {interop.__version__}"]


def test_glibc_is_asked_only_where_it_has_the_tunable(monkeypatch: pytest.MonkeyPatch) -> None:
    for libc, can in [("glibc 2.36", True), ("glibc 2.35", True), ("glibc 2.34", False),
                      ("glibc 2.4", False), ("", False), ("musl 1.2", False)]:  # fmt: skip
        monkeypatch.setattr(os, "confstr", lambda _name, libc=libc: libc)
        assert huge_pages.glibc_can() is (can and sys.platform == "linux"), libc


def test_the_kernel_is_asked_only_where_it_has_huge_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setting = tmp_path / "enabled"
    monkeypatch.setattr(huge_pages, "THP_ENABLED", setting)
    assert not huge_pages.kernel_can()  # no such file: a kernel without them
    for line, can in [("always [madvise] never", True), ("[always] madvise never", True),
                      ("always madvise [never]", False)]:  # fmt: skip
        setting.write_text(line + "\n")
        assert huge_pages.kernel_can() is can, line


def test_a_command_that_cannot_start_again_runs_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> None:
        raise OSError(7, "Argument list too long")

    monkeypatch.delenv("GLIBC_TUNABLES", raising=False)
    monkeypatch.setattr(huge_pages, "glibc_can", lambda: True)
    monkeypatch.setattr(huge_pages, "kernel_can", lambda: True)
    monkeypatch.setattr(os, "execve", refused)
    huge_pages.in_huge_pages()  # returns: the command goes on here
    assert "GLIBC_TUNABLES" not in os.environ
