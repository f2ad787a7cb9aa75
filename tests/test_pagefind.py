"""Pagefind: when a build uses it, and the index it writes for a built site."""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.adapters.pagefind import (
    MANIFEST,
    OUTPUT,
    PART_BYTES,
    PARTS_FILE,
    UNUSED,
    BackgroundIndex,
    index_site,
    use_pagefind,
)
from generator.adapters.publish import publish
from generator.adapters.search import skip_material_index
from generator.errors import GeneratorError


@pytest.mark.parametrize(
    ("backend", "articles", "expected"),
    [
        ("auto", 499, False),
        ("auto", 500, True),
        ("lunr", 10_000, False),
        ("pagefind", 1, True),
    ],
)
def test_which_backend_a_build_uses(backend: str, articles: int, expected: bool) -> None:
    assert use_pagefind(backend, articles, 500) is expected


def test_pages_that_keep_out_of_search_stay_out_of_pagefind() -> None:
    index_page: dict[str, object] = {"search": {"exclude": True}}
    article: dict[str, object] = {"title": "Artikel"}
    boosted: dict[str, object] = {"search": {"boost": 10}}
    for meta in (index_page, article, boosted):
        skip_material_index(meta)
    assert index_page["search"] == {"exclude": True, "pagefind": False}
    assert article["search"] == {"exclude": True}
    assert boosted["search"] == {"boost": 10, "exclude": True}


def page(body: str, *, marked: bool = True) -> str:
    attribute = " data-pagefind-body" if marked else ""
    return f'<html lang="de"><body><nav>Navigation</nav><article{attribute}>{body}</article></body></html>'


def test_index_site_indexes_the_marked_articles_with_german_stems(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page("<h1>Modelle</h1><p>Offene Modelle.</p>"))
    (tmp_path / "b.html").write_text(page("<h1>Unternehmen</h1><p>Ein Unternehmen.</p>"))
    (tmp_path / "404.html").write_text(page("<h1>404</h1>", marked=False))
    index = index_site(tmp_path)
    assert index.folder == tmp_path / OUTPUT
    assert index.pages == 2  # the unmarked 404 page is left out
    entry = json.loads((tmp_path / OUTPUT / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["de"]
    assert (tmp_path / OUTPUT / "pagefind.js").is_file()
    assert any((tmp_path / OUTPUT / "index").iterdir())
    assert not [name for name in UNUSED if (tmp_path / OUTPUT / name).exists()]


def test_index_site_names_the_folder_when_pagefind_fails(tmp_path: Path) -> None:
    missing = tmp_path / "no-site"
    with pytest.raises(GeneratorError) as error:
        index_site(missing)
    assert str(missing) in str(error.value)
    assert "search_backend: lunr" in str(error.value)


def test_the_index_is_the_same_for_the_same_pages(tmp_path: Path) -> None:
    trees = []
    for name in ("one", "two"):
        site = tmp_path / name
        site.mkdir()
        (site / "index.html").write_text(page("<h1>DeepSeek</h1><p>Offene Modelle aus China.</p>"))
        index_site(site)
        trees.append(
            {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
        )
    assert trees[0] == trees[1]


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def small_site(folder: Path, text: str = "Offene Modelle aus China.") -> Path:
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "index.html").write_text(page(f"<h1>DeepSeek</h1><p>{text}</p>"))
    (folder / "index.html").write_text(page("<h1>Start</h1><p>Mistral AI.</p>"))
    return folder


def no_pagefind(*args: object, **kwargs: object) -> None:
    raise AssertionError("Pagefind ran")


def test_the_same_pages_reuse_the_kept_index_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = small_site(tmp_path / "fresh")
    index_site(fresh)
    cache = tmp_path / "cache"
    first = small_site(tmp_path / "first")
    assert not index_site(first, cache=cache).reused
    # The next build writes the same pages into another (scratch) folder: no Pagefind run.
    second = small_site(tmp_path / "second")
    monkeypatch.setattr("generator.adapters.pagefind.subprocess.Popen", no_pagefind)
    index = index_site(second, cache=cache)
    assert index.reused and index.pages == 2
    assert files_of(second) == files_of(first) == files_of(fresh)


@pytest.mark.parametrize(
    "change",
    [
        lambda site: (site / "a" / "index.html").write_text(page("<h1>DeepSeek</h1><p>Neue Modelle.</p>")),
        lambda site: (site / "b.html").write_text(page("<h1>Neu</h1>")),
        lambda site: (site / "a" / "index.html").rename(site / "a" / "other.html"),
        lambda site: (site / "a" / "index.html").write_bytes(
            (site / "a" / "index.html").read_bytes().replace(b"China.", b"China!")
        ),
    ],
    ids=["text", "new page", "renamed page", "one character"],
)
def test_changed_pages_are_indexed_again(tmp_path: Path, change: Callable[[Path], object]) -> None:
    cache = tmp_path / "cache"
    index_site(small_site(tmp_path / "first"), cache=cache)
    changed = small_site(tmp_path / "changed")
    change(changed)
    assert not index_site(changed, cache=cache).reused
    fresh = small_site(tmp_path / "fresh")
    change(fresh)
    index_site(fresh)
    assert files_of(changed) == files_of(fresh)
    assert len(list(cache.iterdir())) == 1  # only the last index is kept


def damage_one_file(kept: Path) -> None:
    victim = sorted(p for p in kept.rglob("*") if p.is_file() and p.suffix != ".json")[0]
    victim.write_bytes(b"garbage")


@pytest.mark.parametrize(
    "damage",
    [
        lambda kept: (kept / "pagefind-entry.json").unlink(),
        lambda kept: (kept / "pagefind-entry.json").write_text("{}"),
        damage_one_file,
        lambda kept: (kept / "stray.txt").write_text("x"),
        lambda kept: (kept / MANIFEST).write_text('{"trunc'),
        lambda kept: (kept / MANIFEST).unlink(),
    ],
    ids=["entry gone", "entry emptied", "a file damaged", "a file added", "manifest cut", "no manifest"],
)
def test_a_damaged_kept_index_is_not_used(tmp_path: Path, damage: Callable[[Path], object]) -> None:
    cache = tmp_path / "cache"
    index_site(small_site(tmp_path / "first"), cache=cache)
    (kept,) = cache.iterdir()
    damage(kept)
    site = small_site(tmp_path / "second")
    assert not index_site(site, cache=cache).reused
    assert files_of(site) == files_of(tmp_path / "first")
    assert index_site(small_site(tmp_path / "third"), cache=cache).reused  # kept again, whole


def test_pagefinds_own_settings_and_files_in_its_folder_are_part_of_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    index_site(small_site(tmp_path / "first"), cache=cache)
    monkeypatch.setenv("PAGEFIND_KEEP_INDEX_URL", "true")
    assert not index_site(small_site(tmp_path / "setting"), cache=cache).reused
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.yml").write_text("keep_index_url: false\n")
    assert not index_site(small_site(tmp_path / "file"), cache=cache).reused
    # A file the site put into the folder itself (docs/pagefind/…) comes back as it is now.
    site = small_site(tmp_path / "own")
    (site / OUTPUT).mkdir()
    (site / OUTPUT / "custom.txt").write_text("v2")
    assert not index_site(site, cache=cache).reused
    assert (site / OUTPUT / "custom.txt").read_text() == "v2"
    again = small_site(tmp_path / "own-again")
    (again / OUTPUT).mkdir()
    (again / OUTPUT / "custom.txt").write_text("v2")
    assert index_site(again, cache=cache).reused
    assert files_of(again) == files_of(site)


def test_a_cache_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    with pytest.raises(GeneratorError) as error:
        index_site(small_site(tmp_path / "site"), cache=blocked)
    assert str(blocked) in str(error.value)
    assert "cache: false" in str(error.value)


def fragment_urls(folder: Path) -> list[str]:
    """The addresses of the pages in one part of the index (its fragments, gzipped JSON)."""
    urls = []
    for fragment in (folder / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        urls.append(json.loads(data[12:])["url"])
    return urls


def many_pages(folder: Path, count: int = 12, *, marked: bool = True) -> Path:
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"p{number}").mkdir()
        body = f"<h1>Seite {number}</h1><p>{'Offene Modelle aus Europa. ' * 40}Wort{number}.</p>"
        (folder / f"p{number}" / "index.html").write_text(page(body, marked=marked))
    (folder / "404.html").write_text(page("<h1>404</h1>", marked=False))
    return folder


def parts_of(site: Path) -> list[Path]:
    listed = json.loads((site / OUTPUT / PARTS_FILE).read_text(encoding="utf-8"))
    return [site / OUTPUT, *(site / OUTPUT / part for part in listed)]


def test_a_large_site_is_indexed_in_parts_that_hold_every_page_once(tmp_path: Path) -> None:
    site = many_pages(tmp_path / "site")
    total = sum(len(p.read_bytes()) for p in site.rglob("*.html") if p.name != "404.html")
    index = index_site(site, part_bytes=total // 3)
    folders = parts_of(site)
    assert index.parts == len(folders) >= 2 and index.pages == 12
    urls = [url for folder in folders for url in fragment_urls(folder)]
    assert sorted(urls) == sorted(f"/p{number}/" for number in range(12))  # the 404 page stays out
    for folder in folders[1:]:
        # A merged part needs only its index: the first part's script and WebAssembly search it.
        assert sorted(p.name for p in folder.iterdir() if p.is_file())[0] == "pagefind-entry.json"
        assert not list(folder.glob("*.js")) and not list(folder.glob("wasm.*"))
    assert (site / OUTPUT / "pagefind.js").is_file()
    assert not list(tmp_path.glob(".pagefind-part-*"))  # the scratch folders of links are gone
    # One part or several, the same page is found: a site of one part lists no others.
    whole = many_pages(tmp_path / "whole")
    assert index_site(whole).parts == 1
    assert json.loads((whole / OUTPUT / PARTS_FILE).read_text(encoding="utf-8")) == []
    assert sorted(fragment_urls(whole / OUTPUT)) == sorted(urls)


def test_without_marked_pages_every_page_is_indexed_in_parts(tmp_path: Path) -> None:
    site = many_pages(tmp_path / "site", marked=False)
    index = index_site(site, part_bytes=5_000)
    assert index.parts >= 2 and index.pages == 13  # as Pagefind does: no page marked, all count


def test_an_edit_indexes_only_the_part_of_its_page_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = many_pages(tmp_path / "first")
    index = index_site(first, cache=cache, part_bytes=5_000)
    assert index.parts >= 3 and index.kept == 0
    second = many_pages(tmp_path / "second")
    edited = second / "p3" / "index.html"
    edited.write_text(edited.read_text().replace("Wort3", "Quokka"))
    index = index_site(second, cache=cache, part_bytes=5_000)
    assert index.kept == index.parts - 1 and not index.reused
    fresh = many_pages(tmp_path / "fresh")
    (fresh / "p3" / "index.html").write_text(edited.read_text())
    index_site(fresh, part_bytes=5_000)
    assert files_of(second) == files_of(fresh)  # kept parts are what Pagefind would write
    assert len(list(cache.iterdir())) == index.parts  # the edited part's old index is gone


def test_parts_index_the_pages_pagefind_would(tmp_path: Path) -> None:
    """The pages split into parts are those Pagefind itself reads as marked: not a mention of
    the attribute in a comment or a script; an attribute in capitals or after a value with
    ">" in it; pages that MkDocs put below `pagefind/` (from `docs/pagefind/`)."""
    expected = []
    for name in ("whole", "parts"):
        site = many_pages(tmp_path / name)
        (site / "comment.html").write_text(
            '<html lang="de"><body><!-- <div data-pagefind-body> --><p>Kommentarwort.</p>'
            '<script>var x = "<div data-pagefind-body>"</script></body></html>'
        )
        (site / "upper.html").write_text(
            '<html lang="de"><body><DIV DATA-PAGEFIND-BODY>Großwort.</DIV></body></html>'
        )
        (site / "value.html").write_text(
            '<html lang="de"><body><div title="a>b" data-pagefind-body>Wertwort.</div></body></html>'
        )
        (site / OUTPUT / "own").mkdir(parents=True)
        (site / OUTPUT / "own" / "index.html").write_text(page("<h1>Eigen</h1><p>Eigenwort.</p>"))
        index = index_site(site, part_bytes=5_000 if name == "parts" else PART_BYTES)
        assert index.parts == (1 if name == "whole" else len(parts_of(site))) and index.pages == 15
        expected.append(sorted(url for folder in parts_of(site) for url in fragment_urls(folder)))
    assert expected[0] == expected[1]
    assert "/comment.html" not in expected[0] and "/upper.html" in expected[0]


def test_pagefinds_own_settings_file_makes_one_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.yml").write_text('glob: "p1/**/*.html"\n')  # it chooses the pages itself
    site = many_pages(tmp_path / "site")
    index = index_site(site, part_bytes=5_000)
    assert index.parts == 1 and index.pages == 1


def test_files_where_the_parts_go_are_a_clear_error(tmp_path: Path) -> None:
    for reserved in (PARTS_FILE, "parts/1/mine.txt"):
        site = many_pages(tmp_path / reserved.replace("/", "-"))
        (site / OUTPUT / reserved).parent.mkdir(parents=True, exist_ok=True)
        (site / OUTPUT / reserved).write_text("mine")
        with pytest.raises(GeneratorError, match="where the search index's parts go"):
            index_site(site, part_bytes=5_000)


def test_a_file_where_a_kept_part_goes_is_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    index_site(many_pages(tmp_path / "first"), cache=cache, part_bytes=5_000)
    victim = sorted(cache.iterdir())[0]
    shutil.rmtree(victim)
    victim.write_text("junk")
    assert index_site(many_pages(tmp_path / "second"), cache=cache, part_bytes=5_000).kept >= 1
    assert victim.is_dir()
    assert index_site(many_pages(tmp_path / "third"), cache=cache, part_bytes=5_000).reused


def test_a_file_name_that_is_not_utf8_is_indexed(tmp_path: Path) -> None:
    site = many_pages(tmp_path / "site")
    (site / os.fsdecode(b"caf\xe9.html")).write_text(page("<h1>Café</h1><p>Kaffeewort.</p>"))
    assert index_site(site, cache=tmp_path / "cache", part_bytes=5_000).pages == 13


def test_the_previews_index_comes_in_parts_and_a_newer_build_stops_it(tmp_path: Path) -> None:
    site = many_pages(tmp_path / "site")
    index = BackgroundIndex(site, part_bytes=5_000).result()
    assert index.parts >= 3 and index.pages == 12
    assert len(parts_of(site)) == index.parts
    stopped = BackgroundIndex(many_pages(tmp_path / "other"), part_bytes=5_000)
    stopped.stop()
    assert stopped.done()
    with pytest.raises(GeneratorError, match="newer build"):
        stopped.result()
    assert not list(tmp_path.glob(".pagefind-part-*"))


def with_pagefind(root: Path) -> Path:
    """The project's mkdocs.yml, switched to the Pagefind backend."""
    config_file = root / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace("search_backend: auto", "search_backend: pagefind"),
        encoding="utf-8",
    )
    return config_file


@pytest.mark.build
def test_under_serve_pagefind_indexes_after_the_build(project: Callable[..., Path]) -> None:
    root = project()
    config_file = with_pagefind(root)
    config = load_config(str(config_file), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        plugin = config.plugins["knowledge"]
        assert plugin.indexing is not None  # the build returned before the index was written
        deadline = time.monotonic() + 120
        while not plugin.indexing.done() and time.monotonic() < deadline:
            time.sleep(0.1)
        # Done, and its unused files gone, without anyone asking for the result.
        assert not any((root / "site" / OUTPUT / name).exists() for name in UNUSED)
        assert plugin.indexing.result().pages > 5
        assert (root / "site" / OUTPUT / "pagefind-entry.json").is_file()
        config = load_config(str(config_file), site_dir=str(root / "site"))
        assert config.plugins["knowledge"] is plugin  # MkDocs keeps it from build to build
        build(config, serve_url="http://127.0.0.1:8000/")  # the next one replaces the last
    finally:
        config.plugins.on_shutdown()
    assert plugin.indexing is None and not plugin.serving


@pytest.mark.build
def test_a_pagefind_build_answers_materials_search_box(project: Callable[..., Path]) -> None:
    root = project()
    config_file = with_pagefind(root)
    config = load_config(str(config_file), site_dir=str(root / "site"))
    build(config)
    site = root / "site"
    assert (site / OUTPUT / "pagefind-entry.json").is_file()
    # Material's index keeps its settings but no page text: Pagefind answers the queries.
    material = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == []
    assert material["config"]["lang"] == ["de"]
    (worker,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    assert worker.read_bytes() == (root / "templates" / "search" / "pagefind-worker.js").read_bytes()
    assert not list(worker.parent.glob("*.map"))

    def marked(path: str) -> bool:
        soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        return soup.select_one("article.md-content__inner").has_attr("data-pagefind-body")

    assert marked("companies/deepseek/index.html")
    assert marked("articles/2025-03-04-open-source-motor-fuer-ki-fortschritt/index.html")
    assert marked("quotes/index.html")
    assert not marked("companies/index.html")  # index pages keep out of search
    assert not marked("themes/index.html")
    assert not marked("themes/deepseek-einfluss/index.html")  # its sections are the articles'
    assert not marked("404.html")
    assert not (root / "docs" / OUTPUT).exists()


@pytest.mark.build
def test_a_build_of_the_same_pages_reuses_the_last_index(
    project: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = project()
    config_file = with_pagefind(root)
    site = root / "site"
    publish(config_file, site)
    kept = files_of(site / OUTPUT)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        publish(config_file, site)
    assert "its Pagefind index is reused" in caplog.text
    assert files_of(site / OUTPUT) == kept
    # An edit changes a page: Pagefind runs again, and its index differs.
    article = next((root / "docs" / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nQuokkaprojekt.\n", encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        publish(config_file, site)
    assert "Pagefind indexed" in caplog.text
    assert files_of(site / OUTPUT) != kept


@pytest.mark.build
def test_a_small_site_keeps_materials_search_by_default(project: Callable[..., Path]) -> None:
    root = project()
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    build(config)
    site = root / "site"
    assert not (site / OUTPUT).exists()
    material = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("companies/deepseek/") for doc in material["docs"])


@pytest.mark.build
def test_pagefind_without_materials_search_box_is_a_clear_error(
    project: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    root = project()
    config_file = with_pagefind(root)
    text = config_file.read_text(encoding="utf-8")
    start = text.index("  - search:")
    end = text.index("  - knowledge:")
    config_file.write_text(text[:start] + text[end:], encoding="utf-8")
    config = load_config(str(config_file), site_dir=str(root / "site"))
    with pytest.raises(Abort):
        build(config)
    assert "add `- search` under `plugins:`" in caplog.text
    assert not (root / "site" / OUTPUT).exists()
