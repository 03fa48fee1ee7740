"""A company's accounts: added one by one, followed, and the follow step kept in step."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.errors import InvalidInput, NotFound
from nextround.services import applications, companies, tasks
from nextround.services.context import Context
from tests.services.scenario import interviewed

LINKEDIN = "https://www.linkedin.com/company/acme-robotics-example"


def follow_step(ctx: Context) -> Task:
    found = tasks.list_tasks(ctx, include_closed=True)
    return next(t for t in found if t.kind is Kind.FOLLOW_COMPANY)


def test_an_added_account_is_named_by_the_follow_step(ctx: Context) -> None:
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    company = companies.add_social(ctx, scenario.company_id, " mastodon.social/@acme ")
    assert [s.url for s in company.socials] == [LINKEDIN, "https://mastodon.social/@acme"]
    step = follow_step(ctx)
    assert step.title.startswith("Follow Acme Robotics on ")
    assert step.status is TaskStatus.OPEN


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "give the address of the account"),
        ("   ", "give the address of the account"),
        (
            "not an address",
            "the account's address 'https://not an address' is not a web address; "
            "use one like https://example.com",
        ),
    ],
)
def test_an_account_needs_a_web_address(ctx: Context, url: str, message: str) -> None:
    scenario = interviewed(ctx)
    with pytest.raises(InvalidInput) as caught:
        companies.add_social(ctx, scenario.company_id, url)
    assert caught.value.fields == {"url": message}


def test_following_every_account_finishes_the_follow_step(ctx: Context) -> None:
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    companies.add_social(ctx, scenario.company_id, "https://mastodon.social/@acme")
    some = companies.follow_socials(ctx, scenario.company_id, [LINKEDIN], on=date(2026, 11, 22))
    followed = {s.url: s.followed_on for s in some.socials}
    assert followed == {LINKEDIN: date(2026, 11, 22), "https://mastodon.social/@acme": None}
    assert follow_step(ctx).status.is_pending
    every = companies.follow_socials(
        ctx, scenario.company_id, [LINKEDIN, "https://mastodon.social/@acme"]
    )
    assert all(s.followed_on is not None for s in every.socials)
    assert {s.followed_on for s in every.socials} <= {date(2026, 11, 22), ctx.today}
    assert follow_step(ctx).status is TaskStatus.DONE


def test_only_the_companys_own_accounts_can_be_followed(ctx: Context) -> None:
    scenario = interviewed(ctx)
    with pytest.raises(InvalidInput) as caught:
        companies.follow_socials(ctx, scenario.company_id, [LINKEDIN, "https://x.example/acme"])
    assert caught.value.fields == {
        "followed": "'https://x.example/acme' is not one of Acme Robotics's accounts"
    }
    with pytest.raises(NotFound):
        companies.add_social(ctx, 999, LINKEDIN)
