"""A test site's HTTP server: threaded, on 127.0.0.1, a free port, serving while used as
a context manager. A site subclasses :class:`LocalSite` and answers in :meth:`get`."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


class LocalSite:
    """Serves ``get(handler)`` for every GET; ``base`` is its ``http://127.0.0.1:PORT``."""

    def __init__(self) -> None:
        site = self
        self._lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.get(self)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def get(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    @staticmethod
    def send(handler: BaseHTTPRequestHandler, status: int, media: str | None, data: bytes,
             **headers: str) -> None:
        """One whole answer: status, ``Content-Type`` (none when ``media`` is None), length."""
        handler.send_response(status)
        if media is not None:
            handler.send_header("Content-Type", media)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
