"""`untally export`: tidy tables with a Frictionless data package that validates, and R's
`unvotes` tables in the package's own column layout (compared with the mirror's copy)."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import Package, validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from untally import Record, UntallyError
from untally.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def record(built_db):
    with Record(built_db) as r:
        yield r


@pytest.fixture(scope="module")
def parquet_export(record, tmp_path_factory):
    return record.export(tmp_path_factory.mktemp("export") / "all", "parquet")


@pytest.fixture(scope="module")
def unvotes_export(record, tmp_path_factory):
    return record.export_unvotes(tmp_path_factory.mktemp("unvotes"), "csv")


def count(db, table):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_the_council_csv_export_validates_with_frictionless(built_db, tmp_path):
    args = ["export", str(tmp_path / "sc"), "--format", "csv", "--organ", "sc"]
    result = runner.invoke(app, [*args, "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    report = validate(str(tmp_path / "sc" / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:5]
    descriptor = json.loads((tmp_path / "sc" / "datapackage.json").read_text())
    names = {r["name"] for r in descriptor["resources"]}
    assert names == {"members", "sc-decisions", "sc-votes", "sc-topics", "vetoes", "provenance"}


def test_the_assembly_csv_export_validates_with_frictionless(record, tmp_path):
    record.export(tmp_path, "csv", "ga")
    report = validate(str(tmp_path / "datapackage.json"), limit_rows=5000)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:5]


def test_the_parquet_export_has_every_table_typed_and_counted(built_db, parquet_export):
    written = {w.name: w for w in parquet_export.tables}
    for table, source in [("sc_votes", "votes"), ("ga_votes", "ga_votes"),
                          ("sc_decisions", "decisions"), ("vetoes", "vetoes")]:  # fmt: skip
        assert written[table].rows == count(built_db, source)
        assert pq.read_metadata(written[table].path).num_rows == written[table].rows
    ga_votes = pq.read_table(written["ga_votes"].path, columns=["vote_id", "member"])
    keys = list(zip(*(ga_votes.column(c).to_pylist() for c in ("vote_id", "member")), strict=True))
    assert keys == sorted(keys)  # the order the store keeps, without a sort at export
    decisions = pq.read_schema(written["sc_decisions"].path)
    assert decisions.field("date").type == pa.date32()
    assert decisions.field("yes").type == pa.int32()
    assert decisions.field("vetoed_by" if "vetoed_by" in decisions.names else "symbols").type == (
        pa.list_(pa.string())
    )


def test_the_descriptor_names_terms_provenance_and_coverage(parquet_export):
    with open(parquet_export.descriptor, encoding="utf-8") as f:
        descriptor = json.load(f)
    checked = Package.validate_descriptor(descriptor)
    assert checked.valid, checked.flatten(["type", "note"])
    by_name = {r["name"]: r for r in descriptor["resources"]}
    votes = by_name["ga-votes"]
    assert votes["schema"]["primaryKey"] == ["vote_id", "member"]
    assert {fk["reference"]["resource"] for fk in votes["schema"]["foreignKeys"]} == {
        "ga-roll-calls", "members"}  # fmt: skip
    sources = by_name["ga-roll-calls"]["sources"]
    assert all(s["terms"] and s["files"][0]["sha256"] for s in sources)
    assert by_name["sc-decisions"]["coverage"]["start"].startswith("1946")


def test_unvotes_tables_have_the_r_package_columns_and_dtypes(mirror, unvotes_export):
    ours = {w.name: pd.read_csv(w.path, keep_default_na=True) for w in unvotes_export.tables}
    theirs = {
        "un_votes": pd.read_csv(mirror / "unvotes" / "un_votes.csv.gz", nrows=1000),
        "un_roll_calls": pd.read_csv(mirror / "unvotes" / "un_roll_calls.csv", nrows=1000),
        "un_roll_call_issues": pd.read_csv(mirror / "unvotes" / "un_roll_call_issues.csv"),
    }
    for name, frame in theirs.items():
        assert list(ours[name].columns) == list(frame.columns), name
        for column in frame.columns:
            if column == "importantvote":  # not in the UN's records: NA (docs/exports.md)
                assert ours[name][column].isna().all()
            elif len(ours[name]):
                assert ours[name][column].dtype == frame[column].dtype, (name, column)
    assert set(ours["un_votes"]["vote"]) == {"yes", "no", "abstain"}


def test_unvotes_parquet_keeps_the_r_types(record):
    tables = record.unvotes()
    votes, calls = tables["un_votes"], tables["un_roll_calls"]
    assert votes.schema.field("vote").type == pa.dictionary(pa.int8(), pa.string())
    assert votes.column("vote").combine_chunks().dictionary.to_pylist() == ["yes", "abstain", "no"]
    assert calls.schema.field("date").type == pa.date32()
    assert calls.schema.field("rcid").type == pa.float64()  # R's numeric
    assert calls.schema.field("amend").type == pa.int32()  # R's integer
    ussr = votes.filter(pa.compute.equal(votes.column("country_code"), "RU"))
    assert ussr.num_rows > 0


def test_bad_export_arguments_raise_one_line(record, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(UntallyError, match="is a file"):
        record.export(tmp_path / "file")
    with pytest.raises(UntallyError, match="unknown export format"):
        record.export(tmp_path / "x", "xlsx")
    with pytest.raises(UntallyError, match="does not exist"):
        record.export(tmp_path / "no" / "such")


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    name=st.sampled_from(["", " ", "out", "x" * 300, "é", "a;b", "%", ".", "sub/dir", "-1"]),
    fmt=st.sampled_from([None, "parquet", "csv", "", "xlsx", "CSV"]),
    organ=st.sampled_from([None, "sc", "ga", "", "un"]),
    unvotes=st.booleans(),
)
def test_export_never_crashes(built_db, tmp_path_factory, name, fmt, organ, unvotes):
    """Driven like every command in tests/test_cli_inputs.py: exit 0 or one line, exit 2."""
    base = tmp_path_factory.mktemp("fuzz")
    args = ["export", str(base / name), "--db", str(built_db)]
    args += ["--format", fmt] if fmt is not None else []
    args += ["--organ", organ] if organ is not None else []
    args += ["--unvotes"] if unvotes else []
    result = runner.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert isinstance(result.exception, UntallyError), repr(result.exception)
    else:
        assert result.exit_code in (0, 2), result.output
