"""Saving the settings page to config.toml: checked by the app's own loader, comments kept."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from nextround.config import UserProfile
from nextround.domain.settings import STEPS
from nextround.errors import ConfigError, InvalidInput
from nextround.mailconfig import SmtpSettings
from nextround.services import settings as settings_service
from nextround.services.context import Context
from nextround.services.settings import InvalidSettings

ALL_STEPS = [k.value for k in STEPS]


@pytest.fixture
def own(ctx: Context, tmp_path: Path) -> Context:
    """The context with its own config file, so nothing reads or writes the user's."""
    path = tmp_path / "config" / "config.toml"
    return ctx.fresh(settings=dataclasses.replace(ctx.settings, config_path=path))


def path_of(ctx: Context) -> Path:
    assert ctx.settings.config_path is not None
    return ctx.settings.config_path


def test_the_form_shows_the_settings_in_force(own: Context) -> None:
    form = settings_service.current(own)
    assert form.values["playbook.card_days"] == str(own.settings.playbook.card_days)
    assert form.values["playbook.check_back_months"] == ", ".join(
        map(str, own.settings.playbook.check_back_months)
    )
    assert form.values["smtp.port"] in {"", str(own.settings.smtp.port)}
    assert form.steps == frozenset(ALL_STEPS)
    assert form.free_account is True  # the default: 200-character notes
    assert form.password == "No SMTP user is set, so no password is needed."
    assert form.path == str(path_of(own))


def test_saving_writes_the_file_and_returns_the_settings_in_force(own: Context) -> None:
    path = path_of(own)
    path.parent.mkdir(parents=True)
    path.write_text(
        '# mine\n[user]\nname = "Old"\n\n[mail]\nauto_confirm_above = 0.95\n', encoding="utf-8"
    )
    saved = settings_service.save(
        own,
        {
            "playbook.card_days": " 4 ",
            "playbook.check_back_months": "2, 5 9",
            "user.name": "Sam Okafor",
            "user.signature": "Best,\r\nSam",
            "smtp.host": "",
        },
        ["journal", "thank_you_card"],
        False,
    )
    assert saved.playbook.card_days == 4
    assert saved.playbook.check_back_months == (2, 5, 9)
    assert {k.value for k in saved.playbook.steps} == {"journal", "thank_you_card"}
    assert saved.playbook.linkedin_free_account is False
    assert (saved.user.name, saved.user.signature) == ("Sam Okafor", "Best,\nSam")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# mine\n") and "auto_confirm_above = 0.95" in text  # still theirs
    assert "free_account = false" in text
    again = settings_service.current(own.fresh(settings=saved))
    assert again.values["user.signature"] == "Best,\nSam"
    assert again.steps == {"journal", "thank_you_card"} and not again.free_account


def test_every_step_and_a_free_account_leave_the_defaults(own: Context) -> None:
    settings_service.save(own, {"playbook.card_days": "4"}, ["check_back"], False)
    saved = settings_service.save(own, {"playbook.card_days": ""}, ALL_STEPS, True)
    text = path_of(own).read_text(encoding="utf-8")
    assert "steps" not in text and "free_account" not in text and "card_days" not in text
    assert saved.playbook.card_days == type(saved.playbook)().card_days
    assert saved.playbook.linkedin_free_account


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"playbook.card_days": "two"}, {"playbook.card_days": "Give a whole number of days."}),
        ({"playbook.card_days": "1234567"}, {"playbook.card_days": "Give a whole number of days."}),
        ({"smtp.port": "smtp"}, {"smtp.port": "Give a port number."}),
        (
            {"playbook.check_back_months": "3, six"},
            {"playbook.check_back_months": "List whole months, like 3, 6."},
        ),
        (
            {"playbook.email_days": "x", "smtp.port": "y"},
            {
                "playbook.email_days": "Give a whole number of days.",
                "smtp.port": "Give a port number.",
            },
        ),
    ],
)
def test_refused_values_name_their_field_and_save_nothing(
    own: Context, values: dict[str, str], fields: dict[str, str]
) -> None:
    with pytest.raises(InvalidSettings) as caught:
        settings_service.save(own, values, ALL_STEPS, False)
    assert caught.value.fields == fields
    assert caught.value.message == "Some settings need another look; nothing was saved."
    assert not path_of(own).exists()


def test_what_the_loader_refuses_is_not_saved(own: Context) -> None:
    path = path_of(own)
    path.parent.mkdir(parents=True)
    path.write_text("[user]\nname = 'Kept'\n", encoding="utf-8")
    with pytest.raises(InvalidSettings) as caught:
        settings_service.save(own, {"playbook.card_days": "-3"}, ALL_STEPS, False)
    [(field, message)] = caught.value.fields.items()
    assert field == "playbook.card_days"
    assert message[:1].isupper() and ".toml" not in message
    assert path.read_text(encoding="utf-8") == "[user]\nname = 'Kept'\n"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temporary left


def test_a_broken_file_is_named_not_overwritten(own: Context) -> None:
    path = path_of(own)
    path.parent.mkdir(parents=True)
    path.write_text("[user\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        settings_service.save_profile(own, {"user.name": "Sam"})
    assert caught.value.message.startswith(f"config file {path} is not valid TOML (")
    assert caught.value.message.endswith("); fix or remove it")
    assert path.read_text(encoding="utf-8") == "[user\n"


def test_the_profile_saves_only_who_the_drafts_are_from(own: Context) -> None:
    saved = settings_service.save_profile(
        own, {"user.name": " Sam ", "user.email": "sam@example.com"}
    )
    assert (saved.user.name, saved.user.email) == ("Sam", "sam@example.com")
    with pytest.raises(InvalidInput) as caught:
        settings_service.save_profile(own, {"user.name": "Sam", "smtp.host": "x", "a": "b"})
    assert caught.value.message == "not a profile setting: a, smtp.host"


def test_the_password_is_only_ever_described(
    own: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    smtp = dataclasses.replace(own.settings.smtp, user="sam")
    assert settings_service.password_status(dataclasses.replace(smtp, password="hunter2")) == (
        "A password is set in NEXTROUND_SMTP_PASSWORD."
    )
    secret = tmp_path / "pw"
    secret.write_text("hunter2\n", encoding="utf-8")
    secret.chmod(0o600)
    assert settings_service.password_status(
        dataclasses.replace(smtp, password=None, password_file=secret)
    ) == ("A password is in the password file.")
    secret.write_text("", encoding="utf-8")
    assert settings_service.password_status(
        dataclasses.replace(smtp, password=None, password_file=secret)
    ) == ("The password file is empty.")


def test_the_form_shows_every_field_as_set(own: Context, tmp_path: Path) -> None:
    smtp = SmtpSettings(
        host="smtp.example.org",
        port=465,
        security="tls",
        user="sam",
        sender="Sam <sam@example.org>",
        password="hunter2",
        password_file=tmp_path / "pw",
    )
    user = UserProfile("Sam Okafor", "sam@example.org", "1 Main St\nSpringfield", "Best,\nSam")
    form = settings_service.current(
        own.fresh(settings=dataclasses.replace(own.settings, smtp=smtp, user=user))
    )
    shown = {k: v for k, v in form.values.items() if not k.startswith("playbook.")}
    assert shown == {
        "user.name": "Sam Okafor",
        "user.email": "sam@example.org",
        "user.address": "1 Main St\nSpringfield",
        "user.signature": "Best,\nSam",
        "smtp.host": "smtp.example.org",
        "smtp.port": "465",
        "smtp.security": "tls",
        "smtp.user": "sam",
        "smtp.from": "Sam <sam@example.org>",
        "smtp.password_file": str(tmp_path / "pw"),
        "drafts.language": "en",
        "cards.size": "a2",
        "cards.sheet": "",
    }
    assert "hunter2" not in repr(form)
    assert form.password == "A password is set in NEXTROUND_SMTP_PASSWORD."


def test_saving_makes_the_folders_and_keeps_the_files_mode(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "config.toml"
    own = ctx.fresh(settings=dataclasses.replace(ctx.settings, config_path=path))
    settings_service.save_profile(own, {"user.name": "Sam"})
    assert 'name = "Sam"' in path.read_text(encoding="utf-8")
    path.chmod(0o600)
    saved = settings_service.save_profile(own, {"user.name": "Samira"})
    assert saved.user.name == "Samira"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]


def test_the_profile_saves_the_language_of_drafts(own: Context) -> None:
    saved = settings_service.save_profile(own, {"drafts.language": " FR "})
    assert saved.drafts.language == "fr"
    assert '[drafts]\nlanguage = "fr"' in path_of(own).read_text(encoding="utf-8")
    with pytest.raises(InvalidSettings) as caught:
        settings_service.save_profile(own, {"drafts.language": "it", "user.name": "Sam"})
    assert caught.value.fields == {"drafts.language": "Choose one of en, de, fr, es."}
    assert "Sam" not in path_of(own).read_text(encoding="utf-8")
    path_of(own).write_text('[drafts]\nlanguage = "klingon"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"drafts.language must be one of en, de, fr, es"):
        settings_service.reloaded(own.settings)
