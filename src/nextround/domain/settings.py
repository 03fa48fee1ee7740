"""The playbook's settings: its steps, their offsets, and the LinkedIn note limit.

Apart from the rules so that reading the settings stays cheap at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nextround.domain.tasks import Kind

#: The six steps of the playbook, in the order the product asks for them.
STEPS: tuple[Kind, ...] = (
    Kind.JOURNAL,
    Kind.THANK_YOU_CARD,
    Kind.CONGRATS_EMAIL,
    Kind.LINKEDIN_INVITE,
    Kind.FOLLOW_COMPANY,
    Kind.CHECK_BACK,
)

#: The languages drafts are written in, by code, with their names.
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}

LINKEDIN_NOTE_LIMIT = 300
LINKEDIN_FREE_NOTE_LIMIT = 200


@dataclass(frozen=True)
class PlaybookSettings:
    """Offsets (in days unless named months) and the steps switched on."""

    journal_days: int = 0
    card_days: int = 2
    email_days: int = 7
    invite_days: int = 1
    follow_days: int = 3
    check_back_months: tuple[int, ...] = (3, 6)
    find_info_days: int = 1
    steps: frozenset[Kind] = field(default_factory=lambda: frozenset(STEPS))
    #: Most free accounts get 200 characters for an invitation note; paid ones 300.
    linkedin_free_account: bool = True

    @property
    def note_limit(self) -> int:
        return LINKEDIN_FREE_NOTE_LIMIT if self.linkedin_free_account else LINKEDIN_NOTE_LIMIT
