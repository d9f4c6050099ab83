"""The report templates' compiled code, kept between runs.

Jinja compiles a template to Python code the first time a process loads it: for the six
report templates a tenth of a second of every ``interop analyze`` (a fifth of the seed
city's report.html and report.md). :func:`keep_compiled` gives an environment Jinja's own
file cache: a private folder of the temporary directory (created mode 0700, refused when
another user owns it), a file per template checked against the template's source before
its code is used. Jinja keys those files by template only, so the file names here also
carry the environment's compile-time settings and Jinja's version: an environment changed
in code never runs a template compiled for the old one. A cache that cannot be created,
read or written costs only the compilation.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket


class _Cache(FileSystemBytecodeCache):
    """Jinja's file cache, with failures to read or write it ignored."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _name(value: Any) -> Any:
    return getattr(value, "__qualname__", value)


def settings_tag(env: Environment) -> str:
    """A short digest of what the compiled code of ``env``'s templates depends on besides
    their source: Jinja's version and the environment's compile-time settings."""
    settings = (
        jinja2.__version__,
        _name(env.autoescape),
        _name(env.finalize),
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        tuple(sorted(env.extensions)),
        env.optimized,
    )
    return hashlib.sha1(repr(settings).encode()).hexdigest()[:16]


def keep_compiled(env: Environment, directory: str | None = None) -> Environment:
    """``env``, its templates' compiled code kept in ``directory`` (default: Jinja's
    private temporary folder) when there is one."""
    with contextlib.suppress(OSError, RuntimeError):  # no private folder: compile every run
        env.bytecode_cache = _Cache(directory, pattern=f"__interop_{settings_tag(env)}_%s.cache")
    return env
