"""Options generated from declarations, so the CLI never drifts from the library.

Every field of :class:`interop.parameters.Parameters` becomes an option of
``interop analyze`` (``camera_radius_m`` → ``--camera-radius``, the others by name).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

import click

from interop.parameters import Parameters

if TYPE_CHECKING:
    from interop.report.drawer import Drawer

OPTION_NAMES: dict[str, str] = {"camera_radius_m": "--camera-radius", "as_of": "--as-of"}


def option_name(field: str) -> str:
    return OPTION_NAMES.get(field, "--" + field.replace("_", "-"))


def _type_of(field: str) -> click.ParamType | type:
    annotation = Parameters.model_fields[field].annotation
    if annotation is date:
        return click.DateTime(formats=["%Y-%m-%d"])
    if get_origin(annotation) is Literal:
        return click.Choice([str(choice) for choice in get_args(annotation)])
    if get_origin(annotation) is tuple:  # a comma-separated list, parsed by Parameters
        return str
    return annotation  # type: ignore[return-value]


def parameter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add one option per Parameters field (defaults shown from the model)."""
    for field, info in reversed(Parameters.model_fields.items()):
        default = None if field == "as_of" else info.get_default()
        help_text = info.description or field
        shown = "today" if field == "as_of" else default
        if isinstance(shown, tuple):
            shown = ",".join(shown)
        func = click.option(
            option_name(field),
            field,
            type=_type_of(field),
            default=None,
            help=f"{help_text} [default: {shown}]",
        )(func)
    return func


def parameters_from(options: dict[str, Any]) -> Parameters:
    """Build Parameters from the options given (unset options keep the contract's defaults)."""
    given = {k: v for k, v in options.items() if k in Parameters.model_fields and v is not None}
    as_of = given.get("as_of")
    if isinstance(as_of, datetime):  # click.DateTime gives a datetime
        given["as_of"] = as_of.date()
    try:
        return Parameters(**given)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def basemap_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--basemap URL_TEMPLATE [--basemap-datum] [--basemap-attribution]``: also write
    map-cameras.html on the user's own tiles. Without them nothing refers to any map."""
    func = click.option(
        "--basemap-attribution",
        metavar="TEXT",
        default="",
        help="Credit shown on the map for the tiles (shown as text).",
    )(func)
    func = click.option(
        "--basemap-datum",
        type=click.Choice(["wgs84", "gcj02"]),
        default="wgs84",
        show_default=True,
        help="Datum the tiles are drawn in: gcj02 for AMap-style tiles; wgs84 for "
        "天地图 (CGCS2000) and OSM-style tiles.",
    )(func)
    return click.option(
        "--basemap",
        metavar="URL_TEMPLATE",
        default=None,
        help="Tile URL template of your map service, e.g. "
        "http://tiles.example.gov/{z}/{x}/{y}.png: also write map-cameras.html, the cameras on "
        "those tiles (the pages' only remote reference). Default: no base map, fully offline.",
    )(func)


def basemap_from(url: str | None, datum: str, attribution: str) -> Any:
    """The :class:`~interop.viz.basemap.Basemap` the options name (None without --basemap);
    a bad template is a usage error naming the option."""
    if url is None:
        return None
    from interop.viz.basemap import Basemap, BasemapError

    try:
        return Basemap(url, datum, attribution)  # type: ignore[arg-type]
    except BasemapError as exc:
        raise click.BadParameter(str(exc), param_hint="--basemap") from None


def report_limit_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--report-limit N``: findings report.html/.md list per rule (the spreadsheets and
    findings.json hold them all)."""
    from interop.report.selection import DEFAULT_REPORT_LIMIT

    return click.option(
        "--report-limit",
        type=click.IntRange(min=0),
        default=DEFAULT_REPORT_LIMIT,
        show_default=True,
        metavar="N",
        help="List at most N findings per rule in report.html/.md (most severe, then most "
        "money, first); the rest are counted there and listed in findings.xlsx/.csv.",
    )(func)


def profile_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--profile``: print each step's time (and the peak memory) on stderr at the end."""
    return click.option(
        "--profile",
        is_flag=True,
        help="Print the time of each step (reading, validation, graph, rules, each output) "
        "and the peak memory on stderr at the end.",
    )(func)


def parallel_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--parallel/--no-parallel``: read (from a CSV file) and parse a large table's number,
    enum and date columns, check some rules (``analyze``), write findings.xlsx and draw the
    report's pictures in processes of their own (:mod:`interop.forked`)."""
    return click.option(
        "--parallel/--no-parallel",
        default=True,
        show_default=True,
        help="Read (from a CSV file) and parse a large table's number, enum and date columns, "
        "check some of the rules "
        "(analyze) and write findings.xlsx in processes of their own while this one does "
        "the rest (findings.csv and the graph pages by whichever is free first), and draw "
        "the report's pictures in another, started with the command (Linux with more than "
        "one core; elsewhere one after the other). The same findings and files either way; "
        "--no-parallel uses less memory.",
    )(func)


def start_drawer(parallel: bool, ready_now: bool = True) -> Drawer | None:
    """The report's drawer (:mod:`interop.report.drawer`) for a command that will write the
    report, started now (``parallel``, where the process may fork; getting ready at once,
    or once told: ``ready_now``), ended when the command closes; None otherwise."""
    if not parallel:
        return None
    from interop.report.drawer import Drawer

    drawer = Drawer.start(ready_now)
    if drawer is not None:
        click.get_current_context().call_on_close(drawer.stop)
    return drawer
