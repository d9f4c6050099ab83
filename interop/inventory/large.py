"""When a table is a city's size: the threshold above which its columns are read or
parsed by a forked copy of the process (:mod:`interop.inventory.beside`,
:mod:`interop.inventory.read_beside`), and what such a copy works out of a city's cameras
for the rules (:mod:`interop.prepare`). A module of its own, imported before the copy that
reads a camera file is forked, which imports nothing heavy."""

COLUMNS_BESIDE_FROM = 200_000
"""A table of at least this many rows (a city's cameras) has its number, enum and date
columns trimmed, noticed and parsed by a forked copy of the process
(:func:`~interop.inventory.beside.parse_beside`; read too, from a CSV file:
:func:`~interop.inventory.read_beside.read_beside`) while this process validates the
tables before it and the table's other columns: ids, references and text (which the copy
would have to send back as a million strings each, where a number or date column is 8
MB)."""

SITE_COLUMNS = ("lat", "lon", "coord_system", "status", "owner_id")
"""The camera columns the duplicate sites' numeric core reads
(:mod:`interop.rules._camera_sites`), which a copy of the process works out from a city's
cameras as soon as validation knows their rows (:mod:`interop.prepare`): declared here,
where both may import them (the copy is started before the rules are imported)."""

SITES = "camera.duplicate_site: sites"
"""The name that core is prepared under (:attr:`AuditContext.prepared`)."""
