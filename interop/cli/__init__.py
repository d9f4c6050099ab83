"""The ``interop`` command line: parses options and calls the library, nothing more."""

from interop.cli.app import main

__all__ = ["main"]
