"""One headless Chromium driven over its DevTools pipe, for the tests that print html."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
from pathlib import Path


def chromium() -> str | None:
    """Headless Chromium, for the tests that print html (they skip without it)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


NO_CHROMIUM = "headless Chromium is not installed here (.ci/run installs it in CI)"
# Headless, with the network cut off: a page asking for anything external fails.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


class Browser:
    """One headless Chromium driven over its DevTools pipe (`--remote-debugging-pipe`: commands
    on its fd 3, answers on its fd 4, each a JSON message ending in NUL). Every page loads in
    its one tab, so every real-browser check of a worker pays one browser start (about 0.6 s
    of CPU) instead of one per page. `dom`, `screenshot` and `pdf` give what `--dump-dom`,
    `--screenshot` and `--print-to-pdf` (no header or footer) give for one page."""

    TIMEOUT = 60.0

    def __init__(self, profile: Path):
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()

        def onto_fds_3_and_4() -> None:  # in the child, before exec
            # copies first: an original may sit on fd 3 or 4, which dup2 would overwrite
            copies = os.dup(commands_read), os.dup(answers_write)
            os.dup2(copies[0], 3)
            os.dup2(copies[1], 4)
            for fd in copies:
                if fd not in (3, 4):
                    os.close(fd)

        self.process = subprocess.Popen(
            [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # fds 3 and 4 stay open; Python's own fds are close-on-exec
            preexec_fn=onto_fds_3_and_4,
        )
        os.close(commands_read)
        os.close(answers_write)
        self._buffer = b""
        self._events: list[dict] = []
        self._next_id = 0
        self._session: str | None = None

    def _send(self, method: str, session: str | None = None, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next_id:
                assert "error" not in answer, (method, answer["error"])
                return answer["result"]
            self._events.append(answer)

    def _receive(self) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._answers], [], [], self.TIMEOUT)
            chunk = os.read(self._answers, 1 << 20) if ready else b""
            assert chunk, "Chromium stopped answering"
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _wait_for_load(self, session: str, loader: str) -> None:
        """Until the load event of the navigation `loader` (not that of the blank first page)."""
        while True:
            for event in self._events:
                params = event.get("params", {})
                if (
                    event.get("sessionId") == session
                    and event.get("method") == "Page.lifecycleEvent"
                    and params.get("name") == "load"
                    and params.get("loaderId") == loader
                ):
                    self._events.remove(event)
                    return
            self._events.append(self._receive())

    def _tab(self) -> str:
        """The session of the browser's one tab, opened on first use: every page loads in it
        (a new tab starts a renderer process of its own, ~0.1 s a page; a navigation replaces
        the page, its scripts and their state all the same)."""
        if self._session is None:
            target = self._send("Target.createTarget", url="about:blank")["targetId"]
            session = self._send("Target.attachToTarget", targetId=target, flatten=True)
            self._session = session["sessionId"]
            self._send("Page.enable", self._session)
            self._send("Page.setLifecycleEventsEnabled", self._session, enabled=True)
        return self._session

    @contextlib.contextmanager
    def _page(self, url: str, width: int | None = None, height: int | None = None):
        """The tab, having loaded url (its load event fired: its scripts have run) in a window
        of width × height pixels (without them, the browser's own)."""
        session = self._tab()
        try:
            if width:
                self._send(
                    "Emulation.setDeviceMetricsOverride",
                    session,
                    width=width,
                    height=height,
                    deviceScaleFactor=1,
                    mobile=False,
                )
            else:
                self._send("Emulation.clearDeviceMetricsOverride", session)
            loader = self._send("Page.navigate", session, url=url)["loaderId"]
            self._wait_for_load(session, loader)
            yield session
        finally:
            self._events = [e for e in self._events if e.get("sessionId") != session]

    def dom(self, url: str) -> str:
        """The page's DOM after its scripts ran, as html."""
        with self._page(url) as session:
            expression = "document.documentElement.outerHTML"
            found = self._send("Runtime.evaluate", session, expression=expression)
            return found["result"]["value"]

    def evaluate(self, url: str, expression: str, width: int = 800, height: int = 600):
        """The value of a JavaScript expression in the loaded page, in a window of that size."""
        with self._page(url, width, height) as session:
            found = self._send("Runtime.evaluate", session, expression=expression)
            return found["result"]["value"]

    def screenshot(self, url: str, width: int, height: int) -> bytes:
        """A png of the page in a window of width × height pixels."""
        with self._page(url, width, height) as session:
            return base64.b64decode(self._send("Page.captureScreenshot", session)["data"])

    def pdf(self, url: str) -> bytes:
        """The page printed as the browser prints it: paper from its CSS @page rule."""
        with self._page(url) as session:
            printed = self._send("Page.printToPDF", session, preferCSSPageSize=True)
            return base64.b64decode(printed["data"])

    def close(self) -> None:
        with contextlib.suppress(OSError):  # no answer awaited: the browser exits
            os.write(self._commands, b'{"id": 0, "method": "Browser.close"}\0')
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._answers)
