"""A person's first visit, in a real headless Chromium (Debian's chromium and chromium-driver, driven by
Selenium) against `newsbrief serve` on loopback: upload the demo story, open its brief, click a
citation and read the source sentence. Screenshots go to test-artifacts/browser/.

Skipped when chromium, chromedriver or selenium is missing."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROMEDRIVER = shutil.which("chromedriver")
WAIT = 120     # seconds: the brief of seven articles takes a few seconds on a loaded machine

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="Chromium and chromedriver are not installed (Debian: chromium chromium-driver)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`newsbrief serve` as a user starts it, on a free loopback port, over an empty store."""
    folder = tmp_path_factory.mktemp("browser")
    port = _free_port()
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "newsbrief.cli", "serve", "--db", str(folder / "web.db"),
                                "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get_json(f"{base}/api/stories")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"newsbrief serve did not start: {(folder / 'serve.log').read_text()[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newsbrief-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=1280,1000"]:
        options.add_argument(flag)
    os.environ.setdefault("SE_OFFLINE", "true")    # never let Selenium Manager look for a driver online
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, condition, timeout: float, what: str):
    """WebDriverWait, failing with what the browser shows instead of an empty TimeoutException."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout).until(condition)
    except TimeoutException:
        shot(driver, "failed-" + what.replace(" ", "-"))
        text = driver.find_element("tag name", "body").text[:600] if driver.find_elements("tag name", "body") else ""
        raise AssertionError(f"no {what} after {timeout} s at {driver.current_url}: {text!r}") from None


def shot(driver, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def test_upload_the_demo_open_its_brief_and_follow_a_citation(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    browser.get(server + "/")
    assert "No stories yet" in browser.page_source
    shot(browser, "01-home-empty")

    # Upload: pick the demo folder's seven articles in the file input, as a person would.
    files = [str(p) for p in sorted(EXAMPLE.iterdir()) if p.suffix in {".txt", ".html", ".jsonl"}]
    browser.find_element(By.ID, "files").send_keys("\n".join(files))
    browser.find_element(By.ID, "add-articles").click()
    wait_for(browser, ready.url_contains("/stories/"), 30, "story page")
    shot(browser, "02-story-after-upload")

    # The story page refreshes itself until the brief is written.
    link = wait_for(browser, ready.presence_of_element_located((By.ID, "latest-brief")), WAIT, "brief link")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.articles tbody tr")) == len(files)
    shot(browser, "03-story-with-brief")
    link.click()

    wait_for(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "button.cite")), 30, "citation button")
    assert "/briefs/" in browser.current_url
    shot(browser, "04-brief")

    # Click the summary's first citation: the source panel shows that sentence, marked, in its paragraph.
    cite = browser.find_elements(By.CSS_SELECTOR, "button.cite")[0]
    article, start, end = cite.get_attribute("data-article"), int(cite.get_attribute("data-start")), \
        int(cite.get_attribute("data-end"))
    sentence = _get_json(f"{server}/api/articles/{article}")["text"][start:end]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", cite)
    cite.click()
    panel = wait_for(browser, ready.visibility_of_element_located((By.ID, "source")), 10, "source panel")
    marked = panel.find_element(By.CSS_SELECTOR, "mark").text
    assert " ".join(marked.split()) == " ".join(sentence.split())
    assert " ".join(sentence.split()) in " ".join(panel.text.split())
    shot(browser, "05-citation-source")

    # The bar above the brief leads back to the story.
    browser.find_element(By.CSS_SELECTOR, "nav.nb-serve a").click()
    wait_for(browser, ready.presence_of_element_located((By.ID, "latest-brief")), 10, "story page again")
    # Follow the story: a later report pasted on the story's page gives it a second brief; the first stays.
    story_url = browser.current_url
    browser.find_element(By.CSS_SELECTOR, "section.add details summary").click()
    browser.find_element(By.ID, "title").send_keys("Sibinj levee repaired as evacuees return")
    browser.find_element(By.ID, "published").send_keys("2025-03-21")
    browser.find_element(By.ID, "text").send_keys(
        "Engineers finished repairing the Sava levee west of Slavonski Brod on Friday, 21 March 2025, and the "
        "first of about 1,500 evacuated residents returned to Sibinj, civil protection officials said. The army "
        "left the area the same day.")
    browser.find_element(By.ID, "add-articles").click()
    wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "ol.updates > li")) == 2, WAIT, "second brief")
    assert browser.current_url == story_url and "Sibinj levee repaired" in browser.find_element(
        By.CSS_SELECTOR, "ol.updates > li").text           # the newest brief says which article was new
    shot(browser, "08-story-update")
    browser.find_elements(By.CSS_SELECTOR, "ol.updates > li > a")[1].click()   # the first brief is still there
    wait_for(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "button.cite")), 30, "first brief")
    assert "A newer brief is out" in browser.find_element(By.CSS_SELECTOR, "nav.nb-serve").text
    browser.get(story_url)

    browser.find_element(By.LINK_TEXT, "← All stories").click()
    wait_for(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "table.stories")), 10, "story list")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.stories tbody tr")) == 1
    shot(browser, "09-home-with-the-story")


def test_an_article_with_a_script_shows_as_text(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    browser.get(server + "/")
    browser.find_element(By.CSS_SELECTOR, "section.add details summary").click()
    browser.find_element(By.ID, "title").send_keys("Levee <script>document.title='owned'</script> report")
    browser.find_element(By.ID, "text").send_keys(
        "Officials said on Sunday that the levee at Sibinj <img src=x onerror=\"document.title='owned'\"> had "
        "failed late on Saturday. More than 400 people were evacuated from Sibinj and Ruščica.")
    browser.find_element(By.ID, "add-articles").click()
    link = wait_for(browser, ready.presence_of_element_located((By.ID, "latest-brief")), WAIT, "brief link")
    assert "<script>document.title" in browser.find_element(By.CSS_SELECTOR, "table.articles").text
    link.click()
    wait_for(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "button.cite")), 30, "citation button")
    assert browser.title != "owned" and not browser.find_elements(By.CSS_SELECTOR, "img[src=x]")
    shot(browser, "06-escaped-article")


def test_the_api_docs_render_offline(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    browser.get(server + "/docs")
    wait_for(browser, ready.presence_of_element_located((By.CSS_SELECTOR, ".opblock")), 30, "API operations")
    paths = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert {"/api/stories", "/api/uploads"} <= paths
    shot(browser, "07-api-docs")
