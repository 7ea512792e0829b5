"""The real download path, against a local HTTP server serving the mirror files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from mirror_server import Fault, MirrorServer
from untally.errors import ChecksumMismatch, DownloadError, SourceError, TruncatedDownload
from untally.sources.base import SourceFile
from untally.sources.fetch import Fetcher, download, parse_checksums

FILE = "vetoes/unsc_vetoes_1946_sept2022.csv"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def server(mirror: Path):
    with MirrorServer(mirror) as s:
        yield s


def fetch(server: MirrorServer, tmp_path: Path, **kw) -> Path:
    with httpx.Client() as client:
        download(f"{server.url}/{FILE}", tmp_path / "out.csv", client=client, backoff=0, **kw)
    return tmp_path / "out.csv"


def test_download_gives_the_served_bytes(server, mirror, tmp_path):
    assert sha(fetch(server, tmp_path)) == sha(mirror / FILE)


def test_dropped_connection_resumes_with_a_range_request(server, mirror, tmp_path):
    server.faults[FILE] = Fault(drop_after=5000, times=1)
    out = fetch(server, tmp_path)
    assert sha(out) == sha(mirror / FILE)
    assert (FILE, "bytes=5000-") in server.requests


def test_persistent_truncation_fails_with_a_clear_error(server, tmp_path):
    server.faults[FILE] = Fault(drop_after=100, times=-1)
    with pytest.raises(TruncatedDownload, match="incomplete after 3 attempts"):
        fetch(server, tmp_path, retries=2)
    assert not (tmp_path / "out.csv").exists()


def test_checksum_mismatch_is_refused_and_partial_file_removed(server, mirror, tmp_path):
    server.faults[FILE] = Fault(corrupt=True, times=-1)
    with pytest.raises(ChecksumMismatch, match="does not match"):
        fetch(server, tmp_path, expected_sha256=sha(mirror / FILE))
    assert list(tmp_path.iterdir()) == []


def test_missing_file_is_a_one_line_not_found_error(server, tmp_path):
    fetcher = Fetcher(tmp_path, server.url, retries=0, backoff=0)
    with pytest.raises(DownloadError, match="HTTP 404"):
        fetcher.fetch(SourceFile("x", None, "no/such.csv"))


def test_optional_file_missing_from_mirror_is_skipped(server, tmp_path):
    fetcher = Fetcher(tmp_path, server.url, retries=0, backoff=0)
    assert fetcher.fetch(SourceFile("x", None, "no/such.csv", optional=True)) is None


def test_mirror_sha256sums_are_checked(server, mirror, tmp_path):
    server.extra["SHA256SUMS"] = f"{'0' * 64}  {FILE}\n".encode()
    fetcher = Fetcher(tmp_path, server.url, retries=0, backoff=0)
    with pytest.raises(ChecksumMismatch):
        fetcher.fetch(SourceFile("veto_list", None, FILE))


def test_connection_refused_names_the_url_and_remedy(tmp_path):
    with httpx.Client() as client, pytest.raises(DownloadError, match="check the network"):
        download("http://127.0.0.1:9/x.csv", tmp_path / "x", client=client, retries=1, backoff=0)


def test_local_mirror_without_the_file_says_how_to_fix(tmp_path):
    fetcher = Fetcher(tmp_path / "cache", str(tmp_path))
    with pytest.raises(SourceError, match="UNTALLY_MIRROR"):
        fetcher.fetch(SourceFile("x", None, "undl/sc_voting.csv.gz"))


def test_official_sync_skips_mirror_only_supplements(tmp_path):
    fetcher = Fetcher(tmp_path, None)
    assert not fetcher.wanted(SourceFile("x", None, "undl/extra.csv"))
    assert fetcher.wanted(SourceFile("x", "https://example.org/x.csv", "x.csv"))


def test_checksum_listing_parses_sha256sum_format():
    text = f"{'a' * 64}  ./undl/x.csv\n{'b' * 64} *y.csv\nnot a line\n"
    assert parse_checksums(text) == {"undl/x.csv": "a" * 64, "y.csv": "b" * 64}


def test_a_second_download_of_an_unchanged_file_is_not_transferred_again(server, mirror, tmp_path):
    first = fetch(server, tmp_path)
    server.requests.clear()
    with httpx.Client() as client:
        digest = download(f"{server.url}/{FILE}", first, client=client, backoff=0)
    assert digest == sha(mirror / FILE)
    assert len(server.requests) == 1  # one conditional request, answered 304


def test_a_changed_upstream_file_is_downloaded_again(server, mirror, tmp_path):
    first = fetch(server, tmp_path)
    server.extra[FILE] = b"date,draft\n1/1/2000,S/1\n"
    with httpx.Client() as client:
        download(f"{server.url}/{FILE}", first, client=client, backoff=0)
    assert first.read_bytes() == b"date,draft\n1/1/2000,S/1\n"


def test_a_resume_after_the_upstream_changed_restarts_instead_of_splicing(server, tmp_path):
    server.faults[FILE] = Fault(drop_after=5000, times=1)
    with httpx.Client() as client, pytest.raises(TruncatedDownload):
        download(f"{server.url}/{FILE}", tmp_path / "out.csv", client=client, retries=0)
    new = b"x" * 9000
    server.extra[FILE] = new
    with httpx.Client() as client:
        download(f"{server.url}/{FILE}", tmp_path / "out.csv", client=client, backoff=0)
    assert (tmp_path / "out.csv").read_bytes() == new
