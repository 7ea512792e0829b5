"""Run `untally sync` in this process, pausing at one stage so a test can signal it there.

    python sync_harness.py STAGE -- sync --db DB --from MIRROR -q

Prints ``STAGE <name>`` on stdout when the sync reaches the stage, then waits there: in Python
(``fetch``, ``parse``, ``swap``: just before the rename), inside a long DuckDB query
(``build``), or, for ``swapped``, just after the rename while the kept copies are saved. Only
the Council sources are synced, so a run takes a second or two.
"""

from __future__ import annotations

import importlib
import sys
import time

from untally.sources import fetch as fetch_module
from untally.sources.registry import SOURCES

build_module = importlib.import_module("untally.store.build")  # the module, not the function


def announce(stage: str) -> None:
    sys.stdout.write(f"STAGE {stage}\n")
    sys.stdout.flush()


def main() -> None:
    stage = sys.argv[1]
    args = sys.argv[sys.argv.index("--") + 1 :]
    build_module.build.__kwdefaults__["sources"] = tuple(
        s for s in SOURCES if not s.name.startswith("undl_ga")
    )
    if stage == "fetch":
        real_fetch = fetch_module.Fetcher.fetch

        def fetch(self, file, progress=None):
            if file.key == "veto_list":
                announce(stage)
                time.sleep(30)
            return real_fetch(self, file, progress)

        fetch_module.Fetcher.fetch = fetch  # type: ignore[method-assign]
    elif stage == "parse":
        real_parse = build_module.parse_all

        def parse_all(sources, fetched):
            announce(stage)
            time.sleep(30)
            return real_parse(sources, fetched)

        build_module.parse_all = parse_all
    elif stage == "build":
        real_classify = build_module.classify_topics

        def classify_topics(con):
            real_classify(con)
            announce(stage)
            con.execute("SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3").fetchall()

        build_module.classify_topics = classify_topics
    elif stage == "swap":
        real_compare = build_module.compare

        def compare(con, previous):
            diff = real_compare(con, previous)
            announce(stage)
            time.sleep(30)
            return diff

        build_module.compare = compare
    elif stage == "swapped":
        real_save = build_module.save_kept

        def save_kept(sources, fetched, db):
            announce(stage)
            time.sleep(2)  # the signal arrives here and is held back until the sync is whole
            real_save(sources, fetched, db)

        build_module.save_kept = save_kept
    from untally.cli import main as cli_main

    sys.argv = ["untally", *args]
    cli_main()


if __name__ == "__main__":
    main()
