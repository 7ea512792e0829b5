"""The web explorer in a real browser (Debian's Chromium driven by Playwright): every page
loads and draws, a filter changes the table, links lead on, a pasted claim gets a verdict,
the CSV downloads. Screenshots go to test-artifacts/ (not committed)."""

from __future__ import annotations

import csv
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(built_db):
    import uvicorn

    from untally.api import create_server_app

    port = free_port()
    config = uvicorn.Config(
        create_server_app(built_db), host="127.0.0.1", port=port, log_level="error"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == [], errors


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "The UN voting record"),
        ("/vetoes", "Vetoed drafts"),
        ("/decisions/S/2018/516", "S/2018/516"),
        ("/members/USA", "United States"),
        ("/counterfactual", "The record under other rules"),
        ("/check", "Check an article"),
        ("/aid/ISR", "US aid to Israel"),
        ("/arms/ISR", "Arms deliveries to Israel"),
        ("/congress/H.R.5323", "Roll calls on H.R.5323"),
    ],
)
def test_every_page_loads_with_its_json_twin(page, server, path, heading):
    response = page.goto(server + path)
    assert response.status == 200
    assert heading in page.locator("h1").first.inner_text()
    if path not in ("/check",):
        twin = page.get_attribute("a.twin", "href")
        assert page.request.get(server + twin).status == 200
    shot(page, "page" + path.replace("/", "_"))


def test_vetoes_chart_draws_and_a_filter_narrows_the_table(page, server):
    page.goto(server + "/vetoes")
    page.wait_for_selector("#timeline svg")
    all_rows = page.locator("#vetoes tbody tr").count()
    page.fill("input[name=member]", "USA")
    page.fill("input[name=since]", "2020-01-01")
    page.click("form.filters button")
    page.wait_for_url("**/vetoes?member=USA*")
    assert "since=2020-01-01" in page.url  # shareable: the filter is in the query string
    rows = page.locator("#vetoes tbody tr").count()
    assert 0 < rows < all_rows
    assert page.locator("#summary strong").inner_text() == str(rows)
    shot(page, "vetoes-filtered")


def test_a_link_leads_to_the_decision_and_its_votes(page, server):
    page.goto(server + "/vetoes?member=USA&since=2018-01-01&until=2018-12-31")
    page.click("text=S/2018/516")
    page.wait_for_url("**/decisions/S/2018/516")
    assert "vetoed" in page.locator("#outcome").inner_text()
    assert page.locator("#votes tbody tr").count() == 15
    assert "agrees" in page.locator("#rules").inner_text()
    page.click("#votes >> text=USA")
    page.wait_for_url("**/members/USA")
    page.wait_for_selector("#agreement svg", timeout=30_000)
    shot(page, "member-usa")


def test_aid_page_draws_the_stacked_chart_and_the_form_changes_the_period(page, server):
    page.goto(server + "/aid/ISR?since=2000")
    page.wait_for_selector("#split svg")
    rows = page.locator("#aid tbody tr").count()
    page.fill("input[name=since]", "2010")
    page.click("form.filters button")
    page.wait_for_url("**/aid/ISR?since=2010*")
    assert 0 < page.locator("#aid tbody tr").count() < rows
    assert "constant" in page.locator("select[name=dollars]").inner_text()
    shot(page, "aid-isr")


def test_arms_page_draws_the_supplier_shares(page, server):
    page.goto(server + "/arms/ISR?since=2000")
    page.wait_for_selector("#suppliers svg")
    assert "not dollars" in page.locator("#summary").inner_text()
    assert page.locator("#arms tbody tr").count() > 0


def test_roll_call_page_lists_who_voted_no(page, server):
    page.goto(server + "/congress/H.R.5323?congress=117")
    nays = page.locator("#nays tbody tr").count()
    assert f"–{nays} " in page.locator("#tally").inner_text()


def test_keyboard_reaches_the_filter(page, server):
    page.goto(server + "/vetoes")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"


def test_pasted_claim_gets_a_verdict(page, server):
    page.goto(server + "/check")
    page.fill("#text", "By a staff reporter, 14 June 2021. The United States has vetoed 82 drafts.")
    page.click("form button")
    page.wait_for_selector("#verdicts")
    badge = page.locator("details.claim .badge").first.inner_text().lower()
    assert badge in {"supported", "contradicted", "partly supported", "unverifiable"}
    page.locator("details.claim summary").first.click()
    assert page.locator("details.claim").first.get_attribute("open") is not None
    shot(page, "check-verdict")


def test_csv_downloads(page, server, tmp_path):
    page.goto(server + "/vetoes?member=China")
    with page.expect_download() as info:
        page.click("text=Download CSV")
    target = tmp_path / "vetoes.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(target.open()))
    assert rows and all("CHN" in r["vetoed_by"] for r in rows)


def test_phone_width_has_no_horizontal_scroll(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/vetoes?member=USA")
    width = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "vetoes-phone")
    context.close()
    assert width <= 400
