"""Neo4j side of interop: connection settings, statements generated from the schema
declaration, batched idempotent loading, and the local server manager (``local``)."""
