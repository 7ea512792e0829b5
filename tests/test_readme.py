"""Docs that run: every Python block in the README is executed against the record built from
the mirror, and what it prints must equal the ```text block that follows it."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"```python\n(.*?)```\n\n```text\n(.*?)```", re.S)


def examples() -> list[tuple[str, str]]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def test_the_readme_has_python_examples_with_their_output():
    assert len(examples()) >= 2


@pytest.mark.parametrize("number", range(len(examples())))
def test_a_readme_python_example_prints_what_the_readme_says(
    built_db, monkeypatch: pytest.MonkeyPatch, number: int
):
    code, expected = examples()[number]
    monkeypatch.setenv("UNTALLY_DB", str(built_db))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, f"README.md example {number + 1}", "exec"), {"__name__": "__readme__"})
    assert printed.getvalue() == expected
