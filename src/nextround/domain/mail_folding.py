"""Mail folded away from the review queue: newsletters and job alerts.

A job board's alert ("12 new jobs for Backend Engineer") reads like job mail
to the classifier, and a company's newsletter may mention interviews; neither
is about one of the user's applications. A scan files such mail as folded:
counted in its summary, listed by ``mail review --folded``, never mixed into
the review list.

Mail is folded only when it is plainly bulk:

- a job alert: from a job board's alert address (LinkedIn job alerts, Indeed,
  Glassdoor, ...), or a subject that says "job alert" (in English, German,
  French or Spanish);
- a newsletter: a ``List-Unsubscribe`` header together with ``List-Id`` or
  ``Precedence: bulk`` / ``list`` (what mailing-list software adds).

Mail tied to one of the user's applications is never folded as a newsletter
(applicant-tracking systems send rejections through bulk mailers too).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from nextround.domain.mail_matching import domain_of, is_tracking_system


class Folded(enum.StrEnum):
    JOB_ALERT = "job alert"
    NEWSLETTER = "newsletter"


#: Job boards' alert senders: domain (or a subdomain of it) -> local parts.
_ALERT_SENDERS: dict[str, tuple[str, ...]] = {
    "linkedin.com": ("jobalerts-noreply", "jobs-listings", "jobs-noreply", "jobalerts"),
    "indeed.com": ("alert", "alerts", "jobalert", "jobalerts", "donotreply-alert"),
    "glassdoor.com": ("alerts", "jobalerts", "noreply-alerts"),
    "ziprecruiter.com": ("alerts", "jobalerts"),
    "monster.com": ("jobalerts", "alerts"),
    "stepstone.de": ("jobagent", "jobalert"),
    "xing.com": ("jobs", "jobalerts"),
    "welcometothejungle.com": ("alerts",),
    "otta.com": ("jobs",),
    "wellfound.com": ("jobs",),
}
#: Subject wording of alerts, lower case (casefolded).
_ALERT_SUBJECTS = (
    "job alert",
    "jobs alert",
    "new jobs for you",
    "jobs you may be interested in",
    "jobs matching",
    "jobalarm",
    "job-alarm",
    "neue jobs für",
    "alerte emploi",
    "alerte d'emploi",
    "offres d'emploi pour vous",
    "alerta de empleo",
    "ofertas de empleo para ti",
)
_BULK_PRECEDENCE = {"bulk", "list", "junk"}


def folded(
    sender: str, subject: str, headers: Mapping[str, str], *, tied_to_application: bool
) -> Folded | None:
    """Whether (and why) mail is plainly a job alert or a newsletter; None for real mail.

    ``headers`` holds lower-case field names (``list-id``, ``list-unsubscribe``,
    ``precedence``); ``sender`` is the address.
    """
    if _alert_sender(sender) or _alert_subject(subject):
        return Folded.JOB_ALERT
    if tied_to_application or is_tracking_system(domain_of(sender)):
        return None  # a tracking system's mail is about an application, bulk headers or not
    precedence = headers.get("precedence", "").strip().lower()
    if headers.get("list-unsubscribe", "").strip() and (
        headers.get("list-id", "").strip() or precedence in _BULK_PRECEDENCE
    ):
        return Folded.NEWSLETTER
    return None


def _alert_sender(sender: str) -> bool:
    local, at, domain = sender.strip().lower().rpartition("@")
    if not at:
        return False
    for known, locals_ in _ALERT_SENDERS.items():
        if (domain == known or domain.endswith(f".{known}")) and local in locals_:
            return True
    return False


def _alert_subject(subject: str) -> bool:
    text = " ".join(subject.casefold().split())
    return any(phrase in text for phrase in _ALERT_SUBJECTS)
