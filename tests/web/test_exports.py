"""The Export page and ``/api/v1/export`` / ``/api/v1/restore``: a backup taken on SQLite
restores through the API into an empty database on SQLite or PostgreSQL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.services import exports
from nextround.services.context import open_context
from tests.conftest import TODAY
from tests.web.conftest import Browser


@pytest.fixture
def demo_backup(demo_database: Path, tmp_path: Path) -> bytes:
    copy = tmp_path / "demo-copy.db"
    shutil.copyfile(demo_database, copy)
    ctx = open_context(Settings(db_url=str(copy), today=TODAY))
    try:
        return exports.export_json(ctx).data
    finally:
        ctx.close()


def _data(document: bytes) -> dict[str, object]:
    found = json.loads(document)
    found.pop("exported_at")
    found.pop("settings")  # each app's own config
    return dict(found)


def test_restore_through_the_api_then_export_again(any_api: Browser, demo_backup: bytes) -> None:
    done = any_api.post(
        "/api/v1/restore", content=demo_backup, headers={"Content-Type": "application/json"}
    )
    assert done.status_code == 200, done.text
    assert done.json()["counts"]["companies"] == 12
    again = any_api.get("/api/v1/export")
    assert again.status_code == 200
    assert again.headers["content-type"] == "application/json"
    tables = _data(again.content)["tables"]
    assert tables == _data(demo_backup)["tables"]
    refused = any_api.post(
        "/api/v1/restore", content=demo_backup, headers={"Content-Type": "application/json"}
    )
    assert refused.status_code == 409
    assert "already holds records" in refused.json()["error"]["message"]


def test_a_damaged_backup_is_a_422(api: Browser, demo_backup: bytes) -> None:
    sent = api.post(
        "/api/v1/restore",
        content=demo_backup[:1000],
        headers={"Content-Type": "application/json"},
    )
    assert sent.status_code == 422
    assert "not valid JSON" in sent.json()["error"]["message"]
    assert api.get("/api/v1/export").json()["tables"]["companies"] == []


def test_the_export_page_and_its_downloads(client: Browser) -> None:
    page = client.load("/export")
    assert 'href="/export/nextround-export.json"' in page
    assert 'value="2026-10-01"' in page and 'value="2026-10-31"' in page
    assert 'href="/export"' in client.load("/settings")
    backup = client.get("/export/nextround-export.json")
    assert backup.status_code == 200
    assert "attachment" in backup.headers["content-disposition"]
    assert json.loads(backup.content)["format"] == "nextround-export"
    record = client.get("/export/record.csv", params={"start": "2026-10-01", "end": "2026-10-31"})
    assert record.status_code == 200
    assert record.content.decode("utf-8-sig").startswith("Date applied,Company,")
    bad = client.get("/export/record.csv", params={"start": "soon", "end": "2026-10-31"})
    assert bad.status_code == 422


def _with_settings(backup: bytes) -> bytes:
    document = json.loads(backup)
    document["settings"]["user"]["name"] = "Ada Lovelace"
    document["settings"]["drafts"]["language"] = "de"
    document["settings"]["smtp"]["password"] = "SECRET-NEVER-WRITTEN"
    return json.dumps(document).encode()


def test_a_restore_writes_the_settings_and_the_server_uses_them(
    api: Browser, demo_backup: bytes, web_settings: Settings
) -> None:
    done = api.post(
        "/api/v1/restore",
        content=_with_settings(demo_backup),
        headers={"Content-Type": "application/json"},
    )
    assert done.status_code == 200, done.text
    report = done.json()
    assert sorted(report["settings_changed"]) == ["drafts.language", "user.name"]
    assert report["settings_skipped"] == ["smtp.password"]
    assert web_settings.config_path is not None
    written = web_settings.config_path.read_text(encoding="utf-8")
    assert 'name = "Ada Lovelace"' in written and "SECRET" not in written
    settings = api.get("/api/v1/export").json()["settings"]
    assert settings["user"]["name"] == "Ada Lovelace" and settings["drafts"]["language"] == "de"


def test_a_restore_can_keep_the_servers_settings(
    api: Browser, demo_backup: bytes, web_settings: Settings
) -> None:
    done = api.post(
        "/api/v1/restore?keep_settings=true",
        content=_with_settings(demo_backup),
        headers={"Content-Type": "application/json"},
    )
    assert done.status_code == 200, done.text
    assert done.json()["settings_changed"] == []
    assert web_settings.config_path is not None and not web_settings.config_path.exists()
    assert api.get("/api/v1/export").json()["settings"]["user"]["name"] == ""
