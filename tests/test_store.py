"""Sync builds one validated DuckDB file, swapped in atomically; bad input never harms it."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from mirror_server import Fault, MirrorServer
from untally.errors import ChecksumMismatch, MalformedData, NoDatabase, UntallyError
from untally.store import Store, build

SC = "undl/sc_voting.csv.gz"
HEADER = (
    "undl_id,ms_code,ms_name,permanent_member,ms_vote,date,resolution,draft,meeting,description,"
    "agenda,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,"
    "modality,undl_link"
)
GOOD_ROW = (
    "1,USA,UNITED STATES,True,Y,1946-01-25,S/RES/1(1946),,,Resolution 1,,,,1,0,0,0,1,Vote,"
    "https://digitallibrary.un.org/record/1"
)


def count(db: Path, query: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).fetchall()[0][0]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mirror_with(mirror: Path, tmp: Path, replace: dict[str, bytes]) -> Path:
    """A mirror folder linking to the real files, with some files replaced by test bytes."""
    root = tmp / "mirror"
    for src in mirror.rglob("*"):
        if src.is_file():
            dst = root / src.relative_to(mirror)
            dst.parent.mkdir(parents=True, exist_ok=True)
            rel = str(src.relative_to(mirror))
            if rel in replace:
                dst.write_bytes(replace[rel])
            else:
                dst.symlink_to(src)
    return root


def gz(text: str) -> bytes:
    return gzip.compress(text.encode())


def test_every_adopted_resolution_in_the_source_is_a_decision(built_db, mirror):
    with duckdb.connect() as con:
        expected = con.execute(
            f"SELECT count(DISTINCT resolution) FROM read_csv(['{mirror / SC}', "
            f"'{mirror / 'undl/official_sc_voting_2026_02_06_2022on.csv'}'], union_by_name=true)"
        ).fetchall()[0][0]
    assert count(built_db, "SELECT count(*) FROM decisions WHERE kind = 'resolution'") == expected


def test_every_row_of_the_veto_list_and_its_supplement_is_a_veto(built_db, mirror):
    files = ("unsc_vetoes_1946_sept2022.csv", "veto_list_2022_2025_supplement.csv")
    with duckdb.connect() as con:
        query = "SELECT count(*) FROM read_csv(?)"
        rows = sum(con.execute(query, [str(mirror / "vetoes" / f)]).fetchall()[0][0] for f in files)
    drafts = "SELECT count(*) FROM vetoes JOIN decisions USING (decision_id) WHERE kind = 'draft'"
    assert count(built_db, drafts) == rows


def test_provenance_records_the_sha256_of_each_loaded_file(built_db, mirror):
    with duckdb.connect(str(built_db), read_only=True) as con:
        got = dict(con.execute("SELECT file, sha256 FROM provenance").fetchall())
    assert got["sc_voting"] == sha(mirror / SC)
    assert got["veto_list"] == sha(mirror / "vetoes/unsc_vetoes_1946_sept2022.csv")


def test_provenance_counts_rows_per_file(built_db):
    assert count(built_db, "SELECT rows FROM provenance WHERE file = 'sc_voting'") == count(
        built_db,
        "SELECT count(*) FROM votes v JOIN decisions d USING (decision_id) "
        "WHERE d.kind = 'resolution' AND d.year <= 2021",
    )


def test_one_vote_per_member_per_resolution(built_db):
    assert (
        count(
            built_db,
            "SELECT count(*) FROM "
            "(SELECT decision_id, member FROM votes GROUP BY ALL HAVING count(*) > 1)",
        )
        == 0
    )


def test_tallies_that_disagree_with_member_votes_are_listed_not_hidden(built_db):
    assert (
        count(
            built_db,
            "SELECT count(*) FROM issues WHERE check_name = 'tally_vs_member_votes' "
            "AND subject = 'S/RES/1966(2010)'",
        )
        == 1
    )


def test_every_veto_names_only_permanent_members(built_db):
    assert (
        count(
            built_db,
            "SELECT count(*) FROM vetoes, unnest(vetoed_by) u(c) JOIN members m ON m.code = u.c "
            "WHERE NOT m.permanent",
        )
        == 0
    )


def test_ussr_and_russian_federation_vetoes_are_kept_apart(built_db):
    assert (
        count(
            built_db,
            "SELECT count(*) FROM vetoes WHERE list_contains(vetoed_by, 'SUN') "
            "AND date > DATE '1991-12-25'",
        )
        == 0
    )
    assert (
        count(
            built_db,
            "SELECT count(*) FROM vetoes WHERE list_contains(vetoed_by, 'RUS') "
            "AND date < DATE '1991-12-25'",
        )
        == 0
    )


def test_no_database_error_says_to_sync(tmp_path):
    with pytest.raises(NoDatabase, match="untally sync"):
        Store(tmp_path / "none.duckdb")


def test_scalar_is_the_one_value_of_an_aggregate_query(tmp_path):
    db = tmp_path / "t.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE t AS SELECT * FROM range(3) r(x)")
    with Store(db) as store:
        assert store.scalar("SELECT count(*) FROM t") == len(store.rows("SELECT x FROM t"))


def test_scalar_of_a_query_that_returns_no_row_is_an_error_not_none(tmp_path):
    db = tmp_path / "t.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE t AS SELECT * FROM range(3) r(x)")
    with Store(db) as store, pytest.raises(ValueError, match="no row"):
        store.scalar("SELECT x FROM t WHERE x < 0")


def test_malformed_row_fails_the_sync_naming_file_and_line(mirror, tmp_path):
    bad = mirror_with(mirror, tmp_path, {SC: gz(f"{HEADER}\n{GOOD_ROW}\n1,USA,US,True,Y\n")})
    with pytest.raises(MalformedData, match=r"sc_voting.csv.gz: line 3 has 5 fields"):
        build(tmp_path / "db.duckdb", mirror=str(bad))


def test_invalid_vote_value_names_the_column(mirror, tmp_path):
    row = GOOD_ROW.replace(",Y,", ",Q,")
    bad = mirror_with(mirror, tmp_path, {SC: gz(f"{HEADER}\n{row}\n")})
    with pytest.raises(MalformedData, match=r"line 2, column ms_vote: 'Q'"):
        build(tmp_path / "db.duckdb", mirror=str(bad))


def test_unknown_member_code_fails_with_the_code(mirror, tmp_path):
    row = GOOD_ROW.replace("USA,UNITED STATES", "QQQ,NOWHERE")
    bad = mirror_with(mirror, tmp_path, {SC: gz(f"{HEADER}\n{row}\n")})
    with pytest.raises(MalformedData, match="unknown member 'QQQ'"):
        build(tmp_path / "db.duckdb", mirror=str(bad))


def test_truncated_gzip_file_is_a_clear_error(mirror, tmp_path):
    data = (mirror / SC).read_bytes()
    bad = mirror_with(mirror, tmp_path, {SC: data[: len(data) // 2]})
    with pytest.raises(MalformedData, match=r"sc_voting\.csv\.gz: cannot be read"):
        build(tmp_path / "db.duckdb", mirror=str(bad))


def test_missing_column_is_named(mirror, tmp_path):
    header = HEADER.replace("ms_vote,", "")
    row = GOOD_ROW.replace(",Y,", ",")
    bad = mirror_with(mirror, tmp_path, {SC: gz(f"{header}\n{row}\n")})
    with pytest.raises(MalformedData, match=r"missing column.*ms_vote"):
        build(tmp_path / "db.duckdb", mirror=str(bad))


def test_failed_sync_leaves_the_previous_database_untouched(built_db, mirror, tmp_path):
    db = tmp_path / "db.duckdb"
    shutil.copy(built_db, db)
    before = sha(db)
    bad = mirror_with(mirror, tmp_path, {SC: gz(f"{HEADER}\n{GOOD_ROW}\n1,USA\n")})
    with pytest.raises(UntallyError):
        build(db, mirror=str(bad))
    assert sha(db) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".db")] == []
    assert count(db, "SELECT count(*) FROM vetoes") > 0


def test_checksum_mismatch_over_http_keeps_the_previous_database(built_db, mirror, tmp_path):
    db = tmp_path / "db.duckdb"
    shutil.copy(built_db, db)
    before = sha(db)
    sums = f"{sha(mirror / SC)}  {SC}\n".encode()
    with (
        MirrorServer(
            mirror, extra={"SHA256SUMS": sums}, faults={SC: Fault(corrupt=True, times=-1)}
        ) as s,
        pytest.raises(ChecksumMismatch, match="does not match"),
    ):
        build(db, mirror=s.url)
    assert sha(db) == before


def test_sync_over_http_equals_sync_from_the_folder(built_db, mirror, tmp_path):
    db = tmp_path / "http.duckdb"
    with MirrorServer(mirror, faults={SC: Fault(drop_after=50_000)}) as s:
        build(db, mirror=s.url)
    query = "SELECT count(*), sum(yes), count(DISTINCT decision_id) FROM decisions"
    with (
        duckdb.connect(str(db), read_only=True) as a,
        duckdb.connect(str(built_db), read_only=True) as b,
    ):
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
        assert (
            a.execute("SELECT sha256 FROM provenance ORDER BY file").fetchall()
            == b.execute("SELECT sha256 FROM provenance ORDER BY file").fetchall()
        )


def test_validation_refuses_a_database_that_lost_rows(built_db, tmp_path):
    from untally.store.validate import validate

    db = tmp_path / "copy.duckdb"
    shutil.copy(built_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM vetoes WHERE veto_id = 1")
        with pytest.raises(UntallyError, match="the sources hold 214 vetoes"):
            validate(con, {"vetoes": 214})


def test_info_lists_resolution_numbers_missing_from_the_sources(built_db, mirror):
    from untally.record import Record

    with duckdb.connect() as con:
        present = {
            int(r[0])
            for r in con.execute(
                f"SELECT DISTINCT regexp_extract(resolution, 'S/RES/(\\d+)', 1) FROM read_csv(["
                f"'{mirror / SC}', '{mirror / 'undl/official_sc_voting_2026_02_06_2022on.csv'}'],"
                " union_by_name=true, all_varchar=true)"
            ).fetchall()
        }
    expected = [f"S/RES/{n}" for n in range(1, max(present) + 1) if n not in present]
    with Record(built_db) as record:
        assert record.info().missing_resolutions == expected
