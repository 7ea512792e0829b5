"""Specification of member resolution: one code per seat, whatever name the record uses."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pytest
from hypothesis import given
from hypothesis import strategies as st

from untally.errors import UnknownMember, UntallyError
from untally.members import (
    Member,
    is_permanent,
    members_table,
    permanent_members,
    resolve,
    seat_holder_name,
)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
D = dt.date


def data_file(relative: str) -> Path:
    path = DATA / relative
    if not path.exists():
        pytest.skip(f"shared data file {relative} is not available")
    return path


# --- Aliases and codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["USA", "usa", "US", "U.S.", "U.S.A.", "United States", "United States of America",
     "the United States", "America", "Washington", "UNITED STATES", "  United   States  "],
)  # fmt: skip
def test_us_aliases_resolve_to_usa(text: str) -> None:
    assert resolve(text).code == "USA"


@pytest.mark.parametrize(
    "text", ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "GB", "GBR",
             "United Kingdom of Great Britain and Northern Ireland"],
)  # fmt: skip
def test_uk_aliases_resolve_to_gbr(text: str) -> None:
    assert resolve(text).code == "GBR"


@pytest.mark.parametrize(
    "text", ["China", "PRC", "People's Republic of China", "ROC", "Republic of China",
             "Beijing", "Peking", "CN"],
)  # fmt: skip
def test_both_china_governments_resolve_to_the_one_chn_code(text: str) -> None:
    assert resolve(text).code == "CHN"


def test_france_aliases_resolve_to_fra() -> None:
    assert {resolve(t).code for t in ["France", "FRANCE", "Paris", "French Republic"]} == {"FRA"}


def test_ussr_and_russia_are_distinct_codes() -> None:
    assert resolve("USSR").code == "SUN"
    assert resolve("Russia").code == "RUS"
    assert resolve("USSR") != resolve("Russia")


@pytest.mark.parametrize("text", ["USSR", "Soviet Union", "Union of Soviet Socialist Republics"])
def test_ussr_names_mean_sun_on_any_date(text: str) -> None:
    assert {resolve(text, on=d).code for d in [D(1950, 1, 1), D(2000, 1, 1), None]} == {"SUN"}


@pytest.mark.parametrize("text", ["Russian Federation", "the Russian Federation", "Russia"])
def test_russian_names_dated_before_25_december_1991_mean_the_ussr_seat(text: str) -> None:
    assert resolve(text, on=D(1947, 6, 1)).code == "SUN"
    assert resolve(text, on=D(1991, 12, 24)).code == "SUN"
    assert resolve(text, on=D(1991, 12, 25)).code == "RUS"


def test_russian_names_without_a_date_mean_rus() -> None:
    assert resolve("Russian Federation").code == resolve("Russia").code == "RUS"


def test_moscow_is_the_ussr_before_25_december_1991_and_russia_after() -> None:
    assert resolve("Moscow", on=D(1980, 1, 1)).code == "SUN"
    assert resolve("Moscow", on=D(1992, 1, 1)).code == "RUS"


def test_codes_are_never_reinterpreted_by_date() -> None:
    assert resolve("RUS", on=D(1980, 1, 1)).code == "RUS"
    assert resolve("SUN", on=D(2000, 1, 1)).code == "SUN"


def test_serbia_in_2004_means_the_serbia_and_montenegro_seat() -> None:
    assert resolve("Serbia", on=D(2004, 1, 1)).code == "SCG"
    assert resolve("Serbia", on=D(2007, 1, 1)).code == "SRB"


@pytest.mark.parametrize(
    ("text", "code"),
    [("us", "USA"), ("GB", "GBR"), ("fr", "FRA"), ("ru", "RUS"), ("cn", "CHN"), ("SU", "SUN"),
     ("YU", "YUG"), ("DD", "DDR")],
)  # fmt: skip
def test_iso2_codes_resolve(text: str, code: str) -> None:
    assert resolve(text).code == code


@pytest.mark.parametrize("code", ["SUN", "YUG", "SCG", "CSK", "DDR", "YMD", "ZAN"])
def test_historical_codes_resolve_to_former_members(code: str) -> None:
    member = resolve(code.lower())
    assert (member.code, member.kind) == (code, "historical")
    assert member.valid_until is not None


def test_zanzibar_has_no_iso3_code() -> None:
    assert resolve("Zanzibar").iso3 is None


def test_seats_that_passed_on_name_their_successor() -> None:
    assert resolve("SUN").successor == "RUS"
    assert resolve("SUN").valid_until == D(1991, 12, 24)
    assert resolve("YUG").successor == "SCG"
    assert resolve("SCG").successor == "SRB"


@pytest.mark.parametrize(
    ("text", "code"),
    [("Zaire", "COD"), ("Congo (Leopoldville)", "COD"), ("DR Congo", "COD"),
     ("Democratic Republic of the Congo", "COD"), ("Congo (Brazzaville)", "COG"),
     ("Republic of the Congo", "COG"), ("Congo", "COG"), ("United Arab Republic", "EGY"),
     ("Burma", "MMR"), ("Ceylon", "LKA"), ("Khmer Republic", "KHM"),
     ("Democratic Kampuchea", "KHM"), ("Dahomey", "BEN"), ("Upper Volta", "BFA"),
     ("Siam", "THA"), ("Federation of Malaya", "MYS"), ("Union of South Africa", "ZAF"),
     ("Byelorussian SSR", "BLR"), ("Ukrainian SSR", "UKR"),
     ("Ukranian Soviet Socialist Republic", "UKR"), ("Tanganyika", "TZA"),
     ("Tanzania", "TZA"), ("Federal Republic of Germany", "DEU"), ("West Germany", "DEU"),
     ("East Germany", "DDR"), ("Southern Yemen", "YMD"), ("Iran", "IRN"), ("Syria", "SYR"),
     ("South Korea", "KOR"), ("Republic of Korea", "KOR"), ("North Korea", "PRK"),
     ("Vietnam", "VNM"), ("Laos", "LAO"), ("Bolivia", "BOL"), ("Venezuela", "VEN"),
     ("Moldova", "MDA"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
     ("Czech Republic", "CZE"), ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Swaziland", "SWZ"),
     ("The former Yugoslav Republic of Macedonia", "MKD"), ("Cape Verde", "CPV"),
     ("East Timor", "TLS"), ("Czechoslovakia", "CSK"), ("Serbia and Montenegro", "SCG")],
)  # fmt: skip
def test_former_and_common_names_resolve(text: str, code: str) -> None:
    assert resolve(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("COTE D'IVOIRE", "CIV"), ("Cote d' Ivoire", "CIV"), ("COTE D’IVOIRE", "CIV"),
     ("GERMANY, FEDERAL REPUBLIC OF", "DEU"), ("CONGO (DEMOCRATIC REPUBLIC OF)", "COD"),
     ("Korea, Republic of", "KOR"), ("IRAN (ISLAMIC REPUBLIC OF)", "IRN"),
     ("LAO PEOPLE's DEMOCRATIC REPUBLIC", "LAO"), ("SERBIAMONTENEGRO", "SCG"),
     ("REPULIC OF MOLDOVA", "MDA"), ("BOLIVIA (PLURINATIOANL STATE OF)", "BOL"),
     ("DEMOCRATIC CAMPUCHEA", "KHM"), ("St. Lucia", "LCA"), ("São Tomé and Príncipe", "STP"),
     ("Guinea-Bissau", "GNB"), ("Antigua & Barbuda", "ATG"), ("  the   gambia ", "GMB")],
)  # fmt: skip
def test_noisy_forms_found_in_the_data_resolve(text: str, code: str) -> None:
    assert resolve(text).code == code


# --- Errors ---------------------------------------------------------------------------------


def test_unknown_member_error_suggests_closest() -> None:
    with pytest.raises(UnknownMember) as caught:
        resolve("Untied States")
    assert caught.value.problem == "unknown member 'Untied States'"
    assert caught.value.remedy is not None
    assert caught.value.remedy.startswith("did you mean USA (United States)")
    assert caught.value.remedy.endswith("? — use an ISO3 code or a name")
    assert len(re.findall(r"\b[A-Z]{3} \(", caught.value.remedy)) == 3


def test_unknown_member_is_an_untally_error() -> None:
    with pytest.raises(UntallyError):
        resolve("Atlantis")


def test_empty_text_is_an_unknown_member() -> None:
    with pytest.raises(UnknownMember):
        resolve("   ")


def test_a_territory_is_not_a_member() -> None:
    with pytest.raises(UnknownMember, match=re.escape("Puerto Rico (PRI) is not a UN member")):
        resolve("Puerto Rico")


def test_taiwan_is_not_a_member_and_the_error_points_to_the_china_seat() -> None:
    with pytest.raises(UnknownMember, match="CHN"):
        resolve("Taiwan")


# --- Permanent seats ------------------------------------------------------------------------


def test_permanent_members_in_1980_include_ussr() -> None:
    assert permanent_members(D(1980, 1, 1)) == ("CHN", "FRA", "GBR", "SUN", "USA")


def test_permanent_members_in_2000_include_russia() -> None:
    assert permanent_members(D(2000, 1, 1)) == ("CHN", "FRA", "GBR", "RUS", "USA")


def test_ussr_seat_passes_to_russia_on_25_december_1991() -> None:
    assert "SUN" in permanent_members(D(1991, 12, 24))
    assert "RUS" in permanent_members(D(1991, 12, 25))


def test_there_are_always_five_permanent_members_once_the_charter_is_in_force() -> None:
    days = [D(1945, 10, 24), D(1971, 10, 25), D(1991, 12, 24), D(1991, 12, 25), D(2030, 1, 1)]
    assert {len(permanent_members(d)) for d in days} == {5}


def test_no_permanent_members_before_the_charter_entered_into_force() -> None:
    assert permanent_members(D(1945, 10, 23)) == ()


def test_permanent_members_accept_a_datetime() -> None:
    assert permanent_members(dt.datetime(1980, 1, 1, 12)) == permanent_members(D(1980, 1, 1))


def test_is_permanent_follows_the_date() -> None:
    assert is_permanent("SUN", D(1980, 1, 1)) and not is_permanent("SUN", D(2000, 1, 1))
    assert is_permanent("RUS", D(2000, 1, 1)) and not is_permanent("RUS", D(1980, 1, 1))
    assert not is_permanent("DEU", D(2000, 1, 1))


def test_china_seat_holder_is_the_republic_of_china_before_resolution_2758() -> None:
    assert seat_holder_name("CHN", D(1971, 10, 24)) == "Republic of China"


def test_china_seat_holder_is_the_peoples_republic_from_25_october_1971() -> None:
    assert seat_holder_name("CHN", D(1971, 10, 25)) == "People's Republic of China"


def test_other_seat_holders_are_the_members_name() -> None:
    assert seat_holder_name("SUN", D(1980, 1, 1)) == "Union of Soviet Socialist Republics"
    assert seat_holder_name("FRA", D(1980, 1, 1)) == "France"


# --- The members table ----------------------------------------------------------------------


def test_members_table_has_the_documented_columns_and_types() -> None:
    schema = members_table().schema
    assert schema.names == [
        "code", "name", "iso3", "kind", "valid_from", "valid_until", "successor", "permanent",
        "aliases",
    ]  # fmt: skip
    assert schema.field("valid_from").type == pa.date32()
    assert schema.field("valid_until").type == pa.date32()
    assert schema.field("permanent").type == pa.bool_()
    assert schema.field("aliases").type == pa.list_(pa.string())


def test_members_table_has_one_row_per_code() -> None:
    codes = members_table().column("code").to_pylist()
    assert len(codes) == len(set(codes))


def test_members_table_includes_every_historical_member() -> None:
    table = members_table()
    historical = table.filter(pc.equal(table.column("kind"), "historical"))
    assert set(historical.column("code").to_pylist()) == {
        "SUN", "YUG", "SCG", "CSK", "DDR", "YMD", "ZAN",
    }  # fmt: skip


def test_members_table_marks_the_six_codes_that_ever_held_a_permanent_seat() -> None:
    table = members_table()
    permanent = table.filter(table.column("permanent")).column("code").to_pylist()
    assert permanent == ["CHN", "FRA", "GBR", "RUS", "SUN", "USA"]


def test_members_table_successors_are_codes_in_the_table() -> None:
    table = members_table()
    codes = set(table.column("code").to_pylist())
    assert set(filter(None, table.column("successor").to_pylist())) <= codes


def test_members_table_current_states_are_the_193_members_of_the_un_list() -> None:
    with data_file("members/un_member_states.csv").open(encoding="utf-8", newline="") as f:
        listed = {row["iso3"] for row in csv.DictReader(f)}
    table = members_table()
    states = table.filter(pc.equal(table.column("kind"), "state")).column("code").to_pylist()
    assert set(states) == listed


def test_members_table_adds_admission_dates_when_given() -> None:
    admissions = pa.table({"iso3": ["USA", "SSD"], "admission_date": ["1945-10-24", "2011-07-14"]})
    table = members_table(admissions)
    assert table.schema.field("admitted").type == pa.date32()
    admitted = dict(zip(table["code"].to_pylist(), table["admitted"].to_pylist(), strict=True))
    assert (admitted["USA"], admitted["SSD"], admitted["SUN"]) == (
        D(1945, 10, 24),
        D(2011, 7, 14),
        None,
    )


def test_members_table_adds_a_newly_admitted_state() -> None:
    admissions = pa.table({"iso3": ["PSE"], "admission_date": pa.array([D(2030, 1, 1)])})
    table = members_table(admissions)
    row = table.filter(pc.equal(table.column("code"), "PSE")).to_pylist()
    assert [(r["kind"], r["admitted"]) for r in row] == [("state", D(2030, 1, 1))]


# --- Every name in the data -----------------------------------------------------------------


def _iso_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None


def _code_name_dates() -> pa.Table:
    """Distinct (ms_code, ms_name) with the first and last date each pair is used."""
    strings = ["ms_code", "ms_name", "date"]
    options = pacsv.ConvertOptions(
        include_columns=strings, column_types=dict.fromkeys(strings, pa.string())
    )
    parts = [
        pacsv.read_csv(data_file(f"undl/{name}"), convert_options=options)
        .group_by(["ms_code", "ms_name"])
        .aggregate([("date", "min"), ("date", "max")])
        for name in ("sc_voting.csv.gz", "ga_voting.csv.gz")
    ]
    return pa.concat_tables(parts)


def test_every_ms_code_in_the_sc_and_ga_files_resolves() -> None:
    codes = set(_code_name_dates().column("ms_code").to_pylist())
    assert {c: resolve(c).code for c in codes} == {c: c for c in codes}


def test_every_ms_name_in_the_sc_and_ga_files_resolves_to_its_rows_code() -> None:
    wrong = {}
    for row in _code_name_dates().to_pylist():
        for on in (None, _iso_date(row["date_min"]), _iso_date(row["date_max"])):
            got = resolve(row["ms_name"], on=on).code
            if got != row["ms_code"]:
                wrong[(row["ms_name"], on)] = (got, row["ms_code"])
    assert wrong == {}


def test_every_name_in_the_veto_list_resolves_to_a_permanent_member_of_its_day() -> None:
    path = data_file("vetoes/unsc_vetoes_1946_sept2022.csv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = set()
    for row in rows:
        on = dt.datetime.strptime(row["date"], "%m/%d/%Y").date()
        for column in ("member_veto1", "member_veto2", "member_veto3"):
            if name := row[column].strip():
                assert resolve(name, on=on).code in permanent_members(on), (name, on)
                seen.add(name)
    assert seen == {"USSR", "USA", "UK", "France", "China", "Russia"}


def _failed_drafts() -> list[dict[str, str]]:
    path = data_file("unsc_for_us/unsc_failed_drafts_1948_2022.csv")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _names(cell: str) -> list[str]:
    return list(ast.literal_eval(cell)) if cell.strip() else []


def test_every_name_in_failed_drafts_resolves() -> None:
    for row in _failed_drafts():
        on = D(int(row["Year"]), 7, 1)
        for column in ("In Favor", "Abstain", "Against", "Members"):
            for name in _names(row[column]):
                assert isinstance(resolve(name, on=on), Member), (name, on)


def test_failed_drafts_name_the_permanent_members_of_their_year() -> None:
    """The file writes "Russian Federation" for 1947 votes: with the year it is the USSR."""
    for row in _failed_drafts():
        on = D(int(row["Year"]), 7, 1)
        voters = {
            resolve(n, on=on).code
            for column in ("In Favor", "Abstain", "Against", "Members")
            for n in _names(row[column])
        }
        assert set(permanent_members(on)) <= voters, (row["Meeting Number"], on)
        assert voters.isdisjoint({"SUN", "RUS"} - set(permanent_members(on)))


@pytest.mark.parametrize(
    ("text", "on", "code"),
    [("Russian Federation", D(2017, 1, 1), "RUS"), ("the Russian Federation", D(2004, 1, 1), "RUS"),
     ("United States", D(2018, 1, 1), "USA"), ("the United States", D(2011, 1, 1), "USA"),
     ("USA", D(1980, 1, 1), "USA"), ("China", D(1972, 1, 1), "CHN"), ("UK", D(1963, 1, 1), "GBR"),
     ("United Kingdom", D(1980, 1, 1), "GBR"), ("France", D(1976, 1, 1), "FRA"),
     ("USSR", D(1947, 1, 1), "SUN")],
)  # fmt: skip
def test_names_in_the_meeting_tables_results_resolve(text: str, on: dt.date, code: str) -> None:
    assert resolve(text, on=on).code == code


def test_every_vetoing_member_in_the_meeting_tables_resolves_to_a_permanent_member() -> None:
    """Results read like "Draft resolution S/1385 vetoed by USSR9-2-0" or "... by China and
    Russian Federation"; each name, dated by the meeting's year, must be a permanent member."""
    seen = set()
    for name in ("unsc_meetings_1946_2019.csv", "unsc_meetings_2000_2019.csv"):
        with data_file(f"unsc_for_us/{name}").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                on = D(int(row["year"]), 7, 1)
                for found in re.finditer(r"vetoed by\s+([A-Za-z ,.\s]+)", row["result"]):
                    names = re.split(r"\bDraft\b|\bS\b", found[1])[0]
                    for text in filter(None, (t.strip() for t in re.split(r",|\band\b", names))):
                        assert resolve(text, on=on).code in permanent_members(on), (text, on)
                        seen.add(text)
    assert {"USSR", "USA", "UK", "France", "China", "Russian Federation"} <= seen


def test_every_name_in_the_un_member_list_resolves_to_its_iso3() -> None:
    with data_file("members/un_member_states.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["iso3"]: resolve(r["member_state"]).code for r in rows} == {
        r["iso3"]: r["iso3"] for r in rows
    }


# --- Properties -----------------------------------------------------------------------------

_TABLE = members_table()
CODES = _TABLE["code"].to_pylist()
NAMES = sorted(
    {
        n
        for row in _TABLE.select(["name", "aliases"]).to_pylist()
        for n in [row["name"], *row["aliases"]]
    }
)
SPACE = st.text(alphabet=" \t\n", max_size=3)


def _mix_case(text: str, flips: list[bool]) -> str:
    return "".join(ch.upper() if up else ch.lower() for ch, up in zip(text, flips, strict=False))


@given(st.sampled_from(CODES), st.lists(st.booleans(), min_size=3, max_size=3), SPACE, SPACE)
def test_every_code_in_the_members_table_resolves_to_itself(
    code: str, flips: list[bool], before: str, after: str
) -> None:
    assert resolve(before + _mix_case(code, flips) + after).code == code


@given(st.sampled_from(NAMES), st.booleans(), SPACE, SPACE)
def test_resolve_ignores_case_and_surrounding_whitespace(
    text: str, upper: bool, before: str, after: str
) -> None:
    cased = text.upper() if upper else text.lower()
    assert resolve(before + cased + after) == resolve(text)
