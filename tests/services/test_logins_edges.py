"""The wrong-password throttle's keys, as an attacker would probe them: a right login
clears its account's count (not its address's), and an email is one account whatever its
case and spaces, to the login and to the count."""

from __future__ import annotations

import pytest

from nextround.errors import NotSignedIn, TooManyAttempts
from nextround.services import logins
from nextround.services.context import Context
from nextround.services.logins import Throttle
from tests.services.test_logins import NOON, PASSWORD, with_password  # noqa: F401 - fixture
from tests.services.test_user_links import PASSWORD as ANAS_PASSWORD
from tests.services.test_user_links import site  # noqa: F401 - the fixture


def _wrong(ctx: Context, throttle: Throttle, *, account: str = "", client: str) -> None:
    with pytest.raises(NotSignedIn) as refused:
        logins.log_in(ctx, "not the password", throttle, account=account, client=client, now=NOON)
    assert not isinstance(refused.value, TooManyAttempts)


def test_a_right_login_clears_its_account_s_count_and_not_its_address_s(
    with_password: Context,  # noqa: F811 - the fixture
) -> None:
    throttle = Throttle()
    for n in range(4):  # four typos from four devices, then the right password
        _wrong(with_password, throttle, client=f"10.0.0.{n}")
    assert logins.log_in(with_password, PASSWORD, throttle, client="10.0.0.9", now=NOON)
    for n in range(4):  # four more typos later: the count began again at the login
        _wrong(with_password, throttle, client=f"10.0.1.{n}")
    assert logins.log_in(with_password, PASSWORD, throttle, client="10.0.0.9", now=NOON)
    # An address that guessed at four other accounts is not cleared by logging in to its own.
    for n in range(4):
        _wrong(with_password, throttle, account=f"user{n}", client="6.6.6.6")
    assert logins.log_in(with_password, PASSWORD, throttle, client="6.6.6.6", now=NOON)
    _wrong(with_password, throttle, account="user4", client="6.6.6.6")  # its fifth
    with pytest.raises(TooManyAttempts):
        logins.log_in(with_password, "x", throttle, account="user9", client="6.6.6.6", now=NOON)


@pytest.mark.postgres
def test_an_email_is_one_account_whatever_its_case_and_spaces(
    site: Context,  # noqa: F811 - the fixture
) -> None:
    throttle = Throttle()
    made = logins.log_in(site, ANAS_PASSWORD, throttle, account=" Ana@Example.ORG ", now=NOON)
    assert logins.session_user(site, made.token, now=NOON) == made.user_id
    # Five wrong tries from five addresses, each spelling her address another way: her
    # account waits, as after five tries spelt one way.
    for n, spelt in enumerate(
        [
            "ana@example.org",
            "ANA@example.org",
            " ana@example.org",
            "Ana@Example.Org",
            "ana@EXAMPLE.org  ",
        ]
    ):
        _wrong(site, throttle, account=spelt, client=f"10.0.0.{n}")
    with pytest.raises(TooManyAttempts):
        logins.log_in(site, ANAS_PASSWORD, throttle, account="ana@example.org", now=NOON)
