"""The layers hold: no face (CLI, HTTP API, web pages) imports below the record API.

sources -> store -> charter / analytics -> record API (untally.record, untally.answers)
-> cli / api / web. Every import statement in a face module, at any depth (commands import
lazily), is checked.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "untally"
FACES = ("cli", "api", "web")
BELOW = ("untally.analytics", "untally.store", "untally.charter", "untally.sources",
         "untally.reproduce")  # fmt: skip


def imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names.extend(f"{node.module}.{a.name}" for a in node.names)
    return names


FACE_FILES = sorted(p for face in FACES for p in (SRC / face).rglob("*.py"))


@pytest.mark.parametrize("path", FACE_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_faces_do_not_import_below_the_record_api(path):
    bad = [n for n in imports(path) if n.startswith(BELOW) or n in ("untally.charter",)]
    bad += [n for n in imports(path) if n.startswith("untally") and n.split(".")[-1] in
            ("analytics", "store", "charter")]  # fmt: skip
    assert bad == [], f"{path.relative_to(SRC)} imports {bad}"


def test_every_face_exists():
    assert {p.relative_to(SRC).parts[0] for p in FACE_FILES} == set(FACES)


def test_the_record_api_does_not_import_a_face():
    for path in [SRC / "record.py", *(SRC / "answers").rglob("*.py")]:
        bad = [n for n in imports(path) if n.startswith(tuple(f"untally.{f}" for f in FACES))]
        assert bad == [], f"{path.relative_to(SRC)} imports {bad}"
