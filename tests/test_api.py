"""The HTTP API: answers as JSON with their conventions, CSV, errors as JSON with the right
status, limits, the locked database, and schemathesis against the OpenAPI spec."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from untally.api import create_server_app


@pytest.fixture(scope="module")
def client(built_db) -> TestClient:
    return TestClient(create_server_app(built_db))


def test_vetoes_carry_convention_cutoff_and_paginate(client):
    r = client.get("/api/vetoes", params={"member": "USA", "until": "2021-05-31", "limit": 10})
    body = r.json()
    assert r.status_code == 200
    assert body["convention"] == "drafts" and body["cutoff"] == "2021-05-31"
    assert body["total"] == 82 and len(body["vetoes"]) == 10
    page2 = client.get("/api/vetoes", params={"member": "USA", "limit": 10, "offset": 10}).json()
    assert page2["vetoes"][0]["draft"] != body["vetoes"][0]["draft"]


def test_vetoes_csv_has_every_row(client):
    r = client.get("/api/vetoes", params={"member": "USA", "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 89 and rows[0]["convention"] == "drafts"


def test_count_names_its_convention(client):
    r = client.get("/api/vetoes/count", params={"member": "USA", "convention": "member-votes"})
    assert r.json()["convention"] == "member-votes" and r.json()["value"] >= 89


def test_stats_decision_member_counterfactual_provenance(client):
    assert client.get("/api/vetoes/stats", params={"by": "decade"}).json()["by"] == "decade"
    d = client.get("/api/decisions/S/2018/516").json()[0]
    assert d["vetoed_by"] == ["USA"] and len(d["votes"]) == 15
    m = client.get("/api/members/USSR").json()
    assert m["code"] == "SUN" and m["permanent"] and len(m["vetoes"]["vetoes"]) == 90
    cf = client.get("/api/counterfactual/two-veto", params={"since": "1990-01-01"}).json()
    assert len(cf["changes"]) == 54
    assert client.get("/api/provenance").json()["tables"]["vetoes"] > 200


def test_the_report_convention_gives_each_years_printed_figure_and_method(client):
    a = client.get(
        "/api/agreement",
        params={"members": ["USA", "ISR"], "since": "2016-01-01", "until": "2017-12-31",
                "convention": "state-dept-report"},
    ).json()  # fmt: skip
    assert a["convention"] == "state-dept-report"
    by_year = {r["period"]: r for r in a["results"]}
    assert by_year["2016"]["printed"].count(".") == 1  # before 2017: to a tenth
    assert "." not in by_year["2017"]["printed"]  # from 2017: whole percent
    assert "before 2017" in by_year["2016"]["method"] and "2017–2019" in by_year["2017"]["method"]


def test_the_member_page_charts_the_chosen_agreement_convention(client):
    html = client.get("/members/USA", params={"convention": "all-votes"}).text
    assert "convention=all-votes" in html and '<option value="state-dept-report"' in html
    default = client.get("/members/USA").text
    assert "convention=state-dept-report" in default


def test_an_unknown_convention_on_the_member_page_is_a_one_line_error(client):
    r = client.get("/members/USA", params={"convention": "nonsense"})
    assert r.status_code == 400 and "unknown convention" in r.text


def test_agreement_and_isolation(client):
    a = client.get("/api/agreement", params={"members": ["USA", "ISR"], "year": 2024}).json()
    assert a["convention"] == "state-dept" and a["data_used"] and a["results"]
    i = client.get("/api/isolation", params={"member": "USA", "year": 2020}).json()
    assert i["votes"] and i["definition"].startswith("USA voted no")


def test_check_returns_verdicts(client):
    text = "The United States has vetoed 82 draft resolutions, the last in 2020."
    r = client.post("/api/check", json={"text": text, "as_of": "2021-06-14"})
    assert r.status_code == 200
    assert r.json()["claims"][0]["verdict"] in {"supported", "contradicted", "partly supported"}


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/vetoes?member=Untied%20States", 404),
        ("/api/decisions/S/9999/77", 404),
        ("/api/vetoes?since=2030-01-01", 404),
        ("/api/vetoes?since=yesterday", 422),
        ("/api/vetoes?limit=100000", 422),
        ("/api/counterfactual/no-such-rule", 422),
        ("/api/nothing-here", 404),
        ("/api/idealpoints?since=1950-01-01", 400),
    ],
)
def test_errors_are_json_with_the_right_status(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    assert r.json()["error"]


def test_body_size_is_limited(client):
    r = client.post(
        "/api/check", content=b'{"text": "' + b"a" * 300_000 + b'"}',
        headers={"content-type": "application/json"},
    )  # fmt: skip
    assert r.status_code == 413 and "bytes" in r.json()["error"]


def test_the_database_is_locked_against_files_and_settings(client):
    record = client.app.state.record.cursor()
    with pytest.raises(Exception, match=r"disabled|Permission"):
        record.store.rows("SELECT * FROM read_csv('/etc/hostname')")
    with pytest.raises(Exception, match=r"lock|Cannot"):
        record.store.rows("SET enable_external_access = true")


def test_aid_names_its_source_measure_dollars_and_fiscal_year(client):
    body = client.get("/api/aid/ISR", params={"since": 2019, "kind": "military"}).json()
    assert body["source"].startswith("USAID Greenbook")
    assert (body["measure"], body["dollars"]) == ("obligations", "current")
    assert body["year_basis"].startswith("US fiscal year")
    assert body["total_usd"] == sum(r["amount_usd"] for r in body["rows"])


def test_arms_and_congress_answer_with_their_units(client):
    arms = client.get("/api/arms/ISR", params={"since": 2000}).json()
    assert arms["unit"] == "millions of SIPRI TIV"
    assert abs(sum(r["share"] for r in arms["rows"]) - 1) < 1e-9
    calls = client.get("/api/congress/H.R.5323", params={"congress": 117}).json()
    assert [len(c["nays"]) for c in calls] == [c["nay"] for c in calls]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/aid/Narnia", 404),
        ("/api/aid/ISR?kind=military&measure=requests", 400),
        ("/api/aid/ISR?measure=grants", 422),
        ("/api/congress/H.R.1", 404),
        ("/api/arms/ISR?by=price", 422),
    ],
)
def test_us_errors_are_json_with_the_right_status(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["error"]


def test_there_is_no_sql_endpoint(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert not [p for p in paths if "sql" in p]


def test_openapi_has_no_server_errors(client):
    """schemathesis: generated requests to every GET endpoint never get a 5xx."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", client.app)
    failures = []
    for operation in schema.get_all_operations():
        op = operation.ok()
        if op.method.upper() != "GET" or op.path.endswith("/idealpoints"):
            continue

        @settings(
            max_examples=8, deadline=None, database=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        @given(case=op.as_strategy())
        def run(case) -> None:
            response = case.call()
            if response.status_code >= 500:
                failures.append((case.path, case.query, response.status_code))

        run()
    assert failures == []
