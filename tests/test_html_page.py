"""The offline HTML brief as a reader gets it: static checks on the file (no network, labelled markers,
clutter shown with reasons, the timeline grouped, print styles, contrast), and the page in a real
headless Chromium: keyboard to a citation, Enter shows the source sentence, Escape gives focus back,
and no request leaves the file. Screenshots and a PDF go to test-artifacts/html/.

The Chromium test skips when chromium, chromedriver or selenium is missing."""
from __future__ import annotations

import base64
import html as htmllib
import itertools
import json
import os
import re
import shutil
import tempfile
from html.parser import HTMLParser

import pytest

from conftest import ROOT, SHARED_DATA
from newsbrief.model import Article, Brief, Citation, Cited, Removal, TimelineEntry
from newsbrief.render import to_html
from newsbrief.render.html import short_label, timeline_view

ARTIFACTS = ROOT / "test-artifacts" / "html"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROMEDRIVER = shutil.which("chromedriver")


class Page(HTMLParser):
    """The elements of a page as (tag, attributes, text inside), enough for these checks."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, list[str]]] = []
        self._open: list[tuple[str, dict, list[str]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), [])
        self.elements.append(element)
        if tag not in {"meta", "br", "input", "line", "rect", "circle", "path"}:
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element[2].append(data)

    def find(self, tag: str, cls: str | None = None) -> list[tuple[dict, str]]:
        return [(attrs, "".join(text)) for t, attrs, text in self.elements
                if t == tag and (cls is None or cls in (attrs.get("class") or "").split())]


def _entry(date: str, text: str, background: bool = False) -> TimelineEntry:
    return TimelineEntry(date=date, text=text, citations=[Citation("a", 0, 5)], background=background)


def _brief(timeline: list[TimelineEntry]) -> Brief:
    article = Article(id="a", source="a.txt", title="A story", outlet="Adriatic Wire", published="2025-03-18",
                      text="Water rose. The levee held.")
    return Brief(headline=Cited(text="Water rose.", citations=[Citation("a", 0, 11)]), articles=[article],
                 timeline=timeline)


# ---------------------------------------------------------------- the file itself


def test_no_request_can_leave_the_file(example_brief):
    html = to_html(example_brief)
    page = Page(html)
    for tag, attrs, _ in page.elements:
        for name in ("src", "href", "action", "data", "poster", "srcset", "xlink:href"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:|//|ftp:)", value, re.I), (tag, name, value)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
    assert "@import" not in html and "<link" not in html and "<iframe" not in html and "<img" not in html
    assert not re.search(r"fetch\(|XMLHttpRequest|WebSocket|EventSource|@font-face", html)


def test_every_marker_names_its_source_and_the_number_matches(example_brief):
    page = Page(to_html(example_brief))
    buttons = page.find("button", "cite")
    assert len(buttons) > 50
    numbers = {a.id: i for i, a in enumerate(example_brief.articles, 1)}
    for attrs, text in buttons:
        label = attrs.get("aria-label", "")
        assert re.fullmatch(rf"Source {text}: \S.*", label), label
        assert numbers[attrs["data-article"]] == int(text)
        assert int(attrs["data-start"]) < int(attrs["data-end"])


def test_marker_label_is_outlet_and_day():
    article = Article(id="x", source="x", outlet="Adriatic Wire", published="2025-03-18T09:10+01:00", text="T.")
    assert short_label(article) == "Adriatic Wire, 18 Mar 2025"
    untitled = Article(id="y", source="y", text="Floodwater began to recede from villages on Wednesday.")
    assert short_label(untitled) == "Floodwater began to recede from villages on Wednesday."


def test_removed_clutter_is_shown_in_place_with_its_reason(example_brief):
    html = to_html(example_brief)
    page = Page(html)
    shown = [t for _, t in page.find("del", "removed")]
    reasons = [t for _, t in page.find("span", "reason")]
    removed = [r for a in example_brief.articles for r in a.removed]
    assert len(shown) == len(removed) > 0
    for r in removed:
        said = f"Removed as {r.reason}: {' '.join(r.text.split())}"        # what a screen reader reads
        assert any(" ".join(t.split()) == said for t in shown), said
        assert r.reason in reasons
    # in place: the title clutter comes before the article's first paragraph
    first = example_brief.articles[0]
    body = re.search(rf'<details class="article"[^>]*data-article="{re.escape(first.id)}".*?</details>',
                     html, re.S).group(0)
    assert 0 < body.find('class="removed"') < body.find('<p data-start="0"')


def test_sources_table_gives_outlet_date_originality_and_sharing(example_brief):
    html = to_html(example_brief)
    table = re.search(r'<table class="sources">.*?</table>', html, re.DOTALL).group(0)
    rows = [Page(r).find("td") for r in re.findall(r"<tr>\s*<td>.*?</tr>", table, re.DOTALL)]
    assert len(rows) == len(example_brief.articles)
    share = {s.article: s for s in example_brief.sources}
    numbers = {a.id: str(i) for i, a in enumerate(example_brief.articles, 1)}
    for article, cells in zip(example_brief.articles, rows):
        text = [" ".join(t.split()) for _, t in cells]
        assert text[0] == numbers[article.id]
        assert text[1] == (article.outlet or (article.dateline.agency if article.dateline else None) or "—")
        assert article.published[:4] in text[3]
        assert text[5] == f"{round(share[article.id].originality * 100)}%"
        assert text[6] == (", ".join(numbers[o] for o in share[article.id].shared_with) or "—")
        assert text[8] == str(len(article.removed))
    assert sum(int(r[7][1]) for r in rows) > len(rows)              # the brief cites them


def test_timeline_is_grouped_by_day_with_background_apart(example_brief):
    html = to_html(example_brief)
    view = timeline_view(example_brief)
    assert view["unit"] == "day"
    days = [g for g in view["groups"] if g.unit == "day"]
    assert len({g.datetime for g in days}) == len(days) > 3                 # one group per day
    assert all(len({e.date[:10] for _, e in g.entries}) == 1 for g in days)
    assert sum(len(g.entries) for g in view["groups"]) == sum(not e.background for e in example_brief.timeline)
    assert view["background"] and all(e.background for g in view["background"] for _, e in g.entries)
    background = re.search(r'<details class="background">.*?</details>', html, re.S).group(0)
    scroller = re.search(r'<div class="timeline-scroll" tabindex="0" role="region"[^>]*>.*?</div>', html, re.S).group(0)
    assert background.count('class="group') == len(view["background"])
    assert scroller.count('class="group') == len(view["groups"])
    chart = view["chart"]
    assert chart and sum(b["n"] for b in chart["bars"]) == sum(len(g.entries) for g in days)
    # a time of day stays inside its day's group, labelled
    midnight = [w for g in days for w, e in g.entries if e.date.endswith("T24:00")]
    assert midnight and set(midnight) == {"midnight"}


def test_a_story_of_many_weeks_is_grouped_by_week():
    entries = [_entry("2025-01-06", "One."), _entry("2025-01-08TMO", "Two."), _entry("2025-02-03", "Three."),
               _entry("2025-W07", "Four."), _entry("2025-03-20", "Five."), _entry("2025-03", "Six."),
               _entry("2019", "Old.", background=True), _entry("2019-05-02TEV", "Older.", background=True),
               _entry("2019-05-02", "Older still.", background=True)]
    view = timeline_view(_brief(entries))
    assert view["unit"] == "week"
    labels = [g.label for g in view["groups"]]
    assert labels == ["Week of 6 Jan 2025", "Week of 3 Feb 2025", "Week of 10 Feb 2025", "Week of 17 Mar 2025",
                      "Sometime in March 2025"]
    assert [w for w, _ in view["groups"][0].entries] == ["Mon 6 Jan", "Wed 8 Jan, morning"]
    assert [w for w, _ in view["groups"][2].entries] == ["during the week"]
    assert [g.label for g in view["background"]] == ["2019", "Thu 2 May 2019"]
    assert [w for w, _ in view["background"][1].entries] == [None, "evening"]
    assert [len(g.entries) for g in view["groups"]] == [2, 1, 1, 1, 1]
    html = to_html(_brief(entries))
    assert html.count('<time datetime="2025-W02">Week of 6 Jan 2025</time>') == 1
    # a short story keeps days
    assert timeline_view(_brief(entries[:2]))["unit"] == "day"


def test_print_styles_hide_the_controls_and_print_plain_references(example_brief):
    html = to_html(example_brief)
    start = html.index("@media print")
    css = html[start:html.index("</style>")]
    hidden = re.search(r"([^{}]*)\{\s*display:none", css).group(1)
    assert all(x in hidden for x in ("#source", ".toolbar", "nav.toc", ".skip"))
    assert 'button.cite::before { content:"["; }' in css and 'button.cite::after { content:"]"; }' in css
    assert ".timeline-scroll { max-height:none" in css and "break-before:page" in css and "break-inside:avoid" in css
    assert "details::details-content" in css                    # closed articles print open
    assert 'addEventListener("beforeprint"' in html


def test_landmarks_headings_and_unique_ids(example_brief):
    page = Page(to_html(example_brief))
    assert len(page.find("h1")) == 1 and len(page.find("main")) == 1
    assert page.find("nav")[0][0].get("aria-label") and page.find("a", "skip")[0][0]["href"] == "#content"
    ids = [attrs["id"] for _, attrs, _ in page.elements if "id" in attrs]
    assert len(ids) == len(set(ids))
    for attrs, _ in page.find("a"):
        if attrs.get("href", "").startswith("#") and len(attrs["href"]) > 1:
            assert attrs["href"][1:] in ids, attrs["href"]
    for section in page.find("section"):
        assert section[0]["aria-labelledby"] in ids
    levels = [int(t[1]) for t, _, _ in page.elements if re.fullmatch(r"h[1-6]", t)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))       # no level skipped going down
    assert all(attrs.get("scope") == "col" for attrs, _ in page.find("th"))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_meet_wcag_aa(example_brief):
    html = to_html(example_brief)
    palette = dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{6})", html[:html.index("</style>")]))
    white = "#ffffff"
    pairs = [("ink", "bg"), ("muted", "bg"), ("muted", "soft"), ("accent", "bg"), ("accent", "soft"),
             ("red", "red-soft"), ("cut", "cut-soft"), ("ink", "mark"), ("muted", "red-soft")]
    for fg, bg in pairs:
        assert contrast(palette[fg], palette[bg]) >= 4.5, (fg, bg)
    for bg in ("accent", "red", "cut"):                               # white text on flags, reasons, focused markers
        assert contrast(white, palette[bg]) >= 4.5, bg
    assert contrast("#615b48", "#f3f0e8") >= 4.5                      # country names on the map's land
    assert contrast(palette["focus"], white) >= 3                      # the focus ring against the page


def test_article_text_stays_text():
    evil = Article(id="e", source="e.txt", title="<script>alert(1)</script>", outlet="<b>Wire</b>",
                   text="Flood <img src=x onerror=alert(1)> rose.",
                   removed=[Removal(text="<iframe src=//evil>", reason="<i>ad</i>", at=0)])
    html = to_html(Brief(headline=Cited(text="Flood <b>rose</b>.", citations=[Citation("e", 0, 10)]), articles=[evil]))
    assert "<img src=x" not in html and "<iframe" not in html and "<script>alert" not in html and "<b>" not in html
    assert htmllib.escape("<iframe src=//evil>", quote=False) in html


@pytest.mark.shared_data
def test_the_seed_story_page():
    from newsbrief.pipeline import brief, load
    story = brief(load([str(SHARED_DATA / "seeds-rawa-2017")]).articles)
    page = Page(to_html(story))
    assert all(a.get("aria-label", "").startswith(f"Source {t}: ") for a, t in page.find("button", "cite"))
    assert len(page.find("del", "removed")) == sum(len(a.removed) for a in story.articles) > 10
    assert timeline_view(story)["background"]


# ---------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def chromium():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Chromium and chromedriver are not installed (Debian: chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newsbrief-html-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                 f"--user-data-dir={profile}", "--window-size=1280,900"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    os.environ.setdefault("SE_OFFLINE", "true")       # never let Selenium Manager look for a driver online
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _requests(driver) -> list[str]:
    out = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            out.append(message["params"]["request"]["url"])
    # the browser's own pages (the new tab page, print preview) are not the brief's requests,
    # and data: URLs never leave the machine
    return [u for u in out if not u.startswith(("chrome:", "chrome-untrusted:", "devtools:", "data:"))]


def test_keyboard_to_a_citation_shows_the_sentence_and_nothing_is_fetched(example_brief, chromium, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    path = tmp_path / "brief.html"
    path.write_text(to_html(example_brief), encoding="utf-8")
    chromium.get("about:blank")
    chromium.get_log("performance")                    # drop what came before
    chromium.get(path.as_uri())
    chromium.save_screenshot(str(ARTIFACTS / "01-top.png"))

    # Tab from the top of the page: the skip link first, then the sections' links, then the first marker.
    focused, outlines = None, []
    for _ in range(40):
        ActionChains(chromium).send_keys(Keys.TAB).perform()
        focused = chromium.switch_to.active_element
        outlines.append(chromium.execute_script(
            "var s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth", focused))
        if "cite" in (focused.get_attribute("class") or ""):
            break
    assert focused is not None and focused.tag_name == "button" and "cite" in focused.get_attribute("class")
    assert all(not o.startswith("none") and not o.endswith(" 0px") for o in outlines), outlines   # focus visible
    assert focused.get_attribute("aria-label").startswith(f"Source {focused.text}: ")
    chromium.save_screenshot(str(ARTIFACTS / "02-marker-focused.png"))

    article, start, end = (focused.get_attribute(n) for n in ("data-article", "data-start", "data-end"))
    sentence = " ".join(example_brief.article(article).text[int(start):int(end)].split())
    focused.send_keys(Keys.ENTER)
    panel = WebDriverWait(chromium, 10).until(ready.visibility_of_element_located((By.ID, "source")))
    assert " ".join(panel.find_element(By.CSS_SELECTOR, "mark").text.split()) == sentence
    assert chromium.switch_to.active_element == panel
    chromium.save_screenshot(str(ARTIFACTS / "03-source-panel.png"))

    chromium.switch_to.active_element.send_keys(Keys.ESCAPE)
    WebDriverWait(chromium, 10).until(ready.invisibility_of_element_located((By.ID, "source")))
    assert chromium.switch_to.active_element == focused

    # "Show in the article" opens the article at the sentence, marked
    focused.send_keys(Keys.ENTER)
    WebDriverWait(chromium, 10).until(ready.visibility_of_element_located((By.ID, "source")))
    chromium.find_element(By.CSS_SELECTOR, "#source .goto").send_keys(Keys.ENTER)
    opened = chromium.find_element(By.CSS_SELECTOR, f'details.article[data-article="{article}"]')
    assert opened.get_attribute("open") is not None
    assert " ".join(opened.find_element(By.CSS_SELECTOR, "mark").text.split()) == sentence
    chromium.save_screenshot(str(ARTIFACTS / "04-in-the-article.png"))

    # the clutter toggle hides the removed pieces, and shows them again
    toggle = chromium.find_element(By.ID, "show-removed")
    chromium.execute_script("arguments[0].scrollIntoView({block: 'center'})", toggle)
    toggle.send_keys(Keys.SPACE)
    assert not opened.find_element(By.CSS_SELECTOR, "del.removed").is_displayed()
    toggle.send_keys(Keys.SPACE)
    assert opened.find_element(By.CSS_SELECTOR, "del.removed").is_displayed()

    # nothing but the file itself was loaded (before printing: the print machinery loads chrome:// pages)
    fetched = _requests(chromium)
    assert fetched == [path.as_uri()], fetched
    assert chromium.execute_script("return performance.getEntriesByType('resource').length") == 0

    # print: every article in the PDF, markers as [n]
    pdf = base64.b64decode(chromium.print_page())
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    (ARTIFACTS / "brief.pdf").write_bytes(pdf)
    chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    printed = chromium.execute_script(
        "var b = document.querySelector('button.cite'); return [getComputedStyle(b, '::before').content,"
        " getComputedStyle(document.getElementById('source')).display, getComputedStyle(b).borderTopStyle]")
    chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert printed == ['"["', "none", "none"]

