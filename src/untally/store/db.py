"""Read access to a built database."""

from __future__ import annotations

from pathlib import Path

import duckdb

from untally import config
from untally.errors import NoDatabase, StoreError


class Store:
    """A read-only connection to the record; ``untally sql`` and the analytics run on it."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = config.db_path(path)
        if not self.path.is_file():
            raise NoDatabase(
                f"no database at {self.path}",
                "run `untally sync` (or `untally sync --from DIR` with a mirror) first",
            )
        try:
            self.con = duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error as exc:
            raise StoreError(
                f"{self.path} is not a readable untally database ({exc})",
                "delete it and run `untally sync` again",
            ) from None

    def rows(self, query: str, params: list | dict | None = None) -> list[tuple]:
        return self.con.execute(query, params).fetchall()

    def one(self, query: str, params: list | dict | None = None) -> tuple | None:
        rows = self.con.execute(query, params).fetchall()  # fetchall completes the result
        return rows[0] if rows else None

    def dicts(self, query: str, params: list | dict | None = None) -> list[dict]:
        cursor = self.con.execute(query, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
