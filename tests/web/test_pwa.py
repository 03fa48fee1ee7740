"""The installable app's parts over HTTP: the manifest, the worker at the root, the page
about offline copies and the action that forgets them (issue 16, point 4)."""

from __future__ import annotations

import json

from PIL import Image

from nextround.web.pwa import STATIC
from tests.web.conftest import Browser


def test_the_manifest_is_json_with_png_icons_of_the_sizes_it_names(client: Browser) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = json.loads(response.text)
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    assert {icon["sizes"] for icon in pngs} == {"192x192", "512x512"}
    for icon in pngs:
        served = client.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        side = int(icon["sizes"].split("x")[0])
        with Image.open(STATIC / icon["src"].removeprefix("/static/")) as image:
            assert image.size == (side, side)


def test_the_worker_is_served_from_the_root_for_every_page(client: Browser) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["service-worker-allowed"] == "/"
    assert response.headers["content-type"].startswith("text/javascript")
    assert "no-cache" in response.headers["cache-control"]
    assert "caches.open" in response.text


def test_every_page_links_the_manifest_the_script_and_a_hidden_offline_notice(
    client: Browser,
) -> None:
    for path in ("/", "/settings", "/offline"):
        html = client.load(path)
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        assert "/static/pwa.js" in html
        assert 'id="offline-notice"' in html and "hidden>" in html


def test_forgetting_offline_copies_needs_the_form_token(client: Browser) -> None:
    refused = client.post("/offline/clear", data={}, follow_redirects=False)
    assert refused.status_code == 403
    assert "Clear-Site-Data" not in refused.headers


def test_forgetting_offline_copies_clears_the_browser_cache_and_says_so(client: Browser) -> None:
    client.load("/offline")
    response = client.submit("/offline/clear")
    assert response.status_code == 303
    assert response.headers["location"] == "/offline?cleared=1"
    assert response.headers["clear-site-data"] == '"cache"'
    page = client.get(response.headers["location"]).text
    assert "no longer keeps offline copies" in page
    assert "no longer keeps" not in client.get("/offline").text
