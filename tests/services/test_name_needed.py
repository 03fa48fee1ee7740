"""Until the user's name is set, a card is not printed and an email is not sent: each would
go out signed "[your name]". Drafts still show, with the placeholder."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from nextround.config import UserProfile
from nextround.domain.tasks import Kind, Task
from nextround.errors import SetupNeeded
from nextround.mailconfig import SmtpSettings
from nextround.services import applications, cards, emails, tasks
from nextround.services.context import Context
from tests.mail import Inbox, smtp_server
from tests.services.scenario import interviewed
from tests.tables import fingerprint


def planned(ctx: Context, kind: Kind) -> Task:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, date(2026, 11, 20))
    return next(t for t in plan.tasks if t.kind is kind)


def test_a_card_is_not_printed_without_a_name(ctx: Context) -> None:
    card = planned(ctx, Kind.THANK_YOU_CARD)
    assert "[your name]" in (tasks.show_task(ctx, card.id).draft or "")
    for printing in (
        lambda: cards.card_for_task(ctx, card.id),
        lambda: cards.all_open_cards(ctx),
    ):
        with pytest.raises(SetupNeeded) as caught:
            printing()
        assert caught.value.setting == "user.name"
        assert caught.value.message == (
            "printing a card needs your name to sign with, and none is set yet"
        )


def test_a_name_of_spaces_is_no_name(ctx: Context) -> None:
    card = planned(ctx, Kind.THANK_YOU_CARD)
    ctx.settings = replace(ctx.settings, user=UserProfile(name="  \t "))
    with pytest.raises(SetupNeeded):
        cards.card_for_task(ctx, card.id)


def test_an_email_is_not_sent_without_a_name(ctx: Context) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as server:
        ctx.settings = replace(
            ctx.settings,
            user=UserProfile(email="sam@home.example"),
            smtp=SmtpSettings(host="127.0.0.1", port=server.port, security="none"),
        )
        email = planned(ctx, Kind.CONGRATS_EMAIL)
        before = fingerprint(ctx.db)
        for trying in (
            lambda: emails.send(ctx, email.id),
            lambda: emails.preview(ctx, email.id),
        ):
            with pytest.raises(SetupNeeded) as caught:
                trying()
            assert caught.value.message.startswith("sending an email needs your name")
        assert inbox.messages == []
        assert fingerprint(ctx.db) == before
        # A draft to open in a mail client is still there, placeholder and all.
        assert "[your name]" in emails.draft(ctx, email.id).text
        ctx.settings = replace(ctx.settings, user=UserProfile(name="Sam", email="sam@home.example"))
        emails.send(ctx, email.id)
    assert len(inbox.messages) == 1
    assert tasks.show_task(ctx, email.id).status.value == "done"
