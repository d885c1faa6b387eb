"""The two backends' schemas are one schema: after every migration, the tables, their columns
(with the types mapped), primary keys, indexes, unique constraints and foreign keys of a fresh
SQLite store and a fresh PostgreSQL store are the same, but for the differences listed here,
each with its reason. A migration written for one backend and not the other fails here."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from quiz.store.opening import open_store
from quiz.store.sql import SCHEMA_VERSION
from tests.store_backends import at_schema, query


class Table(NamedTuple):
    columns: frozenset[tuple[str, str, bool]]
    """(name, kind, not null)."""
    primary_key: tuple[str, ...]
    indexes: frozenset[tuple[tuple[str, ...], bool]]
    """(columns, unique), primary keys left out."""
    foreign_keys: frozenset[tuple[tuple[str, ...], str, tuple[str, ...]]]


ONLY_POSTGRES = {
    "quiz_schema": "the version lives in a table; SQLite keeps it in PRAGMA user_version",
    "host_grants": "the logins a quiz serve host made; SQLite has no roles (schema 14)",
}
ONLY_POSTGRES_COLUMNS = {
    ("question_versions", "seq"): "insertion order; SQLite has its rowid (Dialect.insertion_order)",
}


def kind(declared: str) -> str:
    """A column type as both backends store its values."""
    name = declared.lower()
    if "int" in name or name in {"bigserial", "serial", "smallserial"}:
        return "integer"
    if any(word in name for word in ("real", "double", "float", "numeric")):
        return "real"
    if "text" in name or "char" in name:
        return "text"
    return name


def sqlite_shape(path: Path) -> dict[str, Table]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]  # fmt: skip
        shape = {}
        for table in names:
            info = conn.execute(f"PRAGMA table_info('{table}')").fetchall()
            primary = tuple(r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5]))
            columns = frozenset((r[1], kind(r[2]), bool(r[3]) or r[1] in primary) for r in info)
            indexes = set()
            for _seq, name, unique, origin, _partial in conn.execute(
                f"PRAGMA index_list('{table}')"
            ):
                if origin == "pk":
                    continue
                cols = tuple(r[2] for r in conn.execute(f"PRAGMA index_info('{name}')"))
                indexes.add((cols, bool(unique)))
            keys: dict[int, list[Any]] = {}
            for row in conn.execute(f"PRAGMA foreign_key_list('{table}')"):
                keys.setdefault(row[0], []).append(row)
            foreign = frozenset(
                (tuple(r[3] for r in rows), rows[0][2], tuple(r[4] for r in rows))
                for rows in keys.values()
            )
            shape[table] = Table(columns, primary, frozenset(indexes), foreign)
        return shape
    finally:
        conn.close()


def pg_shape(url: str) -> dict[str, Table]:
    schema = query(url, "SELECT current_schema()")[0][0]
    tables = [r[0] for r in query(
        url, "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
        " AND table_type = 'BASE TABLE'", (schema,),
    )]  # fmt: skip
    shape = {}
    for table in tables:
        columns = frozenset(
            (str(name), kind(str(data_type)), nullable == "NO")
            for name, data_type, nullable in query(
                url, "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                " WHERE table_schema = ? AND table_name = ?", (schema, table),
            )
        )  # fmt: skip
        indexes = set()
        primary: tuple[str, ...] = ()
        for is_primary, unique, cols in query(
            url,
            "SELECT i.indisprimary, i.indisunique, array(SELECT a.attname FROM unnest(i.indkey)"
            " WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = i.indrelid"
            " AND a.attnum = k.n ORDER BY k.o) FROM pg_index i"
            " WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass",
            (schema, table),
        ):
            if is_primary:
                primary = tuple(cols)
            else:
                indexes.add((tuple(cols), bool(unique)))
        foreign = frozenset(
            (tuple(cols), str(target), tuple(refs))
            for cols, target, refs in query(
                url,
                "SELECT array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)"
                " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),"
                " c.confrelid::regclass::text,"
                " array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)"
                " JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n"
                " ORDER BY k.o) FROM pg_constraint c WHERE c.contype = 'f'"
                " AND c.conrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass",
                (schema, table),
            )
        )
        shape[table] = Table(columns, primary, frozenset(indexes), foreign)
    for table in ONLY_POSTGRES:
        shape.pop(table, None)
    for table, column in ONLY_POSTGRES_COLUMNS:
        if table in shape:
            kept = frozenset(c for c in shape[table].columns if c[0] != column)
            shape[table] = shape[table]._replace(columns=kept)
    return shape


def differences(lite: dict[str, Table], pg: dict[str, Table]) -> list[str]:
    found = [f"table {t} only on SQLite" for t in sorted(lite.keys() - pg.keys())]
    found += [f"table {t} only on PostgreSQL" for t in sorted(pg.keys() - lite.keys())]
    for table in sorted(lite.keys() & pg.keys()):
        for field in Table._fields:
            a, b = getattr(lite[table], field), getattr(pg[table], field)
            if a != b:
                if isinstance(a, frozenset):
                    found.append(f"{table}.{field}: SQLite only {sorted(a - b)}, "
                                 f"PostgreSQL only {sorted(b - a)}")  # fmt: skip
                else:
                    found.append(f"{table}.{field}: SQLite {a}, PostgreSQL {b}")
    return found


def test_a_fresh_store_has_one_schema_on_both_backends(tmp_path: Path, pg_location: str) -> None:
    open_store(tmp_path / "quiz.db").close()
    open_store(pg_location).close()
    assert differences(sqlite_shape(tmp_path / "quiz.db"), pg_shape(pg_location)) == []


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_every_migration_keeps_the_backends_in_step(
    version: int, tmp_path: Path, pg_location: str
) -> None:
    lite = tmp_path / "quiz.db"
    at_schema(str(lite), version)
    at_schema(pg_location, version)
    assert differences(sqlite_shape(lite), pg_shape(pg_location)) == []


def test_a_drift_is_found(tmp_path: Path, pg_location: str) -> None:
    """The comparison can fail: one column more on one side is reported."""
    open_store(tmp_path / "quiz.db").close()
    open_store(pg_location).close()
    query(pg_location, "ALTER TABLE players ADD COLUMN nickname TEXT")
    query(pg_location, "CREATE INDEX players_by_created ON players(created_at)")
    found = differences(sqlite_shape(tmp_path / "quiz.db"), pg_shape(pg_location))
    assert any("nickname" in line for line in found)
    assert any("created_at" in line and "indexes" in line for line in found)


def test_the_comparison_sees_the_whole_schema(tmp_path: Path) -> None:
    """Tables, columns, indexes and foreign keys are read, not left empty."""
    open_store(tmp_path / "quiz.db").close()
    shape = sqlite_shape(tmp_path / "quiz.db")
    assert {"players", "sessions", "answers", "rooms", "members", "units"} <= shape.keys()
    answers = shape["answers"]
    assert ("question_id", "text", True) in answers.columns
    assert answers.primary_key == ("id",)
    assert answers.indexes and answers.foreign_keys
