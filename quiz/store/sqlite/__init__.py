"""The SQLite backend: one file on one machine (the schema and its migrations, the connection)."""
