"""A reader follows links between themes, articles, people and companies."""

from __future__ import annotations

from tests.browser.conftest import screenshot

ARTICLE = "articles/2025-03-04-open-source-motor-fuer-ki-fortschritt/"


def test_home_lists_themes_and_latest_articles(page: object, sample_url: str) -> None:
    page.goto(sample_url)  # type: ignore[attr-defined]
    article = page.locator("article")  # type: ignore[attr-defined]
    assert "Neueste Artikel" in article.inner_text()
    screenshot(page, "home")
    page.get_by_role("link", name="DeepSeeks Einfluss").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/themes/deepseek-einfluss/")  # type: ignore[attr-defined]
    assert page.locator("article h1").inner_text().rstrip("¶") == "DeepSeeks Einfluss"  # type: ignore[attr-defined]


def test_theme_navigation_in_the_sidebar(page: object, sample_url: str) -> None:
    page.goto(sample_url + "themes/")  # type: ignore[attr-defined]
    nav = page.locator("nav.md-nav--primary")  # type: ignore[attr-defined]
    nav.get_by_role("link", name="Die Zukunft offener KI").click()
    page.wait_for_url("**/themes/zukunft-offener-ki/")  # type: ignore[attr-defined]
    headings = page.locator("article h2").all_inner_texts()  # type: ignore[attr-defined]
    assert [h.rstrip("¶").strip() for h in headings] == [
        "Die Zukunft der Open-Source-KI: Ein Paradigmenwechsel"
    ]
    screenshot(page, "theme")


def test_clicking_a_mention_on_a_theme_page_opens_the_entity(page: object, sample_url: str) -> None:
    page.goto(sample_url + "themes/mistral-strategie/")  # type: ignore[attr-defined]
    page.locator("a.entity-link", has_text="Mensch").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/people/arthur-mensch/")  # type: ignore[attr-defined]
    assert page.locator("article h1").inner_text().rstrip("¶") == "Arthur Mensch"  # type: ignore[attr-defined]
    screenshot(page, "entity")


def test_entity_mention_link_lands_on_the_section_in_view(page: object, sample_url: str) -> None:
    page.goto(sample_url + "people/arthur-mensch/")  # type: ignore[attr-defined]
    link = page.locator("article li a[href*='#finanzielle-staerke']").first  # type: ignore[attr-defined]
    link.click()
    page.wait_for_url(f"**/{ARTICLE}#finanzielle-staerke-und-zukuenftiges-wachstum-ein-nachhaltiger-kurs")  # type: ignore[attr-defined]
    heading = page.locator("#finanzielle-staerke-und-zukuenftiges-wachstum-ein-nachhaltiger-kurs")  # type: ignore[attr-defined]
    box = heading.bounding_box()
    viewport = page.viewport_size  # type: ignore[attr-defined]
    assert box is not None and 0 <= box["y"] < viewport["height"], box


def test_phone_viewport_has_a_drawer_menu(browser: object, sample_url: str, watch: object) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    phone = context.new_page()
    phone.on("pageerror", lambda error: watch.errors.append(str(error)))  # type: ignore[attr-defined]
    phone.goto(sample_url + "themes/deepseek-einfluss/")
    sidebar = phone.locator("nav.md-nav--primary")
    assert not sidebar.is_visible() or sidebar.bounding_box()["x"] < 0  # drawer closed
    phone.locator("label.md-header__button[for='__drawer']").click()
    phone.get_by_role("link", name="Unternehmen").first.wait_for(state="visible")
    # Wait until the drawer has slid in completely.
    phone.wait_for_function(
        "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
    )
    phone.wait_for_timeout(300)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px phone"
    screenshot(phone, "phone")
    context.close()
    assert not watch.errors  # type: ignore[attr-defined]


def test_light_and_dark_scheme(page: object, sample_url: str) -> None:
    page.goto(sample_url)  # type: ignore[attr-defined]
    body = page.locator("body")  # type: ignore[attr-defined]
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='Dunkles Farbschema']").first.click()  # type: ignore[attr-defined]
    assert body.get_attribute("data-md-color-scheme") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")  # type: ignore[attr-defined]
    assert background != "rgb(255, 255, 255)"
    screenshot(page, "dark")


def test_quote_index_links_to_the_quote_in_its_article(page: object, sample_url: str) -> None:
    page.goto(sample_url + "quotes/")  # type: ignore[attr-defined]
    screenshot(page, "quotes")
    quote = page.locator("article li", has_text="ziemlich signifikante Einnahmen")  # type: ignore[attr-defined]
    quote.get_by_role("link").first.click()
    page.wait_for_url(f"**/{ARTICLE}#zitat-*")  # type: ignore[attr-defined]
    anchor = page.locator(".quote-anchor:target")  # type: ignore[attr-defined]
    assert anchor.count() == 1
    paragraph = anchor.locator("xpath=..")
    assert "ziemlich signifikante Einnahmen" in paragraph.inner_text()
    box = paragraph.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]  # type: ignore[attr-defined]
