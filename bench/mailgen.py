"""A large, realistic mailbox for the mail benchmark: job mail among everyday mail.

``write_mbox(path, count)`` writes ``count`` messages, streamed, with a fixed
seed. The mix follows what a job seeker's inbox holds: mostly newsletters,
job alerts, receipts and personal mail, with application receipts,
rejections, invitations, the odd offer and replies that quote earlier
messages. Bodies come as plain text, HTML only, both, quoted-printable,
base64 and Latin-1; about one in a hundred carries a large attachment.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

COMPANIES = [
    ("Acme Robotics", "acmerobotics.com"),
    ("Northwind Traders", "northwind.example"),
    ("Globex", "globex.com"),
    ("Initech", "initech.io"),
    ("Umbrella Health", "umbrellahealth.org"),
    ("Hooli", "hooli.xyz"),
    ("Stark Logistics", "starklogistics.de"),
    ("Wayne Media", "waynemedia.co.uk"),
    ("Cyberdyne Analytics", "cyberdyne.ai"),
    ("Soylent Foods", "soylentfoods.com"),
]
ROLES = [
    "Data Analyst",
    "Backend Engineer",
    "Product Designer",
    "Project Manager",
    "QA Engineer",
    "Marketing Lead",
]
ATS = [
    "no-reply@greenhouse-mail.io",
    "no-reply@hire.lever.co",
    "notifications@ashbyhq.com",
    "noreply@smartrecruiters.com",
]
FILLER = (
    "Our team works across several time zones and we value clear writing, steady delivery and kindness. "
    "You can read more about how we work, our benefits and our offices on our careers site. "
    "This message was sent to you because you have an account with us; manage your preferences at any time. "
)
NEWS = [
    "This week in product: three new features, a customer story and our roadmap for spring.",
    "Your order has shipped and should arrive within five working days.",
    "Reminder: the book club meets on Thursday; we are reading a novel about lighthouses.",
    "Your monthly statement is ready to view online.",
    "Photos from the weekend are attached in the shared album.",
]

# (label, weight, subject, body) - bodies are this generator's own sentences.
KINDS = [
    ("other", 40, "{news_subject}", "{news}"),
    (
        "other",
        12,
        "New jobs for you: {role}",
        "Here are 12 new {role} jobs near you. Unfortunately some listings close soon, so apply early. Acme, Globex and others are hiring.",
    ),
    (
        "other",
        5,
        "Quick question about your profile",
        "Hi, I'm a recruiter at an agency and came across your profile. Would you be open to a chat about a {role} opening?",
    ),
    (
        "other",
        3,
        "Interview rescheduled",
        "Hello, we regret to inform you that your interview for {role} must be moved to next Tuesday at 10:00. Please confirm the new time.",
    ),
    (
        "other",
        2,
        "Withdrawal confirmed",
        "We have received your request to withdraw your application for {role} at {company}. We wish you the best.",
    ),
    (
        "application_received",
        12,
        "Thank you for applying to {company}",
        "Hi {first}, thanks for applying for the {role} position at {company}. Our team will review your application and be in touch.",
    ),
    (
        "rejection",
        9,
        "Your application",
        "Dear {first}, thank you for your interest in the {role} role at {company}. After careful consideration, we have decided not to move forward with your candidacy at this time. We wish you every success.",
    ),
    (
        "rejection",
        4,
        "Update from {company}",
        "Hi {first}, thank you for taking the time to interview with us for {role}. We were impressed, but we have decided to proceed with another candidate whose experience more closely matches our needs.",
    ),
    (
        "interview_invite",
        6,
        "Interview invitation: {role}",
        "Hi {first}, we'd love to invite you to an interview for the {role} position at {company}. Please pick a time that suits you using the link below.",
    ),
    (
        "offer",
        1,
        "Offer of employment - {role}",
        "Dear {first}, we are delighted to offer you the position of {role} at {company}. Your offer letter is attached; please let us know your decision within a week.",
    ),
    (
        "reply",
        6,
        "Re: Congratulations on the new hire",
        "Thanks so much for the kind note! Of course, happy to connect on LinkedIn.\n\nOn Mon, 2 Nov 2026, Sam wrote:\n> Congratulations on filling the {role} role.\n> Would it be OK to connect on LinkedIn?",
    ),
]


def messages(count: int, seed: int = 2026) -> Iterator[bytes]:
    rng = random.Random(seed)
    weights = [k[1] for k in KINDS]
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for n in range(count):
        label, _, subject, body = rng.choices(KINDS, weights)[0]
        company, domain = rng.choice(COMPANIES)
        values = {
            "company": company,
            "role": rng.choice(ROLES),
            "first": rng.choice(["Sam", "Ana", "Kenji", "Zoë", "Priya"]),
            "news": rng.choice(NEWS),
            "news_subject": rng.choice(["Weekly digest", "Your receipt", "Hello again", "Updates"]),
        }
        text = body.format(**values) + "\n\n" + FILLER * rng.randint(2, 12)
        sender = _sender(rng, label, company, domain)
        when = start + timedelta(minutes=11 * n)
        yield _message(rng, sender, subject.format(**values), text, when)


def _sender(rng: random.Random, label: str, company: str, domain: str) -> str:
    if label == "other":
        return f"news@{rng.choice(['shop.example', 'club.example', 'bank.example', 'jobs-alerts.example'])}"
    if label == "reply":
        return f"alex.morgan@{domain}"
    if rng.random() < 0.5:
        return f'"{company} Recruiting" <{rng.choice(ATS)}>'
    return f"{company} Talent <careers@talent.{domain}>"


def _message(rng: random.Random, sender: str, subject: str, text: str, when: datetime) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = "sam@example.org"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain="bench.example")
    shape = rng.random()
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</body></html>"
    if shape < 0.35:
        msg.set_content(text)
        msg.add_alternative(html, subtype="html")
    elif shape < 0.55:
        msg.set_content(html, subtype="html")
    elif shape < 0.70:
        msg.set_content(text, cte="quoted-printable")
    elif shape < 0.85:
        msg.set_content(text, cte="base64")
    else:
        msg.set_content(text, charset="iso-8859-1", cte="8bit")
    if rng.random() < 0.01:
        blob = rng.randbytes(rng.randint(150_000, 400_000))
        msg.add_attachment(blob, maintype="application", subtype="pdf", filename="details.pdf")
    return msg.as_bytes()


def write_mbox(path: Path, count: int, seed: int = 2026) -> int:
    """Write the mailbox; returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for n, data in enumerate(messages(count, seed)):
            out.write(b"From bench@example.org Thu Jan  1 00:00:00 2026\n")
            for line in data.replace(b"\r\n", b"\n").split(b"\n"):
                out.write((b">" + line if line.startswith(b"From ") else line) + b"\n")
            out.write(b"\n")
            if n % 5000 == 0:
                out.flush()
    return path.stat().st_size
