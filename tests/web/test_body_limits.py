"""Request body limits: 1 MB for JSON and forms, larger only for file uploads; 413 past them."""

from __future__ import annotations

import json
from collections.abc import Iterator

from nextround.web import mail_scan, uploads
from nextround.web.limits import BODY_LIMIT, MB, UPLOAD_LIMIT, limit_for
from tests.web.conftest import Browser

BIG = "x" * (BODY_LIMIT + 10)


def chunks(data: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    """A body sent in chunks, with no Content-Length (httpx sends it chunked)."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_a_form_over_one_mb_is_refused_with_413(client: Browser) -> None:
    response = client.submit("/quick-add", {"text": BIG})
    assert response.status_code == 413
    assert "larger than the 1 MB limit" in response.text
    assert "Too large" in response.text  # the error page, not a bare refusal


def test_json_over_one_mb_is_refused_and_nothing_is_written(api: Browser) -> None:
    response = api.post("/api/v1/journal", json={"application_id": 1, "body": BIG})
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["message"] == "The request is larger than the 1 MB limit."
    assert api.get("/api/v1/journal").json() == []


def test_a_chunked_body_over_the_limit_is_refused_while_streaming(api: Browser) -> None:
    body = json.dumps({"application_id": 1, "body": BIG}).encode()
    response = api.post(
        "/api/v1/journal",
        content=chunks(body),
        headers={"Content-Type": "application/json"},
    )
    assert "content-length" not in response.request.headers
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 413
    assert "1 MB" in response.json()["error"]["message"]


def test_a_chunked_body_under_the_limit_goes_through(api: Browser) -> None:
    body = json.dumps({"application_id": 999, "body": "short"}).encode()
    response = api.post(
        "/api/v1/journal", content=chunks(body, 4), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 404  # read whole and parsed: no application 999


def test_a_lying_content_length_is_refused_before_reading(api: Browser) -> None:
    response = api.post(
        "/api/v1/journal",
        content=b"{}",
        headers={"Content-Type": "application/json", "Content-Length": str(BODY_LIMIT + 1)},
    )
    assert response.status_code == 413


def test_an_import_may_be_larger_than_one_mb(api: Browser) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Byron\r\nNOTE:{}\r\nEND:VCARD\r\n"
    body = "".join(card.format(f"{n} " + "y" * 2000) for n in range(800)).encode()
    assert len(body) > 1.5 * MB
    response = api.post(
        "/api/v1/imports/vcard?dry_run=true",
        content=body,
        headers={"Content-Type": "application/octet-stream"},
    )
    assert response.status_code != 413
    assert response.status_code == 200, response.text


def test_the_upload_backstop_sits_above_the_routes_own_caps() -> None:
    assert UPLOAD_LIMIT > uploads.MAX_BYTES
    assert UPLOAD_LIMIT > mail_scan.MAX_UPLOAD
    assert limit_for("/api/v1/imports/csv") == UPLOAD_LIMIT
    assert limit_for("/mail/upload") == UPLOAD_LIMIT
    assert limit_for("/api/v1/restore") == UPLOAD_LIMIT  # a whole backup
    assert limit_for("/api/v1/journal") == BODY_LIMIT
    assert limit_for("/import/confirm") == BODY_LIMIT
