"""The ``interop`` command line: parses options and calls the library, nothing more."""

from __future__ import annotations


def main() -> None:
    """The console entry point: glibc's malloc in huge pages (:mod:`interop.cli.huge_pages`,
    which may start the command again first), then one command."""
    from interop.cli.huge_pages import in_huge_pages

    in_huge_pages()
    from interop.cli.app import main as run

    run()


__all__ = ["main"]
