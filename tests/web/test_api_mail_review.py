"""``/api/v1/mail/suggestions``: the grouped review queue, confirmed or dismissed many at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nextround.config import Settings
from nextround.services import applications, mail
from nextround.services.context import open_context
from tests.services.scenario import interviewed
from tests.services.test_mail import mbox
from tests.services.test_mail_first_scan import (
    acme_rejection,
    globex_invite,
    initech,
    initech_rejection,
    job_alert,
)
from tests.web.conftest import Browser


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def scanned(settings: Settings, tmp_path: Path) -> dict[str, int]:
    ctx = open_context(settings)
    try:
        interviewed(ctx)
        initech(ctx)
        box = mbox(
            tmp_path / "in.mbox",
            acme_rejection(1),
            initech_rejection(2),
            globex_invite(3),
            job_alert(),
        )
        filed = mail.scan_sources(ctx, paths=[box]).filed
    finally:
        ctx.close()
    return {s.message_id.split("-")[0]: s.id for s in filed}


def statuses(settings: Settings) -> dict[str, str]:
    ctx = open_context(settings)
    try:
        return {a.role: a.status.value for a in applications.list_applications(ctx)}
    finally:
        ctx.close()


def test_the_queue_comes_grouped_and_is_decided_all_or_nothing(
    api: Browser, web_settings: Settings, tmp_path: Path
) -> None:
    ids = scanned(web_settings, tmp_path)
    queue = ok(api.get("/api/v1/mail/suggestions"))
    assert (queue["count"], queue["folded"]) == (3, 1)
    assert {g["heading"] for g in queue["groups"]} == {
        "Acme Robotics, Backend Engineer (app #1)",
        "Initech, Data Engineer (app #2)",
        "new application? from Globex",
    }
    folded = ok(api.get("/api/v1/mail/suggestions", params={"folded": "true"}))
    alert = folded["groups"][0]["suggestions"][0]
    assert alert["status"] == "folded"
    unfold = "/api/v1/mail/suggestions/unfold"
    assert api.post(unfold, json={"company": "Globex"}).status_code == 422
    assert api.post(unfold, json={"ids": [alert["id"], ids["reject"]]}).status_code == 409
    back = ok(api.post(unfold, json={"ids": [alert["id"]]}))
    assert [s["status"] for s in back["decided"]] == ["pending"]
    assert ok(api.get("/api/v1/mail/suggestions"))["count"] == 4
    ok(api.post("/api/v1/undo", json={}))
    assert ok(api.get("/api/v1/mail/suggestions"))["folded"] == 1

    url = "/api/v1/mail/suggestions/confirm"
    bad = api.post(url, json={"ids": [ids["reject"], 999]})
    assert bad.status_code == 404 and "#999" in bad.json()["error"]["message"]
    assert statuses(web_settings) == {"Backend Engineer": "applied", "Data Engineer": "applied"}
    refused = api.post(url, json={"company": "Initech"})
    assert refused.status_code == 422 and '"yes": true' in refused.json()["error"]["message"]

    done = ok(api.post(url, json={"ids": [ids["reject"], ids["initech"]]}))
    assert [s["status"] for s in done["decided"]] == ["confirmed", "confirmed"]
    assert statuses(web_settings) == {"Backend Engineer": "rejected", "Data Engineer": "rejected"}
    ok(api.post("/api/v1/undo", json={}))
    assert statuses(web_settings) == {"Backend Engineer": "applied", "Data Engineer": "applied"}

    gone = ok(api.post("/api/v1/mail/suggestions/dismiss", json={"company": "globex"}))
    assert [s["id"] for s in gone["decided"]] == [ids["invite"]]
    assert ok(api.get("/api/v1/mail/suggestions"))["count"] == 2
