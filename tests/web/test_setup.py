"""The first page on an empty database asks who the drafts are from (as `nextround setup`
does), and until a name is set a card or an email is refused, saying where to set it."""

from __future__ import annotations

import tomllib
from datetime import date

from nextround.config import Settings
from nextround.domain.tasks import Kind, Task
from nextround.services import applications
from nextround.services.context import Context
from tests.services.scenario import interviewed
from tests.web.conftest import Browser, as_api
from tests.web.scenario import ctx_of


def planned(ctx: Context, kind: Kind) -> Task:
    scene = interviewed(ctx)
    plan = applications.reject(ctx, scene.app_id, date(2026, 11, 20))
    return next(t for t in plan.tasks if t.kind is kind)


def test_the_first_page_asks_who_you_are_beside_the_demo(client: Browser) -> None:
    page = client.load("/")
    assert 'action="/setup"' in page and 'action="/demo"' in page
    for name in ("user.name", "user.signature", "user.address", "drafts.language"):
        assert f'name="{name}"' in page
    assert '<option value="de">Deutsch</option>' in page


def test_saving_the_first_page_writes_the_config_and_is_used_at_once(
    client: Browser, web_settings: Settings
) -> None:
    sent = client.submit(
        "/setup",
        {
            "user.name": "Zoë Ng",
            "user.signature": "Zoë\nzoe.example",
            "user.address": "2 Elm Row\r\nSpringfield",
            "drafts.language": "fr",
        },
    )
    assert (sent.status_code, sent.headers["location"]) == (303, "/?setup=1")
    assert web_settings.config_path is not None
    saved = tomllib.loads(web_settings.config_path.read_text(encoding="utf-8"))
    assert saved["user"] == {
        "name": "Zoë Ng",
        "signature": "Zoë\nzoe.example",
        "address": "2 Elm Row\nSpringfield",
    }
    assert saved["drafts"] == {"language": "fr"}
    page = client.load("/?setup=1")
    assert "your drafts are signed Zoë Ng" in page
    assert '<option value="fr" selected>' in page
    assert ctx_of(client).settings.user.name == "Zoë Ng"


def test_a_language_not_offered_is_refused_beside_its_field(
    client: Browser, web_settings: Settings
) -> None:
    sent = client.submit("/setup", {"user.name": "Sam", "drafts.language": "xx"})
    assert sent.status_code == 422
    assert "Choose one of en, de, fr, es." in sent.text
    assert 'aria-describedby="e-drafts.language"' in sent.text
    assert web_settings.config_path is not None
    assert not web_settings.config_path.exists()


def test_a_card_without_a_name_is_refused_with_where_to_set_it(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.THANK_YOU_CARD)
    assert "[your name]" in client.load(f"/tasks/{task.id}")
    page = client.get(f"/tasks/{task.id}/card.pdf")
    assert page.status_code == 409
    assert "printing a card needs your name" in page.text
    assert "in Settings" in page.text
    api = as_api(client).get(f"/api/v1/tasks/{task.id}/card.pdf")
    assert api.status_code == 409
    assert api.json()["error"]["type"] == "setup_needed"
    assert api.json()["error"]["setting"] == "user.name"
    assert api.json()["error"]["message"] == (
        "printing a card needs your name to sign with, and none is set yet; "
        "set it under “You, as drafts sign off” in Settings"
    )
    client.submit("/setup", {"user.name": "Sam Rivera"})
    printed = as_api(client).get(f"/api/v1/tasks/{task.id}/card.pdf")
    assert printed.status_code == 200
    assert printed.headers["content-type"] == "application/pdf"
    assert printed.content.startswith(b"%PDF")


def test_an_email_without_a_name_is_not_sent(client: Browser, web_settings: Settings) -> None:
    assert web_settings.config_path is not None
    web_settings.config_path.parent.mkdir(parents=True, exist_ok=True)
    web_settings.config_path.write_text(
        '[smtp]\nhost = "127.0.0.1"\nport = 9\nsecurity = "none"\n', encoding="utf-8"
    )
    client.submit("/setup", {"user.name": ""})  # reloads the config file, name still unset
    task = planned(ctx_of(client), Kind.CONGRATS_EMAIL)
    client.load(f"/tasks/{task.id}")
    sent = client.submit(f"/tasks/{task.id}/send")
    assert sent.status_code == 409
    assert "Not sent: Sending an email needs your name" in sent.text
    assert "in Settings" in sent.text


def test_the_settings_page_shows_and_saves_the_language_too(
    client: Browser, web_settings: Settings
) -> None:
    from tests.web.test_settings import form

    page = client.load("/settings")
    assert '<select id="f-drafts.language" name="drafts.language">' in page
    sent = client.submit("/settings", form(**{"drafts.language": "es"}))
    assert sent.status_code == 303
    assert web_settings.config_path is not None
    saved = tomllib.loads(web_settings.config_path.read_text(encoding="utf-8"))
    assert saved["drafts"] == {"language": "es"}
    assert '<option value="es" selected>Español</option>' in client.load("/settings")
