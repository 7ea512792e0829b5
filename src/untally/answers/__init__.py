"""The questions the record answers, one method each on :class:`untally.record.Record`.

Each module here is a mixin of :class:`~untally.record.Record` plus the typed results its
methods return (Pydantic models carrying their convention, cut-off, coverage and evidence).
The faces (``untally.cli``, ``untally.api``, ``untally.web``) import these models and
``untally.record`` only; they never reach into ``analytics``, ``store`` or ``charter``.

Every answer is also a table: ``answer.to_arrow()`` gives its rows (the vetoes of a list,
the member votes of a decision, the figures of an agreement...) as a typed Arrow table
(dates as ``date32``, tallies as integers, lists as lists), and ``answer.to_pandas()`` the
same through Arrow. A list of answers comes back as :class:`Rows`, which has both too.

Modules import only Pydantic at the top: the heavy engines (PyArrow, NumPy, the claim
checker) are imported inside the methods that use them, so a quick question starts quickly.
"""

from __future__ import annotations

import json
import types
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["Answer", "Rows", "to_arrow"]

# The field that holds an answer's rows, by model name (one place); an answer not named here
# is one row of its own scalar fields.
ROWS = {
    "VetoList": "vetoes",
    "Held": "periods",
    "VetoStats": "rows",
    "Decision": "votes",
    "AssemblyVote": "votes",
    "Agreement": "results",
    "Isolation": "votes",
    "IdealPoints": "points",
    "Counterfactual": "changes",
    "RulesReport": "decisions",
    "Info": "sources",
    "GARecordTopics": "topics",
    "AidSeries": "rows",
    "AidRanking": "rows",
    "ArmsShares": "rows",
    "RollCall": "members",
}


class Answer(BaseModel):
    """Base of every answer model: validators are built on first use, not at import, so a
    command pays only for the models it returns."""

    model_config = ConfigDict(defer_build=True)

    def to_arrow(self) -> pa.Table:
        """The answer's rows as a typed Arrow table (see :data:`ROWS`)."""
        return to_arrow(self)

    def to_pandas(self) -> pd.DataFrame:
        """The answer's rows as a pandas DataFrame (through Arrow: dates stay dates)."""
        return self.to_arrow().to_pandas()


T = TypeVar("T", bound=BaseModel)


class Rows(list[T], Generic[T]):
    """A list of answers (e.g. the vetoes of ``Record.vetoes``) that is also a table."""

    def __init__(self, items: Any = (), model: type[T] | None = None) -> None:
        super().__init__(items)
        self.model = model or (type(self[0]) if self else None)

    def to_arrow(self) -> pa.Table:
        return table_of(list(self), self.model)

    def to_pandas(self) -> pd.DataFrame:
        return self.to_arrow().to_pandas()


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a field annotation: dates as date32, ints as int64, lists as lists;
    nested models and mappings as JSON text."""
    import pyarrow as pa

    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        if len(kinds) == 1:
            return arrow_type(kinds[0])
        return pa.string()  # e.g. int | str: written as text
    if origin in (list, tuple, set, frozenset):
        inner = [a for a in args if a is not Ellipsis]
        return pa.list_(arrow_type(inner[0]) if inner else pa.string())
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int64()
    if annotation is float:
        return pa.float64()
    if annotation is datetime:
        return pa.timestamp("us", tz="UTC")
    if annotation is date:
        return pa.date32()
    return pa.string()


def _cell(value: Any, kind: pa.DataType) -> Any:
    import pyarrow as pa

    if value is None:
        return None
    if isinstance(value, Enum):
        return value.value
    if pa.types.is_list(kind):
        return [_cell(v, kind.value_type) for v in value]
    if pa.types.is_string(kind) and not isinstance(value, str):
        if isinstance(value, BaseModel):
            return value.model_dump_json()
        if isinstance(value, dict | list | tuple):
            return json.dumps(value, default=str)
        return str(value)
    return value


def table_of(rows: list[Any], model: type[BaseModel] | None) -> pa.Table:
    """Rows (models or dicts) as an Arrow table whose schema comes from ``model``'s fields."""
    import pyarrow as pa

    if model is None or not (isinstance(model, type) and issubclass(model, BaseModel)):
        dicts = [r.model_dump() if isinstance(r, BaseModel) else dict(r) for r in rows]
        return pa.Table.from_pylist(dicts)
    fields = {n: arrow_type(f.annotation) for n, f in model.model_fields.items()}
    columns = {
        name: pa.array([_cell(getattr(r, name, None), kind) for r in rows], type=kind)
        for name, kind in fields.items()
    }
    return pa.table(columns, schema=pa.schema(list(fields.items())))


def _row_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    annotation = model.model_fields[name].annotation
    for arg in get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def to_arrow(answer: BaseModel) -> pa.Table:
    """Any answer as a typed Arrow table: the rows it holds, or itself as one row."""
    model = type(answer)
    name = ROWS.get(model.__name__)
    if name and name in model.model_fields:
        return table_of(list(getattr(answer, name)), _row_model(model, name))
    return table_of([answer], model)
