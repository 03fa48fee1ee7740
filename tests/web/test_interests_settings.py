"""Interests on the settings page: shown, saved to config.toml, refused with the field named."""

from __future__ import annotations

from nextround.config import Settings
from tests.web.conftest import Browser

FORM = {
    "interests.titles": "data engineer\r\nAnalytics Engineer\r\n",
    "interests.seniority": "senior, lead",
    "interests.locations": "Berlin, Remote",
    "interests.remote": "any",
}


def test_interests_are_saved_and_shown_again(client: Browser, web_settings: Settings) -> None:
    page = client.load("/settings")
    assert '<form method="post" action="/settings/interests" id="interests"' in page
    saved = client.submit("/settings/interests", FORM)
    assert saved.status_code == 303 and saved.headers["location"] == "/settings?saved=1#interests"
    assert web_settings.config_path is not None
    text = web_settings.config_path.read_text()
    assert 'titles = ["data engineer", "Analytics Engineer"]' in text
    assert 'locations = ["Berlin", "Remote"]' in text and "remote" not in text
    page = client.load("/settings")
    assert ">data engineer\nAnalytics Engineer</textarea>" in page
    assert 'value="senior, lead"' in page
    # The running app uses them at once.
    assert client.app.state.web.base.settings.interests.titles == (  # type: ignore[attr-defined]
        "data engineer",
        "Analytics Engineer",
    )
    cleared = client.submit("/settings/interests", dict.fromkeys(FORM, ""))
    assert cleared.status_code == 303
    assert "titles" not in web_settings.config_path.read_text()


def test_a_bad_interest_is_named_beside_its_field_and_nothing_is_saved(
    client: Browser, web_settings: Settings
) -> None:
    client.load("/settings")
    bad = client.submit("/settings/interests", {**FORM, "interests.titles": "(m/w/d)"})
    assert bad.status_code == 422
    assert 'id="e-interests.titles"' in bad.text and "has no words to match on" in bad.text
    assert 'value="senior, lead"' in bad.text  # what was typed stays
    assert web_settings.config_path is not None
    assert not web_settings.config_path.exists() or "interests" not in (
        web_settings.config_path.read_text()
    )
    odd = client.submit("/settings/interests", {**FORM, "interests.remote": "sometimes"})
    assert odd.status_code == 422 and "remote must be yes, no or any" in odd.text
