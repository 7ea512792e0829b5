"""US aid, arms transfers and roll calls: parsers, queries and commands.

Most tests run on hand-made files in ``tests/fixtures/us`` whose answers are known by
construction (a tiny database holding only the members table and the US tables); a few
check the real mirror (FY2020 obligations to Israel, the 2021 Iron Dome roll call) against
values read from the mirror's own files.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from untally.cli import app
from untally.errors import MalformedData, NotFound, UnknownMember, UntallyError
from untally.record import Record
from untally.sources import fa_gov, greenbook, sipri, voteview

FIXTURES = Path(__file__).parent / "fixtures" / "us"
runner = CliRunner()


def parsed() -> dict:
    return {
        "fa_gov.country_summary": fa_gov.parse_country_summary(FIXTURES / "fa_gov.csv"),
        "greenbook.loans_grants": greenbook.parse_greenbook(FIXTURES / "greenbook.csv"),
        "sipri.tiv": sipri.parse_tiv(FIXTURES / "sipri.csv"),
        "voteview.rollcalls": voteview.parse_rollcalls(FIXTURES / "rollcalls.csv"),
        "voteview.member_votes": voteview.parse_member_votes(FIXTURES / "member_votes.csv"),
    }


@pytest.fixture(scope="module")
def us_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the members table and the US tables loaded from the fixtures."""
    from untally.members import members_table
    from untally.store.build import schema_sql
    from untally.store.us import US_SCHEMA, load_us

    path = tmp_path_factory.mktemp("us") / "untally.duckdb"
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    con.execute(US_SCHEMA)
    con.register("m", members_table())
    con.execute(
        "INSERT INTO members BY NAME SELECT code, name, iso3, kind, valid_from, valid_until, "
        "successor, permanent, aliases FROM m"
    )
    load_us(con, parsed())
    con.close()
    return path


@pytest.fixture
def record(us_db: Path):
    with Record(us_db) as r:
        yield r


# ------------------------------------------------------------------ parsers


def test_transaction_types_become_the_measures_untally_names():
    table = parsed()["fa_gov.country_summary"]
    assert set(table.column("measure").to_pylist()) == {
        "obligations", "disbursements", "appropriations",
    }  # fmt: skip


def test_the_transition_quarter_is_kept_as_its_fiscal_year_with_a_flag():
    rows = parsed()["fa_gov.country_summary"].to_pylist()
    tq = [r for r in rows if r["transition_quarter"]]
    assert [(r["fiscal_year"], r["current_usd"]) for r in tq] == [(1976, 20)]


def test_regions_and_world_are_marked_aggregate_and_null_codes_stay_null():
    rows = parsed()["fa_gov.country_summary"].to_pylist()
    assert {r["country_name"] for r in rows if r["aggregate"]} == {"Middle East Region", "World"}
    assert [r["country_code"] for r in rows if r["country_name"].startswith("Soviet")] == [None]


def test_a_changed_header_is_one_line_naming_the_missing_column(tmp_path):
    path = tmp_path / "fa.csv"
    text = (FIXTURES / "fa_gov.csv").read_text().replace('"current_amount"', '"amount"', 1)
    path.write_text(text)
    with pytest.raises(MalformedData, match=r"missing column.*current_amount"):
        fa_gov.parse_country_summary(path)


def test_a_malformed_amount_names_its_line(tmp_path):
    path = tmp_path / "fa.csv"
    lines = (FIXTURES / "fa_gov.csv").read_text().splitlines()
    lines[3] = lines[3].replace(",1000,1100", ",1k,1100")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(MalformedData, match="line 4, column current_amount: '1k'"):
        fa_gov.parse_country_summary(path)


def test_an_unknown_transaction_type_names_the_remedy(tmp_path):
    path = tmp_path / "fa.csv"
    path.write_text((FIXTURES / "fa_gov.csv").read_text().replace("Disbursements", "Gifts"))
    with pytest.raises(MalformedData, match="'Gifts' is not one of") as exc:
        fa_gov.parse_country_summary(path)
    assert "MEASURES" in str(exc.value.remedy)


def test_a_greenbook_category_other_than_economic_or_military_is_refused(tmp_path):
    path = tmp_path / "gb.csv"
    path.write_text((FIXTURES / "greenbook.csv").read_text().replace("Economic", "Social"))
    with pytest.raises(MalformedData, match="'Social' is not one of Economic, Military"):
        greenbook.parse_greenbook(path)


def test_sipri_markers_become_kinds_and_leave_the_names():
    rows = sipri.parse_tiv(FIXTURES / "sipri.csv").to_pylist()
    kinds = {r["recipient"]: r["recipient_kind"] for r in rows}
    assert kinds == {"Israel": "state", "Hezbollah (Lebanon)": "non-state", "NATO": "organisation"}


def test_a_voteview_cast_code_above_nine_is_refused(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text((FIXTURES / "member_votes.csv").read_text().replace(",9,Not Voting", ",12,X"))
    with pytest.raises(MalformedData, match="12 is not a Voteview cast code"):
        voteview.parse_member_votes(path)


@pytest.mark.parametrize("spelling", ["H.R. 99", "hr99", "H.R.99", " HR 99 "])
def test_bill_numbers_match_in_any_usual_spelling(record, spelling):
    assert record.congress(spelling)[0].bill == "HR99"


# ------------------------------------------------------------------ aid


def test_aid_sums_the_transition_quarter_into_its_fiscal_year(record):
    series = record.aid("ISR", since=1976, until=1976)
    assert [(r.fiscal_year, r.amount_usd) for r in series.rows] == [(1976, 120)]


def test_aid_total_is_the_sum_of_the_years_in_the_period(record):
    series = record.aid("Israel", since=2019, until=2020)
    assert series.total_usd == 1000 + 2000
    assert series.convention == (
        "total aid, obligations, current US dollars, US fiscal year (1 October to 30 September)"
    )


def test_the_constant_dollar_base_is_read_per_measure_from_the_data(record):
    assert record.aid("ISR", dollars="constant").dollar_basis == "constant FY2020 US dollars"
    appropriations = record.aid("ISR", dollars="constant", measure="appropriations")
    assert appropriations.dollar_basis == "constant FY2021 US dollars"


def test_military_aid_comes_from_the_greenbook_with_its_split_and_rounding_note(record):
    series = record.aid("ISR", kind="military", since=2019)
    assert [(r.amount_usd, r.economic_usd, r.military_usd) for r in series.rows] == [(70, 5, 70)]
    assert series.source.startswith("USAID Greenbook")
    assert any("two significant figures" in n for n in series.notes)


def test_military_aid_as_disbursements_is_refused_with_the_remedy(record):
    with pytest.raises(UntallyError, match="only in the Greenbook, which reports obligations"):
        record.aid("ISR", kind="military", measure="disbursements")


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"measure": "grants"}, "unknown measure 'grants'"),
        ({"kind": "covert"}, "unknown kind 'covert'"),
        ({"dollars": "real"}, "unknown dollar basis 'real'"),
        ({"since": 2021, "until": 2019}, "starts (2021) after it ends (2019)"),
        ({"since": 2030}, "obligations data end in FY2020"),
    ],
)
def test_bad_aid_options_are_one_line_errors(record, kwargs, says):
    with pytest.raises(UntallyError) as exc:
        record.aid("ISR", **kwargs)
    assert says in str(exc.value)


def test_an_unknown_country_is_refused_with_suggestions(record):
    with pytest.raises(UnknownMember, match="unknown country 'Untied Staets'"):
        record.aid("Untied Staets")


def test_a_country_without_aid_rows_is_not_found(record):
    with pytest.raises(NotFound, match="no US aid rows for FRA"):
        record.aid("France")


def test_the_ranking_leaves_out_regions_and_the_world(record):
    ranking = record.aid_top(2020, top=5)
    assert [(r.rank, r.code, r.amount_usd) for r in ranking.rows] == [
        (1, "ISR", 2000), (2, "JOR", 1500),
    ]  # fmt: skip


def test_the_military_ranking_leaves_out_unspecified_regions(record):
    ranking = record.aid_top(2019, kind="military")
    assert [r.code for r in ranking.rows] == ["ISR", "EGY"]


def test_aid_rows_are_a_typed_arrow_table(record):
    table = record.aid("ISR", since=2019).to_arrow()
    assert table.column_names[:2] == ["fiscal_year", "amount_usd"]
    assert table.column("amount_usd").to_pylist() == [1000, 2000]


def test_aid_figures_give_the_period_under_every_measure_and_dollar_basis(record):
    figures = {(f.measure, f.dollars): f.total_usd for f in record.aid_figures("ISR", since=2020)}
    assert figures == {
        ("obligations", "current"): 2000, ("obligations", "constant"): 2000,
        ("disbursements", "current"): 1500, ("disbursements", "constant"): 1500,
        ("appropriations", "current"): 1800 + 1800, ("appropriations", "constant"): 1900 + 1800,
    }  # fmt: skip


def test_a_period_before_a_measure_starts_is_not_found_and_an_overlap_is_noted(record):
    with pytest.raises(NotFound, match="disbursements data start in FY2020"):
        record.aid("ISR", measure="disbursements", until=2019)
    assert "disbursements data start in FY2020" in " ".join(
        record.aid("ISR", measure="disbursements", since=2000).notes
    )


def test_military_aid_figures_are_obligations_only(record):
    figures = record.aid_figures("ISR", kind="military")
    assert {f.measure for f in figures} == {"obligations"}
    assert {f.dollars for f in figures} == {"current", "constant"}


# ------------------------------------------------------------------ arms


def test_arms_shares_by_supplier_are_shares_of_the_period_total(record):
    answer = record.arms("ISR", by="supplier")
    assert [(r.label, r.tiv, r.share) for r in answer.rows] == [
        ("United States", 8.0, 0.8), ("Germany", 2.0, 0.2),
    ]  # fmt: skip
    assert "not dollars" in answer.notes[0]


def test_arms_by_year_respects_the_period(record):
    answer = record.arms("Israel", by="year", since=2001)
    assert [(r.label, r.tiv) for r in answer.rows] == [("2001", 4.0)]


def test_a_non_state_recipient_is_found_by_its_sipri_name(record):
    answer = record.arms("Hezbollah (Lebanon)")
    assert answer.total_tiv == 4.0


def test_arms_to_a_state_with_no_deliveries_is_not_found(record):
    with pytest.raises(NotFound, match="no SIPRI arms deliveries to 'France'"):
        record.arms("France")


# ------------------------------------------------------------------ congress


def test_a_roll_call_gives_the_published_and_counted_tallies(record):
    call = record.congress("H.R.99", 117)[0]
    assert (call.yea, call.nay, call.present, call.not_voting) == (2, 1, 1, 1)
    assert (call.counted.yea, call.counted.nay) == (2, 1)


def test_a_roll_call_gives_each_partys_tally_and_who_voted_no(record):
    call = record.congress("H.R.99")[0]
    tallies = {p.party: (p.yea, p.nay, p.present, p.not_voting) for p in call.parties}
    assert tallies == {"Democrat": (1, 1, 0, 1), "Republican": (1, 0, 1, 0)}
    assert [m.name for m in call.nays] == ["POE, Edgar"]


def test_an_unknown_bill_lists_the_bills_the_record_holds(record):
    with pytest.raises(NotFound) as exc:
        record.congress("H.R.5323", 117)
    assert "H.R. 99 (117th)" in str(exc.value.remedy)


def test_a_roll_call_in_another_congress_is_not_found(record):
    with pytest.raises(NotFound, match="in the 116th Congress"):
        record.congress("H.R.99", 116)


# ------------------------------------------------------------------ facts ledger


def test_every_fact_names_its_document_date_and_url(record):
    facts = record.us_facts()
    assert facts
    assert all(f.document and f.document_date and f.url.startswith("https://") for f in facts)


def test_fact_ids_are_unique():
    from untally.answers.us import _facts

    ids = [f.fact_id for f in _facts()]
    assert len(ids) == len(set(ids))


# ------------------------------------------------------------------ commands


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        (["aid", "ISR", "--since", "2019"], "obligations, current US dollars"),
        (["aid", "--year", "2020", "--top", "1"], "ForeignAssistance.gov"),
        (["aid", "ISR", "--kind", "military"], "two significant figures"),
        (["arms", "--to", "ISR"], "not dollars"),
        (["congress", "H.R.99"], "POE, Edgar"),
    ],
)
def test_every_table_names_its_source_and_conventions(us_db, args, shows):
    result = runner.invoke(app, [*args, "--db", str(us_db)])
    assert result.exit_code == 0, result.output
    assert shows in " ".join(result.output.split())


def test_aid_json_carries_the_conventions(us_db):
    import json

    result = runner.invoke(app, ["aid", "ISR", "--format", "json", "--db", str(us_db)])
    payload = json.loads(result.output)
    assert {payload["measure"], payload["dollars"]} == {"obligations", "current"}
    assert payload["year_basis"].startswith("US fiscal year")


def test_aid_without_country_or_year_is_refused(us_db):
    result = runner.invoke(app, ["aid", "--db", str(us_db)])
    assert isinstance(result.exception, UntallyError)


# ------------------------------------------------------------------ the real mirror


def mirror_value(mirror: Path, code: str, measure: str, year: str) -> int:
    with open(mirror / fa_gov.MIRROR_PATH, newline="") as f:
        return sum(
            int(r["current_amount"])
            for r in csv.DictReader(f)
            if r["Country Code"] == code
            and r["Transaction Type Name"] == measure
            and r["Fiscal Year"] == year
        )


def test_fy2020_obligations_to_israel_match_the_mirror(built_db, mirror):
    with Record(built_db) as record:
        series = record.aid("ISR", since=2020, until=2020)
    assert series.total_usd == mirror_value(mirror, "ISR", "Obligations", "2020")
    assert series.total_usd > 3_000_000_000  # the order of magnitude CRS reports


def test_the_iron_dome_roll_call_matches_the_published_tally(built_db, mirror):
    with open(mirror / voteview.ROLLCALLS_PATH, newline="") as f:
        published = next(r for r in csv.DictReader(f) if r["bill_number"] == "HR5323")
    with Record(built_db) as record:
        call = record.congress("H.R.5323", 117)[0]
    assert (call.counted.yea, call.counted.nay) == (int(published["yea"]), int(published["nay"]))
    assert (call.yea, call.nay) == (420, 9)  # the example, as the Clerk published it


def test_the_mirror_loads_every_us_row(built_db, mirror):
    with Record(built_db) as record:
        n = dict(record.store.rows("SELECT source, rows FROM provenance"))
    with open(mirror / sipri.MIRROR_PATH, newline="") as f:
        assert n["sipri"] == sum(1 for _ in csv.DictReader(f))


def test_a_mirror_without_us_support_still_syncs(tmp_path, mirror):
    """The US sources are optional: an older mirror syncs, and the US tables stay empty."""
    from conftest import council_sources
    from untally.sources.registry import SOURCES
    from untally.store import build

    older = tmp_path / "older-mirror"
    older.mkdir()
    for item in mirror.iterdir():
        if item.name != "us_support":
            (older / item.name).symlink_to(item)
    us = tuple(s for s in SOURCES if s.name in ("fa_gov", "greenbook", "sipri", "voteview"))
    db = tmp_path / "home" / "untally.duckdb"
    build(db, mirror=str(older), sources=council_sources() + us)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM us_aid").fetchall()[0][0] == 0
        sources = {r[0] for r in con.execute("SELECT source FROM provenance").fetchall()}
    assert not sources & {"fa_gov", "greenbook", "sipri", "voteview"}


@pytest.fixture(scope="module")
def us_home(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> Path:
    """A Council + US database synced once from the real mirror (tests copy it)."""
    from conftest import council_sources
    from untally.store import build

    home = tmp_path_factory.mktemp("us-home")
    build(home / "untally.duckdb", mirror=str(mirror), sources=council_sources() + us_sources())
    return home


def us_sources() -> tuple:
    from untally.sources.registry import SOURCES

    return tuple(s for s in SOURCES if s.name in ("fa_gov", "greenbook", "sipri", "voteview"))


def mirror_copy(mirror: Path, target: Path, sipri_lines: int | None) -> Path:
    """The mirror with us_support/ copied (SIPRI cut to ``sipri_lines``, or removed)."""
    target.mkdir()
    for item in mirror.iterdir():
        if item.name != "us_support":
            (target / item.name).symlink_to(item)
    (target / "us_support").mkdir()
    for item in (mirror / "us_support").iterdir():
        if item.name == Path(sipri.MIRROR_PATH).name:
            if sipri_lines is not None:
                lines = item.read_text().splitlines(keepends=True)[:sipri_lines]
                (target / "us_support" / item.name).write_text("".join(lines))
        else:
            (target / "us_support" / item.name).symlink_to(item)
    return target


def test_a_sipri_file_cut_short_is_refused_by_the_loss_guard(us_home, mirror, tmp_path):
    from conftest import council_sources
    from untally.errors import WouldLoseData
    from untally.store import build

    home = tmp_path / "home"
    shutil.copytree(us_home, home)
    cut = mirror_copy(mirror, tmp_path / "cut", sipri_lines=100)
    with pytest.raises(WouldLoseData, match="rows of arms_transfers removed"):
        build(home / "untally.duckdb", mirror=str(cut), sources=council_sources() + us_sources())


def test_a_sipri_file_gone_from_the_mirror_is_kept_from_the_last_sync(us_home, mirror, tmp_path):
    from conftest import council_sources
    from untally.store import build

    home = tmp_path / "home"
    shutil.copytree(us_home, home)
    gone = mirror_copy(mirror, tmp_path / "gone", sipri_lines=None)
    report = build(home / "untally.duckdb", mirror=str(gone),
                   sources=council_sources() + us_sources())  # fmt: skip
    assert any("sipri_tiv" in note and "kept" in note for note in report.notes)
    assert report.tables["arms_transfers"] > 0


def test_info_gives_each_fiscal_year_source_its_span_from_october_to_september(built_db):
    with Record(built_db) as record:
        spans = {c.source: (c.first, c.last) for c in record.source_coverage()}
    for source in ("fa_gov", "greenbook"):
        first, last = spans[source]
        assert (first.month, first.day, last.month, last.day) == (10, 1, 9, 30)
    first, last = spans["sipri"]
    assert (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
