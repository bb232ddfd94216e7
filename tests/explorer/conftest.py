"""A seeded API under a real uvicorn, Debian's Chromium driven by Playwright, a page per test.

Each test's page fails it on any console error or uncaught exception (a refused
Content-Security-Policy directive is one) and leaves a full-page screenshot in
test-artifacts/explorer/.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.served import ROOT, served

ARTIFACTS = ROOT / "test-artifacts" / "explorer"
# Debian's package; never a browser downloaded by `playwright install`.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _chromium() -> str:
    found = shutil.which(CHROMIUM)
    if found:
        return found
    reason = (
        f"no Chromium at {CHROMIUM}: run .ci/ensure-chromium as root (apt-get install chromium)"
    )
    # Under CI a missing browser is a broken machine, not a reason to pass quietly.
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def explorer_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(tmp_path_factory.mktemp("explorer")) as (base, _):
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def open_page(browser: Browser, width: int = 1280) -> Page:
    return browser.new_page(viewport={"width": width, "height": 900})


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop-sized page; a console error or a page exception fails the test."""
    opened = open_page(browser)
    with watched(opened, request.node.name):
        yield opened


class watched:
    """Collect a page's console errors while in use; screenshot it and close it after."""

    def __init__(self, page: Page, name: str) -> None:
        self.page, self.name, self.errors = page, name, list[str]()

    def __enter__(self) -> Page:
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        return self.page

    def __exit__(self, *exc: object) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=ARTIFACTS / f"{self.name}.png", full_page=True)
        self.page.close()
        assert not self.errors, f"the page logged errors: {self.errors}"


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
