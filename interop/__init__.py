"""interop: a graph-based interoperability analyzer for audits of government information systems."""

__version__ = "0.1.0"
