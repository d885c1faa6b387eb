"""The PostgreSQL backend: one database shared by many machines (the schema, its migrations and
the server-side functions in `sql/`, the connections)."""
