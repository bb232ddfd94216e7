"""The explorer's files as the app serves them: the page at /, its assets, no CDN."""

import re

import httpx

from app.explorer.router import STATIC


def test_root_serves_the_explorer_page_with_its_content_security_policy(explorer_url: str) -> None:
    page = httpx.get(f"{explorer_url}/", params={"utm_source": "mail"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in page.headers["content-security-policy"]


def test_every_asset_the_page_names_is_served_from_the_app(explorer_url: str) -> None:
    html = httpx.get(f"{explorer_url}/").text
    assets = re.findall(r'(?:src|href)="([^"#]+)"', html)
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    for asset in assets:
        if asset.startswith("/explorer/"):
            assert httpx.get(f"{explorer_url}{asset}").status_code == 200, asset


def test_vendored_libraries_carry_their_licences() -> None:
    vendor = STATIC / "vendor"
    pinned = (vendor / "VERSIONS").read_text().split()
    for package in (p.rsplit("@", 1)[0] for p in pinned):
        assert (vendor / f"{package}.LICENSE").stat().st_size > 0, package


def test_no_inline_script_style_or_handler_in_the_static_files() -> None:
    for path in [STATIC / "index.html", *STATIC.glob("js/**/*.js")]:
        text = path.read_text()
        assert not re.search(r"<script>|<style|\sstyle=|\son[a-z]+=", text), path
