"""A small HTTP server on 127.0.0.1 serving a mirror folder, with faults on demand.

It speaks enough HTTP for untally's download path (GET, Content-Length, Range -> 206) and can
drop a connection part-way, announce more bytes than it sends, or serve altered bytes, so the
tests exercise the real network code instead of a mock.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Fault:
    drop_after: int | None = None  # close the connection after this many body bytes
    times: int = 1  # how many requests the fault applies to (-1: always)
    corrupt: bool = False  # flip the first byte of the body


@dataclass
class MirrorServer:
    root: Path
    extra: dict[str, bytes] = field(default_factory=dict)  # path -> content served instead
    faults: dict[str, Fault] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, Range)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                path = self.path.lstrip("/")
                server.requests.append((path, self.headers.get("Range")))
                if path in server.extra:
                    body = server.extra[path]
                else:
                    file = (server.root / path).resolve()
                    if not file.is_file() or server.root.resolve() not in file.parents:
                        self.send_error(404)
                        return
                    body = file.read_bytes()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                start = 0
                if_range = self.headers.get("If-Range")
                if (rng := self.headers.get("Range")) and if_range in (None, etag):
                    start = int(rng.removeprefix("bytes=").split("-")[0])
                    if start >= len(body):
                        self.send_error(416)
                        return
                fault = server.faults.get(path)
                active = fault is not None and fault.times != 0
                if active and fault.times > 0:
                    fault.times -= 1
                chunk = body[start:]
                if active and fault.corrupt:
                    chunk = bytes([chunk[0] ^ 0xFF]) + chunk[1:]
                self.send_response(206 if start else 200)
                self.send_header("Content-Length", str(len(chunk)))
                if start:
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("ETag", etag)
                self.end_headers()
                if active and fault.drop_after is not None:
                    self.wfile.write(chunk[: fault.drop_after])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(chunk)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> MirrorServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
