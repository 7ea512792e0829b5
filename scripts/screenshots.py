"""Screenshots of the explorer's main pages for the README (docs/screenshots/*.png).

Run: .venv/bin/python scripts/screenshots.py  (needs /usr/bin/chromium and a synced record)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PAGES = {
    "home": ("/", None),
    "vetoes": ("/vetoes?member=USA&since=2000-01-01", "#timeline svg"),
    "decision": ("/decisions/S/2018/516", None),
    "member": ("/members/USA", "#agreement svg"),
    "counterfactual": ("/counterfactual?rule=two-veto&since=1990-01-01", None),
    "aid": ("/aid/ISR?since=2000", "#split svg"),
    "arms": ("/arms/ISR?since=2000", "#suppliers svg"),
}
ARTICLE = (
    "By a staff reporter, 14 June 2021. The United States has vetoed 82 draft resolutions "
    "since 1945, more than half of them on Israel. Russia cast its first veto on Syria in 2011."
)


def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    code = "from untally.cli import main; main()"
    server = subprocess.Popen([sys.executable, "-c", code, "serve", "--port", str(port)])
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/api/provenance", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            for name, (path, wait) in PAGES.items():
                page.goto(base + path)
                if wait:
                    page.wait_for_selector(wait, timeout=60_000)
                page.screenshot(path=str(OUT / f"{name}.png"))
            page.goto(base + "/check")
            page.fill("#text", ARTICLE)
            page.click("form button")
            page.wait_for_selector("#verdicts")
            page.locator("details.claim summary").first.click()
            page.screenshot(path=str(OUT / "check.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"wrote {', '.join(sorted(p.name for p in OUT.glob('*.png')))} to {OUT}")


if __name__ == "__main__":
    main()
