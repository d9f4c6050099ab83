"""The ``interop`` command group."""

from __future__ import annotations

import click

from interop import __version__
from interop.bulk import process_ends_with_command
from interop.cli.analyze_cmd import analyze
from interop.cli.collect_cmd import collect
from interop.cli.diff_cmd import diff
from interop.cli.export_cmd import export
from interop.cli.generate_cmd import generate
from interop.cli.neo4j_cmds import load, neo4j, query
from interop.cli.template_cmd import template
from interop.cli.validate_cmd import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="interop")
def cli() -> None:
    """interop: turn an audit inventory of government information systems into a graph
    and find the interoperability problems in it, with evidence.

    Exit status: 0 the command ran; 1 the input could not be read (or --strict and rows
    were rejected); 2 a usage error.
    """


for command in (analyze, validate, generate, template, collect, export, diff, load, query, neo4j):
    cli.add_command(command)


def main() -> None:
    """The console entry point: one command, then the process ends."""
    process_ends_with_command()
    cli(prog_name="interop")
