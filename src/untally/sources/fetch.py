"""Getting upstream bytes onto disk, whole and verified.

Downloads stream to ``<name>.part`` with a Rich progress bar; a dropped connection resumes
with an HTTP ``Range`` request, a short body is retried, and the file is renamed into place
only once its length and sha256 check out. A local mirror folder is read in place. Either way
the caller gets a :class:`Fetched` with the sha256 it records as provenance.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import httpx
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from untally.errors import ChecksumMismatch, DownloadError, SourceError, TruncatedDownload
from untally.sources.base import SourceFile

USER_AGENT = "untally (+https://github.com/untally/untally)"
CHECKSUMS_NAME = "SHA256SUMS"


@dataclass(frozen=True)
class Fetched:
    """A verified local copy of one upstream file."""

    key: str
    path: Path
    url: str
    sha256: str
    size: int
    retrieved_at: datetime


def sha256_of(path: Path) -> str:
    """Streamed, so a large upstream file never sits in memory."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def progress_bar(quiet: bool = False) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        disable=quiet,
        transient=True,
    )


def parse_checksums(text: str) -> dict[str, str]:
    """Read a ``sha256sum``-style listing (``<hex>  <path>``) into path -> hex."""
    sums: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.strip().split(maxsplit=1)
        if len(parts) == 2 and len(parts[0]) == 64:
            sums[parts[1].lstrip("*").removeprefix("./")] = parts[0].lower()
    return sums


def download(
    url: str,
    dest: Path,
    *,
    client: httpx.Client,
    expected_sha256: str | None = None,
    retries: int = 4,
    backoff: float = 0.5,
    progress: Progress | None = None,
) -> str:
    """Download ``url`` to ``dest`` and return its sha256; resume and retry on failure.

    Raises :class:`TruncatedDownload` or :class:`DownloadError` when every retry failed and
    :class:`ChecksumMismatch` when the bytes are not the published ones; ``dest`` is then
    untouched (a mismatching ``.part`` is deleted so the next run starts clean).
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    meta_path = dest.with_name(dest.name + ".meta.json")
    cached = _cached(dest, meta_path, url)
    task = progress.add_task(dest.name, total=None) if progress else None
    last_error: Exception | None = None
    etag: str | None = None
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        have = part.stat().st_size if part.exists() else 0
        # identity encoding: byte ranges and the checksum then refer to the file itself
        headers = {"Accept-Encoding": "identity"}
        if have:
            headers["Range"] = f"bytes={have}-"
            if (validator := _part_validator(part)) is not None:
                headers["If-Range"] = validator
        elif cached and cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]  # unchanged upstream: keep our copy
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304 and cached:
                    if expected_sha256 and cached["sha256"] != expected_sha256.lower():
                        dest.unlink()
                        meta_path.unlink()
                        cached = None
                        continue
                    return cached["sha256"]
                if response.status_code == 416 and have:
                    part.unlink()  # our partial file is longer than the resource: restart
                    last_error = TruncatedDownload(f"{url}: stale partial file", "retrying")
                    continue
                if response.status_code == 404:
                    raise FileNotFoundError(url)
                if response.status_code >= 400:
                    raise DownloadError(
                        f"{url} answered HTTP {response.status_code}",
                        "check the URL or the mirror setting (UNTALLY_MIRROR / --from)",
                    )
                resumed = response.status_code == 206
                if not resumed:
                    have = 0
                etag = response.headers.get("ETag")
                if etag and not resumed:
                    _part_validator(part, etag)
                length = response.headers.get("Content-Length")
                total = have + int(length) if length is not None else None
                if progress is not None and task is not None:
                    progress.update(task, total=total, completed=have)
                with part.open("ab" if resumed else "wb") as out:
                    for chunk in response.iter_raw():  # unbuffered: keep every byte
                        out.write(chunk)
                        if progress is not None and task is not None:
                            progress.advance(task, len(chunk))
            size = part.stat().st_size
            if total is not None and size < total:
                last_error = TruncatedDownload(
                    f"{url}: got {size:,} of {total:,} bytes", "retrying with a range request"
                )
                continue
            break
        except httpx.RemoteProtocolError as exc:  # connection dropped mid-body
            last_error = TruncatedDownload(f"{url}: connection dropped ({exc})", "resuming")
            continue
        except httpx.TransportError as exc:  # timeout, refused, reset before any body...
            last_error = exc
            continue
    else:
        if isinstance(last_error, TruncatedDownload):
            raise TruncatedDownload(
                f"{url}: download incomplete after {retries + 1} attempts ({last_error.problem})",
                "run `untally sync` again to resume; the current database is unchanged",
            )
        raise DownloadError(
            f"{url}: download failed after {retries + 1} attempts ({last_error})",
            "check the network or use a mirror (--from DIR); the current database is unchanged",
        )
    digest = sha256_of(part)
    if expected_sha256 and digest != expected_sha256.lower():
        part.unlink()
        part.with_name(part.name + ".etag").unlink(missing_ok=True)
        raise ChecksumMismatch(
            f"{url}: sha256 {digest[:12]}… does not match the published {expected_sha256[:12]}…",
            "the file is corrupt or was replaced upstream; nothing was loaded, run sync again",
        )
    os.replace(part, dest)
    part.with_name(part.name + ".etag").unlink(missing_ok=True)
    meta_path.write_text(json.dumps({"url": url, "etag": etag, "sha256": digest}))
    return digest


def _cached(dest: Path, meta_path: Path, url: str) -> dict | None:
    """A completed earlier download of ``url`` whose bytes still hash as recorded."""
    if not (dest.is_file() and meta_path.is_file()):
        return None
    try:
        meta = json.loads(meta_path.read_text())
    except ValueError:
        return None
    if meta.get("url") != url or sha256_of(dest) != meta.get("sha256"):
        return None
    return meta


def _part_validator(part: Path, etag: str | None = None) -> str | None:
    """Remember (or recall) the ETag a partial download started from, for ``If-Range``.

    With it, a resumed request gets the rest of the *same* file, or the whole new one if the
    upstream changed in between, never a splice of two versions.
    """
    sidecar = part.with_name(part.name + ".etag")
    if etag is not None:
        sidecar.write_text(etag)
        return etag
    return sidecar.read_text() if sidecar.is_file() else None


class Fetcher:
    """Fetches :class:`SourceFile` s from the official URLs, an http mirror or a mirror folder."""

    def __init__(
        self,
        cache: Path,
        mirror: str | None = None,
        *,
        client: httpx.Client | None = None,
        quiet: bool = False,
        retries: int = 4,
        backoff: float = 0.5,
    ) -> None:
        self.cache = cache
        self.mirror = mirror
        self.quiet = quiet
        self.retries = retries
        self.backoff = backoff
        self._client = client
        self._checksums: dict[str, str] | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=True,
                timeout=httpx.Timeout(30.0, read=60.0),
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def wanted(self, file: SourceFile) -> bool:
        """Mirror-only supplements are skipped when syncing from the official URLs, and
        official files no mirror carries when syncing from a mirror."""
        if self.mirror is not None:
            return file.in_mirror
        return file.url is not None

    def mirror_checksums(self) -> dict[str, str]:
        """A mirror may publish ``SHA256SUMS`` at its root; every file listed there is checked."""
        if self._checksums is None:
            self._checksums = {}
            if self.mirror and is_url(self.mirror):
                try:
                    r = self.client.get(self.mirror.rstrip("/") + "/" + CHECKSUMS_NAME)
                    if r.status_code == 200:
                        self._checksums = parse_checksums(r.text)
                except httpx.TransportError:
                    pass
            elif self.mirror:
                sums = Path(self.mirror) / CHECKSUMS_NAME
                if sums.is_file():
                    self._checksums = parse_checksums(sums.read_text())
        return self._checksums

    def fetch(self, file: SourceFile, progress: Progress | None = None) -> Fetched | None:
        """Return a verified local copy, or ``None`` for an optional file the mirror lacks."""
        expected = file.sha256 or self.mirror_checksums().get(file.mirror_path)
        now = datetime.now(UTC)
        if self.mirror and not is_url(self.mirror):
            return self._local(file, Path(self.mirror) / file.mirror_path, expected, now)
        if self.mirror:
            url = self.mirror.rstrip("/") + "/" + file.mirror_path
        elif file.url and file.url.startswith("file://"):
            return self._local(file, Path(url2pathname(urlparse(file.url).path)), expected, now)
        elif file.url:
            url = file.url
        else:
            return None
        dest = self.cache / file.mirror_path
        try:
            digest = download(
                url,
                dest,
                client=self.client,
                expected_sha256=expected,
                retries=self.retries,
                backoff=self.backoff,
                progress=progress,
            )
        except FileNotFoundError:
            if file.optional:
                return None
            raise DownloadError(
                f"{url} answered HTTP 404 (not found)",
                "check the mirror URL (--from / UNTALLY_MIRROR) or whether upstream moved the file",
            ) from None
        return Fetched(file.key, dest, url, digest, dest.stat().st_size, now)

    def _local(
        self, file: SourceFile, path: Path, expected: str | None, now: datetime
    ) -> Fetched | None:
        """A file in a local folder (a mirror, or a ``file://`` location), read in place."""
        if not path.is_file():
            if file.optional:
                return None
            if self.mirror is None:
                raise SourceError(
                    f"{path}: no such file",
                    "put the file there or change the setting naming this folder "
                    "(UNTALLY_SIPRI_TABLES, UNTALLY_SIPRI_SUPPLIERS)",
                )
            raise SourceError(
                f"mirror {self.mirror} has no {file.mirror_path}",
                "point --from / UNTALLY_MIRROR at a folder laid out like shared/data",
            )
        digest = sha256_of(path)
        if expected and digest != expected:
            raise ChecksumMismatch(
                f"{path}: sha256 {digest[:12]}… does not match the listed {expected[:12]}…",
                "the mirror copy is corrupt; restore it, nothing was loaded",
            )
        return Fetched(file.key, path, path.resolve().as_uri(), digest, path.stat().st_size, now)
