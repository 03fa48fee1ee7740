"""Settings: shown, saved to config.toml (comments kept), validated, used at once."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from nextround.config import Settings
from tests.web.conftest import Browser
from tests.web.test_companies import ctx_of

CONFIG = """\
# My nextround settings: keep this comment
[playbook]
card_days = 3  # a little later than the default

[cards]
size = "A6"
"""


def form(**changes: str) -> dict[str, object]:
    values: dict[str, object] = {
        "playbook.journal_days": "0",
        "playbook.card_days": "3",
        "playbook.email_days": "7",
        "playbook.invite_days": "1",
        "playbook.follow_days": "3",
        "playbook.find_info_days": "1",
        "playbook.check_back_months": "3, 6",
        "playbook.steps": [
            "journal",
            "thank_you_card",
            "congrats_email",
            "linkedin_invite",
            "follow_company",
            "check_back",
        ],
        "user.name": "Sam Rivera",
        "user.email": "",
        "user.address": "Sam Rivera\n2 Elm Row\nSpringfield",
        "user.signature": "",
        "smtp.host": "",
        "smtp.port": "",
        "smtp.security": "starttls",
        "smtp.user": "",
        "smtp.from": "",
        "smtp.password_file": "",
    }
    values.update(changes)
    return values


@pytest.fixture
def config(web_settings: Settings) -> Path:
    assert web_settings.config_path is not None
    web_settings.config_path.parent.mkdir(parents=True, exist_ok=True)
    web_settings.config_path.write_text(CONFIG, encoding="utf-8")
    return web_settings.config_path


def test_the_page_shows_every_group_and_the_calendar_link(client: Browser) -> None:
    page = client.load("/settings")
    for text in ("playbook.card_days", "linkedin.free_account", "user.signature", "smtp.host"):
        assert f'name="{text}"' in page
    assert '<a href="/settings/calendar">Calendar subscription</a>' in page
    assert "NEXTROUND_SMTP_PASSWORD" in page
    assert 'name="smtp.password"' not in page


def test_saving_keeps_comments_and_other_settings(client: Browser, config: Path) -> None:
    client.load("/settings")
    response = client.submit("/settings", form(**{"playbook.email_days": "10"}))
    assert response.status_code == 303
    assert response.headers["location"] == "/settings?saved=1"
    text = config.read_text(encoding="utf-8")
    assert "# My nextround settings: keep this comment" in text
    assert "# a little later than the default" in text
    saved = tomllib.loads(text)
    assert saved["cards"] == {"size": "A6"}
    assert saved["playbook"]["email_days"] == 10
    # Unticked: a paid account (a free one, the default, isn't written down).
    assert saved["linkedin"] == {"free_account": False}
    assert saved["user"]["address"] == "Sam Rivera\n2 Elm Row\nSpringfield"
    assert "steps" not in saved["playbook"]  # all six: the default
    assert list(config.parent.glob(".config-*")) == []  # no temporary file left


def test_the_running_app_uses_the_saved_settings(client: Browser, config: Path) -> None:
    client.load("/settings")
    changes = {"linkedin.free_account": "on", "playbook.steps": ["journal", "check_back"]}
    client.submit("/settings", form(**changes))
    settings = ctx_of(client).settings
    assert settings.playbook.note_limit == 200
    assert settings.user.name == "Sam Rivera"
    assert {k.value for k in settings.playbook.steps} == {"journal", "check_back"}
    page = client.load("/settings?saved=1")
    assert "Saved." in page
    assert 'value="thank_you_card">' in page and 'value="thank_you_card" checked' not in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("playbook.card_days", "-2", "whole number from 0"),
        ("playbook.card_days", "two", "whole number of days"),
        ("playbook.check_back_months", "3, 3", "twice"),
        ("playbook.check_back_months", "soon", "whole months"),
        ("smtp.port", "70000", "smtp.port"),
        ("smtp.security", "plaintext", "must be one of"),
    ],
)
def test_a_bad_value_is_refused_beside_its_field(
    client: Browser, config: Path, field: str, value: str, message: str
) -> None:
    client.load("/settings")
    response = client.submit("/settings", form(**{field: value}))
    assert response.status_code == 422
    assert f'id="e-{field}"' in response.text
    assert message in response.text
    assert (
        f'value="{value}"' in response.text
        or f'value="{value}" selected' in response.text
        or field == "smtp.security"
    )
    assert config.read_text(encoding="utf-8") == CONFIG  # nothing written
    assert list(config.parent.glob(".config-*")) == []


def test_settings_without_a_config_file_create_one(client: Browser, web_settings: Settings) -> None:
    assert web_settings.config_path is not None and not web_settings.config_path.exists()
    client.load("/settings")
    assert client.submit("/settings", form()).status_code == 303
    assert tomllib.loads(web_settings.config_path.read_text())["user"]["name"] == "Sam Rivera"


def test_the_password_is_never_shown(
    client: Browser, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "s3cret-Pa55word"
    monkeypatch.setenv("NEXTROUND_SMTP_PASSWORD", secret)
    client.load("/settings")
    smtp = {"smtp.host": "smtp.example.com", "smtp.user": "sam", "smtp.security": "ssl"}
    response = client.submit("/settings", form(**smtp))
    assert response.status_code == 303
    page = client.load("/settings")
    assert secret not in page
    assert "A password is set in NEXTROUND_SMTP_PASSWORD" in page
    assert secret not in config.read_text(encoding="utf-8")
    bad = client.submit("/settings", form(**smtp, **{"smtp.port": "x"}))
    assert bad.status_code == 422 and secret not in bad.text


def test_a_password_field_posted_anyway_is_not_written(client: Browser, config: Path) -> None:
    client.load("/settings")
    client.submit("/settings", form(**{"smtp.password": "hunter2"}))
    assert "hunter2" not in config.read_text(encoding="utf-8")


def test_the_default_card_size_and_sheet_are_saved_and_used(client: Browser, config: Path) -> None:
    assert '<option value="a2" selected>' in client.load("/settings")
    client.submit("/settings", form(**{"cards.size": "dl", "cards.sheet": "envelope"}))
    page = client.load("/settings")
    assert '<option value="dl" selected>' in page and '<option value="envelope" selected>' in page
    saved = tomllib.loads(config.read_text(encoding="utf-8"))
    assert saved["cards"] == {"size": "dl", "sheet": "envelope"}
    cards = ctx_of(client).settings.cards
    assert (cards.size, cards.sheet, cards.paper) == ("DL", "ENVELOPE", "ENVELOPE")
    client.submit("/settings", form(**{"cards.size": "a7", "cards.sheet": ""}))
    saved = tomllib.loads(config.read_text(encoding="utf-8"))
    assert saved["cards"] == {"size": "a7"}  # no sheet: it follows the size (Letter)
    assert ctx_of(client).settings.cards.paper == "LETTER"
    before = config.read_text(encoding="utf-8")
    response = client.submit("/settings", form(**{"cards.size": "b5"}))
    assert response.status_code == 422
    assert 'id="e-cards.size"' in response.text and "A7" in response.text
    assert config.read_text(encoding="utf-8") == before
