"""The settings part of the JSON backup: every setting carried, no secret, applied on restore."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.config import Settings, load_settings
from nextround.configfile import SECTIONS
from nextround.errors import ConfigError, InvalidInput, NextroundError
from nextround.services import backup, demo, exports
from nextround.services.context import Context, open_context
from nextround.services.settings_backup import (
    NOT_IN_FILE,
    NOT_SECRET,
    SECRET,
    exported_keys,
    looks_secret,
    settings_without_secrets,
)
from nextround.storage import dump
from tests.conftest import sqlite_template

TODAY = date(2026, 11, 25)

#: A config file that sets every section away from its defaults.
RICH = """
[playbook]
card_days = 4
check_back_months = [2, 9]
steps = ["journal", "thank_you_card", "check_back"]

[linkedin]
free_account = false

[user]
name = "Sam Reyes"
email = "sam@example.org"
address = "1 Rue des Lilas\\n75011 Paris"
signature = "Best,\\nSam"

[drafts]
language = "fr"

[cards]
size = "A6"
sheet = "envelope"

[smtp]
host = "smtp.example.org"
port = 465
security = "ssl"
user = "sam"
from = "Sam Reyes <sam@example.org>"

[imap]
host = "imap.example.org"
user = "sam"
folders = ["INBOX", "Jobs"]
timeout = 45

[mail]
auto_confirm_above = 0.9

[watch]
greenhouse_url = "https://mirror.example.org/gh"
timeout = 12.5
after_rejection = true

[interests]
titles = ["data engineer"]
seniority = ["senior"]
locations = ["Berlin", "Remote"]
remote = "yes"
"""


def _load(path: Path, db: str | None = ":unused:") -> Settings:
    return load_settings(db=db, today="2026-11-25", environ={"NEXTROUND_CONFIG": str(path)})


def _context(folder: Path, config: str | None = None) -> Context:
    """An empty SQLite database in ``folder`` and its own config folder (a config file if given)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sqlite_template(), folder / "n.db")
    path = folder / "config" / "config.toml"
    if config is not None:
        path.parent.mkdir()
        path.write_text(config, encoding="utf-8")
    return open_context(replace(_load(path), db_url=str(folder / "n.db")))


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Context]:
    ctx = _context(tmp_path / "source", RICH)
    demo.load_demo(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Context]:
    ctx = _context(tmp_path / "target")
    yield ctx
    ctx.close()


def _without_stamp(data: bytes) -> dict[str, Any]:
    document = json.loads(data)
    assert document.pop("exported_at")
    return dict(document)


def _known_keys(section: str, tmp_path: Path) -> set[str]:
    """The keys the app's loader takes in ``section``, asked of the loader itself."""
    path = tmp_path / f"probe-{section}.toml"
    path.write_text(f"[{section}]\nzz_not_a_setting = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        _load(path, db=None)  # with no --db, [storage] is read too
    found = re.search(r"known settings are (.+)$", refused.value.message)
    assert found, refused.value.message
    return set(found.group(1).split(", "))


def test_every_setting_the_loader_takes_is_exported_or_kept_back(tmp_path: Path) -> None:
    """A new setting fails here until the export carries it or SECRET/NOT_IN_FILE lists it."""
    taken = {(s, k) for s in SECTIONS for k in _known_keys(s, tmp_path)}
    exported = exported_keys()
    missing = taken - exported - SECRET - NOT_IN_FILE
    assert not missing, f"export these (settings_backup.py) or list them as SECRET: {missing}"
    assert exported <= taken, f"the export writes keys no config file takes: {exported - taken}"
    assert not exported & SECRET


def test_every_field_of_the_model_is_classified() -> None:
    """Every field of every section's dataclass is exported or listed; secret-looking names
    must be listed as SECRET or NOT_SECRET, so a new password can't leak by default."""
    model = Settings(db_url="", today=TODAY)
    exported = exported_keys()
    for item in fields(model):
        value = getattr(model, item.name)
        if not is_dataclass(value):
            continue
        assert item.name in SECTIONS, f"Settings.{item.name} is a section no config file has"
        for inner in fields(value):
            name = (item.name, inner.name)
            if re.search(r"password|secret|token|key", inner.name):
                assert name in SECRET | NOT_SECRET, f"classify {name} in SECRET or NOT_SECRET"
            carried = name in exported or name in SECRET or name in NOT_IN_FILE
            renamed = name in {("smtp", "sender"), ("playbook", "linkedin_free_account")}
            assert carried or renamed or name == ("watch", "bases"), name
    assert looks_secret("imap", "oauth_refresh_token") and not looks_secret("imap", "host")


def test_no_secret_value_is_anywhere_in_the_export(tmp_path: Path) -> None:
    """Secrets set to recognisable strings (environment, files, the model) never reach the file."""
    config = tmp_path / "config.toml"
    imap_fields = {f.name for f in fields(Settings(db_url="", today=TODAY).imap)}
    oauth = "oauth_client_secret_file" in imap_fields
    config.write_text(
        '[smtp]\nhost = "smtp.example.org"\npassword_file = "/k/SECRET-SMTP-FILE"\n'
        '[imap]\nhost = "imap.example.org"\npassword_file = "/k/SECRET-IMAP-FILE"\n'
        + (
            'oauth_client_secret_file = "/k/SECRET-CLIENT-FILE"\n'
            'oauth_refresh_token_file = "/k/SECRET-REFRESH-FILE"\n'
            if oauth
            else ""
        ),
        encoding="utf-8",
    )
    environ = {
        "NEXTROUND_CONFIG": str(config),
        "NEXTROUND_SMTP_PASSWORD": "SECRET-SMTP-PASSWORD",
        "NEXTROUND_IMAP_PASSWORD": "SECRET-IMAP-PASSWORD",
        "NEXTROUND_IMAP_OAUTH_CLIENT_SECRET": "SECRET-CLIENT-SECRET",
        "NEXTROUND_IMAP_OAUTH_REFRESH_TOKEN": "SECRET-REFRESH-TOKEN",
    }
    loaded = load_settings(db=":unused:", today="2026-11-25", environ=environ)
    assert loaded.smtp.password == "SECRET-SMTP-PASSWORD"
    ctx = _context(tmp_path / "db")
    try:
        data = exports.export_json(replace(ctx, settings=replace(loaded, db_url=ctx.db.url))).data
    finally:
        ctx.close()
    assert b"SECRET-" not in data
    document = json.loads(data)
    assert document["settings"]["smtp"]["host"] == "smtp.example.org"
    assert document["settings"]["imap"]["host"] == "imap.example.org"
    for section, table in document["settings"].items():
        assert not any(looks_secret(section, key) for key in table)


def test_export_restore_export_carries_every_setting(
    source: Context, empty: Context, tmp_path: Path
) -> None:
    first = exports.export_json(source).data
    carried = json.loads(first)["settings"]
    assert carried["drafts"] == {"language": "fr"}
    assert carried["cards"] == {"size": "A6", "sheet": "ENVELOPE"}
    assert carried["interests"]["locations"] == ["Berlin", "Remote"]
    assert carried["watch"]["after_rejection"] is True
    assert carried["linkedin"] == {"free_account": False}
    done = backup.restore(empty, first, "backup.json")
    assert done.settings is not None and done.settings.problem is None
    assert "drafts.language" in done.settings.changed
    assert "interests.titles" in done.settings.changed
    assert done.settings.earlier_copy is None  # there was no file to keep
    target = tmp_path / "target" / "config" / "config.toml"
    again = exports.export_json(
        replace(empty, settings=replace(_load(target), db_url=empty.db.url))
    )
    assert _without_stamp(again.data) == _without_stamp(first)
    # Defaults are not written down: the file holds only what differs.
    assert "journal_days" not in target.read_text(encoding="utf-8")


def test_a_machine_keeps_its_secrets_and_is_told_what_changed(
    source: Context, tmp_path: Path
) -> None:
    own = (
        '# my mail\n[smtp]\nhost = "smtp.example.org"\npassword_file = "/home/me/smtp-pw"\n'
        '[imap]\npassword_file = "/home/me/imap-pw"\nsecurity = "starttls"\n'
        '[user]\nname = "Old Name"\n'
    )
    target = _context(tmp_path / "target", own)
    try:
        done = backup.restore(target, exports.export_json(source).data)
    finally:
        target.close()
    assert done.settings is not None
    path = tmp_path / "target" / "config" / "config.toml"
    text = path.read_text(encoding="utf-8")
    assert 'password_file = "/home/me/smtp-pw"' in text
    assert 'password_file = "/home/me/imap-pw"' in text
    assert "# my mail" in text  # tomlkit keeps the user's own comments
    assert "user.name" in done.settings.changed and "smtp.host" not in done.settings.changed
    # The backup has imap.security at its default: this machine's own choice stays.
    assert done.settings.kept == ("imap.security",)
    assert _load(path).user.name == "Sam Reyes" and _load(path).imap.security == "starttls"
    assert done.settings.earlier_copy is not None
    assert Path(done.settings.earlier_copy).read_text(encoding="utf-8") == own


def test_keep_settings_leaves_the_config_file_alone(source: Context, tmp_path: Path) -> None:
    target = _context(tmp_path / "target", '[user]\nname = "Mine"\n')
    try:
        done = backup.restore(target, exports.export_json(source).data, keep_settings=True)
    finally:
        target.close()
    assert done.settings is None
    path = tmp_path / "target" / "config" / "config.toml"
    assert path.read_text(encoding="utf-8") == '[user]\nname = "Mine"\n'


#: The settings as exports before this change wrote them (version 1, seven tables).
OLD_SHAPE = {
    "playbook": {
        "journal_days": 0,
        "card_days": 5,
        "email_days": 7,
        "invite_days": 1,
        "follow_days": 3,
        "find_info_days": 1,
        "check_back_months": [3, 6],
        "steps": ["check_back", "journal"],
    },
    "linkedin": {"free_account": True},
    "user": {"name": "Ada", "email": "ada@example.org", "address": "", "signature": ""},
    "cards": {"size": "DL"},
    "smtp": {"host": "", "port": 0, "security": "starttls", "user": "", "from": ""},
    "imap": {"host": "imap.example.org", "port": 993, "security": "ssl", "user": "ada",
             "folders": ["INBOX"]},
    "mail": {"auto_confirm_above": None},
}  # fmt: skip


def test_an_export_in_the_old_shape_still_restores(source: Context, tmp_path: Path) -> None:
    document = json.loads(exports.export_json(source).data)
    document["settings"] = OLD_SHAPE
    target = _context(tmp_path / "target", '[drafts]\nlanguage = "de"\n')
    try:
        done = backup.restore(target, json.dumps(document).encode())
    finally:
        target.close()
    assert done.counts["companies"] > 10 and done.settings is not None
    loaded = _load(tmp_path / "target" / "config" / "config.toml")
    assert loaded.playbook.card_days == 5 and loaded.cards.size == "DL"
    assert loaded.imap.port == 993 and loaded.user.name == "Ada"
    assert loaded.drafts.language == "de"  # not in the old shape: left as it was
    assert loaded.cards.sheet == "" and loaded.interests.is_empty()


def test_unknown_and_secret_keys_are_skipped_and_named(source: Context, empty: Context) -> None:
    document = json.loads(exports.export_json(source).data)
    document["settings"]["smtp"]["password"] = "SECRET-INJECTED"
    document["settings"]["future"] = {"thing": 1, "two\nlines": 2}
    done = backup.restore(empty, json.dumps(document).encode())
    assert done.settings is not None
    assert set(done.settings.skipped) == {"smtp.password", "future.thing", "'future.two\\nlines'"}
    assert empty.settings.config_path is not None
    assert "SECRET-INJECTED" not in empty.settings.config_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("section", "key", "value", "says"),
    [
        ("smtp", "port", 70000, "smtp.port"),
        ("cards", "size", "B5", "cards.size"),
        ("interests", "remote", "sometimes", "interests"),
        ("imap", "folders", [], "imap.folders"),
        ("user", "name", {"nested": 1}, "settings.user.name"),
        ("user", "name", "\ud800", "settings.user.name"),
        ("watch", "timeout", 2**80, "settings.watch.timeout"),
    ],
)
def test_settings_no_loader_takes_refuse_the_whole_restore(
    source: Context, tmp_path: Path, section: str, key: str, value: object, says: str
) -> None:
    document = json.loads(exports.export_json(source).data)
    document["settings"][section][key] = value
    target = _context(tmp_path / "target", '[user]\nname = "Mine"\n')
    try:
        with pytest.raises(InvalidInput) as refused:
            backup.restore(target, json.dumps(document).encode(), "b.json")
        with target.db.read() as c:
            assert dump.holding(c) == []
    finally:
        target.close()
    message = refused.value.message
    assert (
        message.startswith("can't restore b.json (nothing was restored)")
        and says in message.lower()
    )
    assert "\n" not in message
    path = tmp_path / "target" / "config" / "config.toml"
    assert path.read_text(encoding="utf-8") == '[user]\nname = "Mine"\n'
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_settings_value_restores_or_refuses_cleanly(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    model = settings_without_secrets(Settings(db_url="", today=TODAY))
    section = data.draw(st.sampled_from(sorted(model)))
    key = data.draw(st.sampled_from(sorted(model[section])) | st.text(max_size=8))
    value = data.draw(JSON_VALUES)
    document = {
        "format": "nextround-export",
        "version": 1,
        "exported_at": "2026-11-25T10:00:00Z",
        "schema_revision": _revision(),
        "settings": {section: {key: value}},
        "sequences": {},
        "tables": {},
    }
    ctx = _context(folder, '[user]\nname = "Mine"\n')
    path = folder / "config" / "config.toml"
    try:
        backup.restore(ctx, json.dumps(document).encode())
    except NextroundError as exc:
        assert "\n" not in exc.message
        assert path.read_text(encoding="utf-8") == '[user]\nname = "Mine"\n'
    else:
        _load(path)  # whatever was written, the app starts with it
    finally:
        ctx.close()


def _revision() -> str:
    from nextround.storage.revision_ids import HEAD

    return HEAD
