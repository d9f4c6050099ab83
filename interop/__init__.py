"""interop: a graph-based interoperability analyzer for audits of government information systems."""

from interop.paths import find_checkout_loaders

__version__ = "0.1.0"

find_checkout_loaders()
