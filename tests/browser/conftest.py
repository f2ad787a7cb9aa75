"""Browser tests: the built site served on 127.0.0.1, driven by Playwright in Debian's Chromium.

Every page fixture fails its test on a console error, an uncaught exception or a request to
any host but 127.0.0.1 (such requests are blocked and recorded).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.search import ARGS, CHROMIUM, serve_folder
from generator.commands.cli import main
from tests.conftest import ROOT

SCREENS = ROOT / "build" / "screens"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1 (a free port); returns its base URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server, url = serve_folder(folder)
        servers.append(server)
        return url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def build_project(root: Path) -> Path:
    assert main(["--config", str(root / "mkdocs.yml"), "build"]) == 0
    return root / "site"


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target)
    for name in ("config", "templates", "docs"):
        shutil.copytree(ROOT / name, target / name)
    return target


def build_with_backend(root: Path, backend: str, *, part_kb: int | None = None) -> Path:
    """Build the project with its `search_backend` option (mkdocs.yml says `auto`) set to
    `backend`, and Pagefind's index in parts of `part_kb`; returns the site folder."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "search_backend: auto" in text and "pagefind_from: 100\n" in text
    text = text.replace("search_backend: auto", f"search_backend: {backend}")
    if part_kb is not None:
        text = text.replace(
            "pagefind_from: 100\n", f"pagefind_from: 100\n      pagefind_part_kb: {part_kb}\n"
        )
    config.write_text(text, encoding="utf-8")
    return build_project(root)


@pytest.fixture(scope="session")
def sample_url(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    """The sample site, built as `make site` builds it, served on 127.0.0.1."""
    return serve(build_project(copy_project(tmp_path_factory.mktemp("browser") / "project")))


@pytest.fixture(scope="session", params=["lunr", "pagefind", "pagefind-parts"])
def search_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]
) -> str:
    """The sample site served once with each search backend: every search test runs on both,
    and on Pagefind's index in parts (about 350 kB of pages in parts of 100 kB), merged in
    the browser as on a large site."""
    root = copy_project(tmp_path_factory.mktemp(f"search-{request.param}") / "project")
    if request.param == "pagefind-parts":
        site = build_with_backend(root, "pagefind", part_kb=100)
        assert len(json.loads((site / "pagefind" / "knowledge-parts.json").read_text(encoding="utf-8"))) >= 2
        return serve(site)
    return serve(build_with_backend(root, request.param))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        # Never a skip: a green test run must mean the browser tests ran.
        pytest.fail(f"{CHROMIUM} is missing: install it as root with `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Watch:
    """What a page did that it must not do."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def context_options() -> dict[str, object]:
    return {"viewport": {"width": 1280, "height": 900}, "locale": "de-DE"}


@pytest.fixture
def page(browser: object, watch: Watch, context_options: dict[str, object]) -> Iterator[object]:
    context = browser.new_context(**context_options)  # type: ignore[attr-defined]

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if urlparse(url).hostname in ("127.0.0.1", None) or url.startswith(("data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            watch.foreign.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    yield page
    context.close()
    assert not watch.foreign, f"requests to hosts other than 127.0.0.1: {watch.foreign}"
    assert not watch.errors, f"console errors: {watch.errors}"


def screenshot(page: object, name: str) -> None:
    """Save what the reader sees to build/screens/ (git-ignored) for reviewers."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]
