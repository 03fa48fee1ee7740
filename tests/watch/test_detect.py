"""Which board a careers URL, a job link or an API URL is."""

from __future__ import annotations

import pytest

from nextround.errors import InvalidInput
from nextround.watch.boards import detect
from nextround.watchconfig import WatchSettings

S = WatchSettings()


@pytest.mark.parametrize(
    ("url", "kind", "token", "api"),
    [
        (
            "https://boards.greenhouse.io/acme",
            "greenhouse",
            "acme",
            "https://boards-api.greenhouse.io/v1/boards/acme/jobs",
        ),
        ("job-boards.greenhouse.io/acme/jobs/123", "greenhouse", "acme", None),
        ("https://boards.greenhouse.io/embed/job_board?for=acme", "greenhouse", "acme", None),
        (
            "https://jobs.lever.co/acme/0a1b-2c3d",
            "lever",
            "acme",
            "https://api.lever.co/v0/postings/acme?mode=json",
        ),
        (
            "https://jobs.eu.lever.co/acme",
            "lever_eu",
            "acme",
            "https://api.eu.lever.co/v0/postings/acme?mode=json",
        ),
        (
            "jobs.ashbyhq.com/acme",
            "ashby",
            "acme",
            "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true",
        ),
        ("apply.workable.com/acme/j/AB12", "workable", "acme", None),
        ("jobs.smartrecruiters.com/Acme1", "smartrecruiters", "Acme1", None),
        (
            "https://acme.recruitee.com/o/qa",
            "recruitee",
            "acme",
            "https://acme.recruitee.com/api/offers/",
        ),
        (
            "https://acme.jobs.personio.de/job/1",
            "personio",
            "acme",
            "https://acme.jobs.personio.de/xml",
        ),
        (
            "https://acme.wd5.myworkdayjobs.com/en-US/External/job/x",
            "workday",
            "acme/External",
            "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs",
        ),
        (
            "http://mirror.example:8080/v1/boards/acme/jobs",
            "greenhouse",
            "acme",
            "http://mirror.example:8080/v1/boards/acme/jobs",
        ),
        (
            "http://127.0.0.1:9/v0/postings/acme",
            "lever",
            "acme",
            "http://127.0.0.1:9/v0/postings/acme?mode=json",
        ),
    ],
)
def test_detected(url: str, kind: str, token: str, api: str | None) -> None:
    board = detect(url, S)
    assert (board.kind, board.token) == (kind, token)
    if api is not None:
        assert board.api_url == api


def test_base_url_is_a_setting() -> None:
    s = WatchSettings(bases={**S.bases, "greenhouse": "http://127.0.0.1:8081/"})
    assert (
        detect("boards.greenhouse.io/acme", s).api_url
        == "http://127.0.0.1:8081/v1/boards/acme/jobs"
    )


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://acme.example/careers", "not a job board nextround knows"),
        ("ftp://acme.example/", "not a web address"),
        ("https://boards.greenhouse.io/a%20b", "not a board name"),
        ("https://jobs.lever.co/..%2f..", "not a board name"),
    ],
)
def test_unknown_or_odd_urls_are_refused(url: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=says) as refused:
        detect(url, S)
    assert refused.value.fields == {"board": refused.value.message}
