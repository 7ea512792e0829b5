"""The questions the record answers, one method each on :class:`untally.record.Record`.

Each module here is a mixin of :class:`~untally.record.Record` plus the typed results its
methods return (Pydantic models carrying their convention, cut-off, coverage and evidence).
The faces (``untally.cli``, ``untally.api``, ``untally.web``) import these models and
``untally.record`` only; they never reach into ``analytics``, ``store`` or ``charter``.

Modules import only Pydantic at the top: the heavy engines (PyArrow, NumPy, the claim
checker) are imported inside the methods that use them, so a quick question starts quickly.
"""

from pydantic import BaseModel, ConfigDict


class Answer(BaseModel):
    """Base of every answer model: validators are built on first use, not at import, so a
    command pays only for the models it returns."""

    model_config = ConfigDict(defer_build=True)
