"""A hosted user in real Chromium downloads all their data from Your account, then deletes
the account: a wrong password deletes nothing; the right one says goodbye and logs out."""

from __future__ import annotations

import json

import pytest

from nextround.domain.companies import NewCompany
from nextround.services import companies
from nextround.web.sessions import SESSION_COOKIE
from tests.web.hosted import PASSWORD, add_user, site
from tests.web.hosted_server import LOGIN, HostedSite, heading, log_in
from tests.web.playwright_api import Page, expect
from tests.web.test_e2e_axe import serious
from tests.web.test_e2e_hosted import hosted_site, refused

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

__all__ = ["hosted_site"]  # the module's server, a fixture of this module too


def test_download_everything_then_delete_the_account(page: Page, hosted_site: HostedSite) -> None:
    with site(hosted_site.settings) as ctx:
        dee = add_user(ctx, "dee@example.org")
        companies.add_company(ctx.fresh(owner=dee), NewCompany("Deeworks Ltd"))
        eli = add_user(ctx, "eli@example.org")
        companies.add_company(ctx.fresh(owner=eli), NewCompany("Eliworks Ltd"))
    log_in(page, hosted_site.server, "dee@example.org")
    page.get_by_role("link", name="Your account").click()
    heading(page, "Your account")
    assert serious(page) == []
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download all my data (JSON)").click()
    data = json.loads(downloading.value.path().read_text(encoding="utf-8"))
    names = [row["name"] for row in data["tables"]["companies"]]
    assert names == ["Deeworks Ltd"], names

    page.get_by_label("Your password, to confirm it's you").fill("not my password")
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.get_by_role("alert")).to_contain_text("nothing was deleted")
    refused(page, 422)
    assert serious(page) == []  # with the problem beside the field
    page.goto(hosted_site.server.url("/companies"))
    expect(page.get_by_role("main")).to_contain_text("Deeworks Ltd")

    page.goto(hosted_site.server.url("/account"))
    page.get_by_label("Your password, to confirm it's you").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and all my data").click()
    heading(page, "Your account is deleted")
    assert serious(page) == []
    assert all(c["name"] != SESSION_COOKIE for c in page.context.cookies())
    page.goto(hosted_site.server.url("/companies"))
    heading(page, LOGIN)
    log_in(page, hosted_site.server, "dee@example.org")
    expect(page.get_by_role("alert")).to_contain_text("isn't right")
    refused(page, 401)
    with site(hosted_site.settings) as ctx:
        assert [c.company.name for c in companies.list_companies(ctx.fresh(owner=eli))] == [
            "Eliworks Ltd"
        ]
