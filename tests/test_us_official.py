"""The official layouts of Voteview, the Greenbook and SIPRI, and an online sync reading them.

The files in ``tests/fixtures/us/official`` are written by hand in each publisher's own
layout (Voteview's per-congress CSVs, the Greenbook's download, SIPRI's TIV export table),
so every answer below is known by construction. The end-to-end tests serve them from a
local HTTP server at the official URLs' paths and sync from it as from the internet.
"""

from __future__ import annotations

import csv
import dataclasses
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from typer.testing import CliRunner

from mirror_server import Fault, MirrorServer
from test_meetings_parse import write_xlsx
from untally import config
from untally.cli import app
from untally.errors import MalformedData, SourceError, TruncatedDownload, UntallyError
from untally.record import Record
from untally.sources import fa_gov, greenbook, sipri, voteview
from untally.sources.base import Source
from untally.sources.fetch import Fetcher
from untally.store.us import US_SOURCES

OFFICIAL = Path(__file__).parent / "fixtures" / "us" / "official"
runner = CliRunner()


def copy(tmp_path: Path, name: str, old: str = "", new: str = "") -> Path:
    """A fixture copied to ``tmp_path`` with ``old`` replaced by ``new``."""
    path = tmp_path / name
    path.write_text((OFFICIAL / name).read_text().replace(old, new))
    return path


def congress_117(folder: Path = OFFICIAL) -> dict[str, pa.Table]:
    files = {f"H117_{k}": folder / f"H117_{k}.csv" for k in ("rollcalls", "votes", "members")}
    return voteview.combine({k: voteview.parse(k, p) for k, p in files.items()})


def roll(tables: dict[str, pa.Table], number: int) -> dict:
    return next(r for r in tables["rollcalls"].to_pylist() if r["rollnumber"] == number)


# ------------------------------------------------------------------ Voteview


def test_a_roll_call_keeps_the_published_tally_and_counts_present_and_not_voting():
    r = roll(congress_117(), 2)
    assert (r["yea"], r["nay"], r["present"], r["not_voting"]) == (2, 1, 1, 1)
    assert (r["bill"], r["measure"], r["clerk_rollnumber"]) == ("HR99", "H.R. 99 (117th)", 3)


def test_the_presidents_positions_are_not_member_votes():
    votes = congress_117()["member_votes"].to_pylist()
    assert 99912 not in {v["icpsr"] for v in votes}
    assert len([v for v in votes if v["rollnumber"] == 2]) == 5


def test_member_votes_take_name_party_and_state_from_the_members_file():
    votes = {v["icpsr"]: v for v in congress_117()["member_votes"].to_pylist()
             if v["rollnumber"] == 2}  # fmt: skip
    assert (votes[3]["name"], votes[3]["party"], votes[3]["state"]) == ("POE, Edgar", "Democrat",
                                                                       "AL")  # fmt: skip
    assert votes[3]["position"] == "nay"
    assert votes[5]["party"] == "Independent"


def test_a_party_code_untally_does_not_name_is_shown_as_its_code(tmp_path):
    copy(tmp_path, "H117_members.csv", ",VT,328,", ",VT,370,")
    for kind in ("rollcalls", "votes"):
        shutil.copy(OFFICIAL / f"H117_{kind}.csv", tmp_path)
    votes = congress_117(tmp_path)["member_votes"].to_pylist()
    assert {v["party"] for v in votes if v["icpsr"] == 5} == {"party code 370"}


def test_a_roll_call_on_no_measure_is_kept_with_an_empty_bill():
    r = roll(congress_117(), 1)
    assert (r["bill"], r["measure"], r["question"]) == ("", None, "Election of the Speaker")


def test_columns_are_read_by_name_whatever_their_order(tmp_path):
    with open(OFFICIAL / "H117_votes.csv", newline="") as f:
        rows = list(csv.reader(f))
    with open(tmp_path / "H117_votes.csv", "w", newline="") as f:
        csv.writer(f).writerows([list(reversed(r)) for r in rows])
    for kind in ("rollcalls", "members"):
        shutil.copy(OFFICIAL / f"H117_{kind}.csv", tmp_path)
    assert congress_117(tmp_path)["member_votes"].equals(congress_117()["member_votes"])


def test_a_vote_by_someone_missing_from_the_members_file_is_refused(tmp_path):
    copy(tmp_path, "H117_votes.csv", "117,House,3,4,4,", "117,House,3,44,4,")
    for kind in ("rollcalls", "members"):
        shutil.copy(OFFICIAL / f"H117_{kind}.csv", tmp_path)
    with pytest.raises(MalformedData, match="ICPSR 44, who is not in its members file"):
        congress_117(tmp_path)


def test_a_congress_without_one_of_its_three_files_is_refused_with_the_setting():
    parts = {"H117_rollcalls": voteview.parse("H117_rollcalls", OFFICIAL / "H117_rollcalls.csv")}
    with pytest.raises(MalformedData, match="H117 has no members or votes file") as exc:
        voteview.combine(parts)
    assert "UNTALLY_VOTEVIEW_CONGRESSES" in str(exc.value.remedy)


def test_an_official_cast_code_above_nine_names_its_line(tmp_path):
    path = copy(tmp_path, "H117_votes.csv", "117,House,2,3,6,", "117,House,2,3,16,")
    with pytest.raises(MalformedData, match="line 9, column cast_code: 16 is not a Voteview"):
        voteview.parse_official_votes(path)


def test_the_fast_and_the_strict_reading_of_a_votes_file_agree(tmp_path):
    strict = tmp_path / "H117_votes.txt"  # not .csv: read as text and cast, line by line
    shutil.copy(OFFICIAL / "H117_votes.csv", strict)
    fast = voteview.parse_official_votes(OFFICIAL / "H117_votes.csv")
    assert fast.equals(voteview.parse_official_votes(strict))


def test_a_renamed_official_column_is_named_in_the_error(tmp_path):
    path = copy(tmp_path, "H117_rollcalls.csv", "yea_count", "yeas")
    with pytest.raises(MalformedData, match=r"missing column.*yea_count"):
        voteview.parse_official_rollcalls(path)


def test_online_voteview_reads_three_files_per_congress_and_chamber_and_a_mirror_none():
    files = voteview.official_files((117, 118), ("H", "S"))
    assert len(files) == 12
    assert files[1].url == "https://voteview.com/static/data/out/votes/H117_votes.csv"
    assert not Fetcher(Path("/nonexistent"), "/mirror").wanted(files[0])
    assert Fetcher(Path("/nonexistent"), None).wanted(files[0])


# ------------------------------------------------------------------ Greenbook


def official_greenbook() -> list[dict]:
    return greenbook.parse_official(OFFICIAL / "greenbook_official.csv").to_pylist()


def test_the_official_greenbook_keeps_exact_amounts():
    rows = official_greenbook()
    assert [r["current_usd"] for r in rows if r["country"] == "Egypt"] == [1_300_000_000]
    assert 3_091_000_123 in [r["current_usd"] for r in rows]


def test_the_official_transition_quarter_is_folded_into_1976():
    first = official_greenbook()[0]
    assert (first["fiscal_year"], first["constant_usd"]) == (1976, 9)


def test_amounts_with_cents_are_rounded_to_whole_dollars():
    amounts = [(r["current_usd"], r["constant_usd"]) for r in official_greenbook()]
    assert (12, 13) in amounts


def test_the_official_workbook_reads_as_its_csv_does(tmp_path):
    with open(OFFICIAL / "greenbook_official.csv", newline="") as f:
        rows = [[number(c) for c in r] for r in csv.reader(f)]
    book = write_xlsx(tmp_path / "us_foreignaid_greenbook.xlsx", rows)
    assert greenbook.parse_official(book).to_pylist() == official_greenbook()


def number(cell: str) -> str | int | float:
    """A CSV cell as a workbook would hold it (numbers as numbers)."""
    try:
        return int(cell)
    except ValueError:
        try:
            return float(cell)
        except ValueError:
            return cell


def test_a_file_without_the_official_header_is_refused_with_the_remedy(tmp_path):
    path = copy(tmp_path, "greenbook_official.csv", "Fiscal Year,", "FY,")
    with pytest.raises(MalformedData, match="no header row starting with 'Fiscal Year'") as exc:
        greenbook.parse_official(path)
    assert "sync from a mirror" in str(exc.value.remedy)


def test_an_official_fiscal_year_that_is_not_one_names_its_row(tmp_path):
    path = copy(tmp_path, "greenbook_official.csv", "2019,Middle East and North Africa,Egypt",
                "FY19,Middle East and North Africa,Egypt")  # fmt: skip
    with pytest.raises(MalformedData, match="row 5 after the header, column Fiscal Year: 'fy19'"):
        greenbook.parse_official(path)


def test_the_official_greenbook_is_fetched_online_and_the_rounded_copy_only_from_a_mirror():
    files = {f.key: f for f in greenbook.SOURCE.files}
    online = Fetcher(Path("/nonexistent"), None)
    assert online.wanted(files["official"]) and not online.wanted(files["loans_grants"])
    assert files["official"].note is None and files["loans_grants"].note == greenbook.ROUNDED_NOTE


# ------------------------------------------------------------------ SIPRI


def test_a_sipri_table_becomes_long_rows_without_blanks_or_totals():
    rows = sipri.parse_tiv_table(OFFICIAL / "TIV-Export-USA.csv", "USA").to_pylist()
    assert [(r["recipient"], r["year"], r["tiv"]) for r in rows] == [
        ("Israel", 2000, 6.0), ("Israel", 2001, 2.0), ("Rebels (Testland)", 2001, 1.0),
        ("NATO", 2002, 0.0),
    ]  # fmt: skip
    assert {(r["supplier"], r["supplier_sipri_code"]) for r in rows} == {("United States", "USA")}


def test_sipri_markers_in_a_table_become_kinds():
    rows = sipri.parse_tiv_table(OFFICIAL / "TIV-Export-USA.csv", "USA").to_pylist()
    assert {r["recipient"]: r["recipient_kind"] for r in rows} == {
        "Israel": "state", "Rebels (Testland)": "non-state", "NATO": "organisation",
    }  # fmt: skip


def test_a_sipri_cell_that_is_not_a_value_names_the_recipient_and_year(tmp_path):
    path = copy(tmp_path, "TIV-Export-USA.csv", "Israel,6,2,,8", "Israel,6,two,,8")
    with pytest.raises(MalformedData, match="line 8: Israel, 2001: 'two' is not a TIV value"):
        sipri.parse_tiv_table(path, "USA")


def test_a_file_without_sipris_title_is_refused_with_the_remedy(tmp_path):
    path = copy(tmp_path, "TIV-Export-USA.csv", "TIV of arms exports from", "Arms from")
    with pytest.raises(MalformedData, match="no title") as exc:
        sipri.parse_tiv_table(path, "USA")
    assert "export it again" in str(exc.value.remedy)


def test_without_a_location_an_online_sync_reads_no_sipri_table():
    assert [f.key for f in sipri.source(("USA",), None).files] == ["tiv"]


@pytest.mark.parametrize(
    ("location", "url"),
    [
        ("https://example.org/sipri/", "https://example.org/sipri/TIV-Export-USA.csv"),
        ("https://example.org/{supplier}-1950-2024.csv", "https://example.org/USA-1950-2024.csv"),
        ("/data/sipri", "file:///data/sipri/TIV-Export-USA.csv"),
    ],
)
def test_the_sipri_location_is_a_folder_a_base_url_or_a_template(location, url):
    assert sipri.table_url(location, "USA") == url


def test_a_supplier_table_missing_from_the_folder_is_a_one_line_error(tmp_path):
    (file,) = [f for f in sipri.source(("XYZ",), str(tmp_path)).files if f.key == "tiv_XYZ"]
    with pytest.raises(SourceError, match=r"TIV-Export-XYZ\.csv: no such file") as exc:
        Fetcher(tmp_path / "cache", None).fetch(file)
    assert "UNTALLY_SIPRI_TABLES" in str(exc.value.remedy)


# ------------------------------------------------------------------ settings


def test_congresses_are_numbers_and_ranges(monkeypatch):
    monkeypatch.setenv("UNTALLY_VOTEVIEW_CONGRESSES", "116, 118-119")
    assert config.voteview_congresses() == (116, 118, 119)


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("UNTALLY_VOTEVIEW_CONGRESSES", "117th", "'117th' is not a congress or a range"),
        ("UNTALLY_VOTEVIEW_CONGRESSES", "119-113", "'119-113' is out of range"),
        ("UNTALLY_VOTEVIEW_CHAMBERS", "House,Assembly", "'ASSEMBLY' is not a chamber"),
        ("UNTALLY_SIPRI_SUPPLIERS", "USA,U.K.", "U.K. is not a list of SIPRI codes"),
    ],
)
def test_a_bad_setting_stops_sync_with_a_one_line_error(tmp_path, monkeypatch, name, value, says):
    monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["sync", "--db", str(tmp_path / "u.duckdb")])
    assert isinstance(result.exception, UntallyError)
    assert says in str(result.exception) and "\n" not in str(result.exception)


# ------------------------------------------------------------------ an online sync


def served(source: Source, base: str) -> Source:
    """``source`` with each https URL moved to the local server (same path under its host)."""
    files = tuple(
        dataclasses.replace(f, url=f"{base}/{f.url.removeprefix('https://')}")
        if f.url and f.url.startswith("https://") else f
        for f in source.files
    )  # fmt: skip
    return dataclasses.replace(source, files=files)


def un_sources() -> tuple[Source, ...]:
    """The Council's sources: every sync needs the members and the Council's votes."""
    from conftest import council_sources

    return tuple(s for s in council_sources() if s.name not in US_SOURCES)


def upstream(root: Path, mirror: Path) -> Path:
    """A folder laid out as the official hosts' paths, holding the hand-made official files
    (and the mirror's copies of the Council's files, which every sync needs)."""

    def put(url: str, src: Path) -> None:
        dest = root / url.removeprefix("https://")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)

    for source in un_sources():
        for f in source.files:
            if f.url:
                put(f.url, mirror / f.mirror_path)
    put(fa_gov.COUNTRY_SUMMARY_URL, OFFICIAL.parent / "fa_gov.csv")
    for f in voteview.official_files((117,), ("H",)):
        put(f.url, OFFICIAL / Path(f.url).name)
    with open(OFFICIAL / "greenbook_official.csv", newline="") as f:
        rows = [[number(c) for c in r] for r in csv.reader(f)]
    book = write_xlsx(root / "book.xlsx", rows)
    put(greenbook.GREENBOOK_URL, book)
    for code in ("USA", "FRG"):
        put(f"https://sipri/TIV-Export-{code}.csv", OFFICIAL / f"TIV-Export-{code}.csv")
    return root


def online_sources(base: str, suppliers: tuple[str, ...] = ("USA", "FRG")) -> tuple[Source, ...]:
    return (
        *(served(s, base) for s in un_sources()),
        served(fa_gov.SOURCE, base),
        served(greenbook.SOURCE, base),
        sipri.source(suppliers, f"{base}/sipri"),
        served(voteview.source((117,), ("H",)), base),
    )


@pytest.fixture
def server(tmp_path, mirror):
    with MirrorServer(upstream(tmp_path / "upstream", mirror)) as s:
        yield s


def sync_online(server: MirrorServer, db: Path, **kw):
    from untally.store import build

    fetcher = Fetcher(db.parent / "downloads", None, retries=1, backoff=0)
    try:
        return build(db, fetcher=fetcher, sources=online_sources(server.url, **kw))
    finally:
        fetcher.close()


@pytest.mark.network
def test_an_online_sync_answers_from_the_official_layouts(server, tmp_path):
    db = tmp_path / "home" / "untally.duckdb"
    sync_online(server, db)
    with Record(db) as record:
        military = record.aid("ISR", kind="military", since=2019)
        arms = record.arms("ISR")
        call = record.congress("H.R. 99", 117)[0]
    assert military.total_usd == 3_091_000_123 + 12
    assert not any("significant figures" in n for n in military.notes)
    assert [(r.label, r.share) for r in arms.rows] == [("United States", 0.8), ("Germany", 0.2)]
    assert (call.yea, call.nay, call.present, call.not_voting) == (2, 1, 1, 1)
    assert [m.name for m in call.nays] == ["POE, Edgar"]


@pytest.mark.network
def test_an_online_sync_records_the_official_url_of_every_file(server, tmp_path):
    db = tmp_path / "home" / "untally.duckdb"
    sync_online(server, db)
    with duckdb.connect(str(db), read_only=True) as con:
        urls = dict(con.execute("SELECT source || '.' || file, url FROM provenance").fetchall())
    official = {
        "greenbook.official": greenbook.GREENBOOK_URL,
        "voteview.H117_votes": voteview.VOTES_URL.format(chamber="H", congress="117"),
        "fa_gov.country_summary": fa_gov.COUNTRY_SUMMARY_URL,
    }
    for key, url in official.items():
        assert urls[key] == f"{server.url}/{url.removeprefix('https://')}"
    assert urls["sipri.tiv_USA"] == f"{server.url}/sipri/TIV-Export-USA.csv"
    assert "greenbook.loans_grants" not in urls and "voteview.rollcalls" not in urls


@pytest.mark.network
def test_the_cli_answers_from_an_online_sync(server, tmp_path):
    db = tmp_path / "home" / "untally.duckdb"
    sync_online(server, db)
    result = runner.invoke(app, ["congress", "H.R.99", "--congress", "117", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "POE, Edgar" in result.output


@pytest.mark.network
def test_a_truncated_official_download_leaves_the_last_good_database(server, tmp_path):
    db = tmp_path / "home" / "untally.duckdb"
    sync_online(server, db)
    before = db.read_bytes()
    path = voteview.VOTES_URL.format(chamber="H", congress="117").removeprefix("https://")
    server.extra[path] = (server.root / path).read_bytes() + b"117,House,3,6,1,\n"  # changed
    server.faults[path] = Fault(drop_after=40, times=-1)
    with pytest.raises(TruncatedDownload, match="database is unchanged"):
        sync_online(server, db)
    assert db.read_bytes() == before


@pytest.mark.network
def test_a_malformed_official_file_leaves_the_last_good_database(server, tmp_path):
    db = tmp_path / "home" / "untally.duckdb"
    sync_online(server, db)
    before = db.read_bytes()
    path = greenbook.GREENBOOK_URL.removeprefix("https://")
    server.extra[path] = b"not,a,workbook\n"
    with pytest.raises(MalformedData, match="no header row starting with 'Fiscal Year'"):
        sync_online(server, db)
    assert db.read_bytes() == before


@pytest.mark.network
def test_dropping_a_sipri_supplier_is_refused_by_the_loss_guard(server, tmp_path):
    from untally.errors import WouldLoseData

    db = tmp_path / "home" / "untally.duckdb"
    sync_online(server, db)
    with pytest.raises(WouldLoseData, match="rows of arms_transfers removed"):
        sync_online(server, db, suppliers=("USA",))


@pytest.mark.network
def test_a_tally_alone_too_small_for_a_floor_vote_is_not_matched_to_a_roll_call(server, tmp_path):
    # the fixture's Speaker election was 5-0: "voted 5 to 0" with no bill names no roll call
    from untally.claims import check
    from untally.claims.models import Verdict

    db = tmp_path / "home" / "untally.duckdb"
    sync_online(server, db)
    with Record(db) as record:
        report = check("Members met.\nThe House voted 5 to 0 for it.", record, date(2021, 6, 1))
    (f,) = [f for f in report.findings if "5 to 0" in f.claim.text]
    assert f.verdict is Verdict.unverifiable and "names no bill" in " ".join(f.notes)
