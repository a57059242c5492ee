"""A static HTTP server on 127.0.0.1 for the bundled sample bulletins (the demo's feed hosts)."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request over the demo's output."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        return


def samples_dir() -> Path:
    """Where the sample bulletins are installed."""
    return Path(str(resources.files("bot") / "samples"))


class SampleServer:
    """Serves `samples_dir()` on a free loopback port while the `with` block runs."""

    def __init__(self, directory: Path | None = None) -> None:
        handler = partial(_QuietHandler, directory=str(directory or samples_dir()))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        """The URL of one served file."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{name}"

    def __enter__(self) -> SampleServer:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
