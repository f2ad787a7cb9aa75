"""Search in Chromium: the time from typing a query to the first result on the screen.

Used by `make bench` (bench/site.py) for both search backends on the same built site, and
runnable alone on a built site: `python bench/search.py SITE_DIR [QUERY ...]`.

For each query a fresh browser context (an empty cache, as for a new reader) opens the home
page, waits for its `load` event, focuses the header search box and enters the query: all but
the last letter at once, the last as a key press, since Material reads the box on `keyup`.
The page itself records `performance.now()` at that key's input event and at the first change
of the result list that shows a result. "first" is that first query of the visit: it includes
whatever the backend still has to load (lunr: the whole index; Pagefind: its runtime and the
chunks of that query). "next" is a second, different query on the same page.
`time_typing` types a query letter by letter into a fresh page (one key every 100 ms, as a
reader types, or every 20 ms) and times the last key to the first result shown: every key
is a query of its own, and superseded ones must not hold up the last.
A benchmark, never a test: nothing here asserts a time.
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import sys
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
"""Debian's Chromium without a sandbox, GPU or calls home (this machine has no network)."""
TIMEOUT_MS = int(os.environ.get("SEARCH_TIMEOUT_MS", "300000"))
SLOW_MS = 30_000
WATCH = """() => {
  window.__search = {}
  const list = document.querySelector(".md-search-result__list")
  new MutationObserver(() => {
    const t = window.__search
    if (t.input && !t.result && list.querySelector(".md-search-result__item"))
      t.result = performance.now()
  }).observe(list, { childList: true, subtree: true })
  document.querySelector(".md-search__input").addEventListener(
    "input", () => { window.__search = { input: performance.now() } }, true)
}"""


class _Quiet(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real web server; HTTP/1.0 reconnects per file

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a closed page drops its pending requests (broken pipes); nothing to report


def serve_folder(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve `folder` on 127.0.0.1 (a free port) in a thread; the server and its base URL.
    The caller shuts it down. The browser tests serve their sites with it too."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _first_result_ms(page: Any) -> float | None:
    """Milliseconds from the last input event to the first result shown (None: none in time)."""
    try:
        page.wait_for_function("() => window.__search.result", timeout=TIMEOUT_MS)
    except Exception:  # Playwright's TimeoutError; the caller records the miss
        return None
    return float(page.evaluate("() => window.__search.result - window.__search.input"))


def _ask(page: Any, query: str) -> float | None:
    """Milliseconds from the input event to the first result shown (None: no result in time)."""
    box = page.locator("input.md-search__input")
    # Material reads the box on `keyup`: all but the last letter go in at once, the last one is
    # a real key press, whose input event starts the clock.
    box.fill(query[:-1])
    box.press(query[-1])
    return _first_result_ms(page)


def _fresh_page(browser: Any, url: str) -> tuple[Any, Any]:
    """A new context (an empty cache, as for a new reader) on the loaded home page, watched,
    with the search box focused: (context, page)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate(WATCH)
    page.locator("input.md-search__input").click()
    return context, page


def _in_chromium(site: Path, visit: Callable[[Any, str], None], browser: Any = None) -> None:
    """Serve `site` and run `visit(browser, url)`, in Chromium launched here unless given a
    Playwright `browser` (the browser tests pass theirs)."""
    server, url = serve_folder(site)
    try:
        if browser is not None:
            visit(browser, url)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                visit(launched, url)
                launched.close()
    finally:
        server.shutdown()
        server.server_close()


def time_search(site: Path, queries: list[str], browser: Any = None) -> dict[str, Any]:
    """Median first-query and next-query times over `queries` (see the module docstring).
    Launches Chromium unless given a Playwright `browser` (the browser tests pass theirs)."""
    first: list[float | None] = []
    following: list[float | None] = []

    def visit(browser: Any, url: str) -> None:
        for index, query in enumerate(queries):
            context, page = _fresh_page(browser, url)
            answer = _ask(page, query)
            first.append(answer)
            # A backend that took over half a minute is not asked again (at 10,000
            # articles lunr's tab may not recover at all).
            usable = answer is not None and answer < SLOW_MS
            following.append(_ask(page, queries[(index + 1) % len(queries)]) if usable else None)
            context.close()

    _in_chromium(site, visit, browser)

    def median(values: list[float | None]) -> float | None:
        done = [v for v in values if v is not None]
        return round(statistics.median(done)) if len(done) == len(values) else None

    return {
        "first_query_ms": median(first),
        "next_query_ms": median(following),
        "each_first_ms": [None if v is None else round(v) for v in first],
        "each_next_ms": [None if v is None else round(v) for v in following],
        "queries": queries,
    }


def time_typing(
    site: Path, query: str, intervals: tuple[int, ...] = (100, 20), browser: Any = None
) -> dict[str, Any]:
    """Per interval (ms between keys): milliseconds from the last key of `query`, typed letter
    by letter into a freshly loaded page, to the first result shown (None: none in time)."""
    found: dict[str, Any] = {"query": query}

    def visit(browser: Any, url: str) -> None:
        for interval in intervals:
            context, page = _fresh_page(browser, url)
            page.locator("input.md-search__input").press_sequentially(query, delay=interval)
            ms = _first_result_ms(page)
            found[f"last_key_to_result_ms_every_{interval}ms"] = None if ms is None else round(ms)
            context.close()

    _in_chromium(site, visit, browser)
    return found


def index_bytes(site: Path) -> dict[str, int]:
    """What each backend ships: Material's one index file, and Pagefind's folder (of which a
    query loads only a few chunks)."""
    lunr = site / "search" / "search_index.json"
    pagefind = site / "pagefind"
    return {
        "lunr_index_bytes": lunr.stat().st_size if lunr.is_file() else 0,
        "pagefind_bytes": sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file())
        if pagefind.is_dir()
        else 0,
    }


def main(argv: list[str]) -> int:
    site = Path(argv[0])
    queries = argv[1:] or ["Modelle", "Rechenzentren", "offen bleiben"]
    print(
        json.dumps(
            {**time_search(site, queries), **time_typing(site, queries[0]), **index_bytes(site)}, indent=2
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
