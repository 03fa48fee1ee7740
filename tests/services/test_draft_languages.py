"""The drafts quality suite in German, French and Spanish (English: ``test_draft_quality``).

A job search of 252 people at 42 companies, the applications in German,
French and Spanish (and some in the default language of drafts), every part in
the process and kind of interview, with and without topics; some people with a
language of their own, some addressed by a title and surname, some on first
names (du, tu, tú). Every card, email, LinkedIn note and check-back is held to
the rules a machine can check, in each language. A few are golden files
(``tests/golden/drafts/LANG_*.txt``), reviewed by hand.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from nextround.config import DraftSettings, Settings, UserProfile
from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import InterviewChanges, NewInterview
from nextround.domain.people import ConnectAnswer, NewPerson, Part
from nextround.domain.tasks import Kind, Task
from nextround.domain.watch import NewsItem, NewWatch
from nextround.services import applications, companies, interviews, people, tasks
from nextround.services import watch as watching
from nextround.services.context import Context, open_context
from nextround.storage import watch as watch_rows
from tests.conftest import TODAY, sqlite_template
from tests.goldens import update_requested
from tests.services.test_draft_quality import (
    COMPANY_NAMES,
    FIRST,
    FORMATS,
    KINDS,
    LAST,
    NOTE_LIMIT,
    ROLES,
    TITLES,
    WRITTEN,
    assert_cards_fit_every_size,
)

GOLDEN = Path(__file__).parent.parent / "golden" / "drafts"
LANGS = ("de", "fr", "es")
#: What the user talked about, recorded in the language of the process.
TOPICS = {
    "de": ("die Datenplattform", "Bereitschaftsdienste", "das Designsystem", "Barrierefreiheit"),
    "fr": ("la plateforme de données", "les astreintes", "le design system", "l'accessibilité"),
    "es": ("la plataforma de datos", "las guardias", "el sistema de diseño", "la accesibilidad"),
}
#: A form of address with a title: (feminine, masculine, neither).
TITLED = {
    "de": ("Frau Dr. Weber", "Herr Brandt", "Dr. Sato"),
    "fr": ("Madame Moreau", "Monsieur Costa", "Dr Sato"),
    "es": ("Sra. García-Márquez", "Sr. Haddad", "Dr. Sato"),
}
#: Words only the other register uses (checked on the note's own text).
INFORMAL = {
    "de": r"\b(du|dir|dich|dein\w*)\b",
    "fr": r"\b(tu|te|toi|ton|ta|tes)\b|\bt'",
    "es": r"\b(tú|te|ti|tu|tus)\b",
}
FORMAL = {
    "de": r"\b(Sie|Ihnen|Ihr\w*)\b",
    "fr": r"\b(vous|votre|vos)\b",
    "es": r"\b(usted|su|sus|le)\b",
}
#: What a check-back never says: asking for a job.
ASKS = {
    "de": ("Stelle für mich", "einstellen", "empfehlen", "bewerben"),
    "fr": ("m'embaucher", "me recommander", "un poste pour moi", "postuler"),
    "es": ("contratarme", "recomendarme", "un puesto para mí", "postular"),
}
#: English that would show a slot fell back to the English wordings.
ENGLISH = re.compile(r"\b(the|and|thank you|thanks|with|during)\b", re.IGNORECASE)
SAYS_THANKS = {"de": "dank", "fr": "merci", "es": "gracias"}
#: A headline the watch read from a company's feed after the no, in the language of the process.
HEADLINES = {
    "de": ("Neues Büro in Leipzig eröffnet", "Zweite Finanzierungsrunde abgeschlossen"),
    "fr": ("Ouverture d'un bureau à Lyon", "Une nouvelle levée de fonds bouclée"),
    "es": ("Nueva oficina en Valencia", "Cierra una nueva ronda de financiación"),
}
#: What a check-back says when the role applied for is listed again.
REOPENED = {
    "de": "wieder ausgeschrieben",
    "fr": "de nouveau ouvert",
    "es": "vuelve a estar abierto",
}


@dataclass(frozen=True)
class Written:
    ctx: Context
    drafts: list[Task]
    people: int
    #: Person id -> (language, formal, address, topic recorded).
    who: dict[int, tuple[str, bool, str, bool]]
    #: People whose language differs from their application's.
    own: set[int]
    #: Application id -> what changed since the no: ("reopened" | "new_role" | "news", what).
    changed: dict[int, tuple[str, str]]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Written]:
    folder = tmp_path_factory.mktemp("languages")
    db = folder / "nextround.db"
    db.write_bytes(sqlite_template().read_bytes())
    settings = Settings(
        db_url=str(db),
        today=TODAY,
        templates_dir=folder / "templates",
        user=UserProfile(name="Sam Rivera", signature="Sam"),
        drafts=DraftSettings(language="fr"),
    )
    ctx = open_context(settings)
    rng = random.Random(6)
    who: dict[int, tuple[str, bool, str, bool]] = {}
    changed: dict[int, tuple[str, str]] = {}
    names = (*COMPANY_NAMES, "Ærø & Søn", "L'Oréal-ish", "Peña y Cía")
    count = sum(_company(ctx, rng, n, name, who, changed) for n, name in enumerate(names[:42]))
    own = {p for p, w in who.items() if w[0] != _apps_language(ctx, p)}
    drafts = tasks.list_tasks(ctx, include_closed=True)
    yield Written(ctx, drafts, count, who, own, changed)
    ctx.close()


def _company(
    ctx: Context,
    rng: random.Random,
    n: int,
    name: str,
    who: dict[int, tuple[str, bool, str, bool]],
    changed: dict[int, tuple[str, str]],
) -> int:
    lang = LANGS[n % 3]
    company = companies.add_company(ctx, NewCompany(name))
    role = ROLES[n % len(ROLES)]
    # Every seventh application leaves the language to the default (fr here).
    new = NewApplication(
        role,
        company_id=company.id,
        applied_on=date(2026, 9, 1),
        language=None if n % 7 == 6 else lang,
    )
    app = applications.add_application(ctx, new).application
    lang = app.language or "fr"
    staff: list[int] = []
    for i in range(6):
        part = list(Part)[(n + i) % len(Part)]
        own = LANGS[(n + 1) % 3] if i == 3 else None
        formal = False if i == 4 else None
        titled = TITLED[own or lang][(n + i) % 3] if i in (1, 3) else None
        person = people.add_person(
            ctx,
            NewPerson(
                f"{FIRST[(n * 6 + i) % len(FIRST)]} {LAST[(n + i * 7) % len(LAST)]}",
                company.id,
                title=TITLES[part][(n + i) % len(TITLES[part])],
                email=None if i == 5 else f"p{i}@c{n}.example",
                part=part if (n + i) % 2 else None,
                language=own,
                address_as=titled,
                formal=formal,
            ),
        )
        staff.append(person.id)
        # Formal with no form of address: the full name ("Guten Tag Dana Smith,").
        named = person.full_name if formal is None else person.first_name
        who[person.id] = (own or lang, formal is None, titled or named, False)
    rounds = 1 + n % 3
    for r in range(rounds):
        seats = tuple(staff[r * 2 : r * 2 + 2] if r < rounds - 1 else staff[r * 2 :])
        fmt, kind = FORMATS[(n + r) % len(FORMATS)], KINDS[(n + 2 * r) % len(KINDS)]
        on = date(2026, 10, 1) + timedelta(days=7 * r)
        meeting = interviews.add_interview(
            ctx, NewInterview(app.id, on, format=fmt, interviewer_ids=seats, kind=kind)
        ).interview
        said = {p: (rng.choice(TOPICS[who[p][0]]),) for p in seats if rng.random() < 0.5}
        if said:
            interviews.edit_interview(ctx, meeting.id, InterviewChanges(topics=said))
        for p in said:
            who[p] = (*who[p][:3], True)
    applications.reject(ctx, app.id, date(2026, 11, 20))
    people.record_reply(ctx, staff[0], ConnectAnswer.YES)
    _changes(ctx, n, app.id, company.id, role, lang, changed)
    return len(staff)


def _changes(
    ctx: Context,
    n: int,
    app_id: int,
    company_id: int,
    role: str,
    lang: str,
    changed: dict[int, tuple[str, str]],
) -> None:
    """What changed since the no, by company: the role reopened (the user applied again),
    another role, news only (a headline in the watched feed dated after the no), or nothing."""
    if n % 4 in (0, 1):
        later = role if n % 4 == 0 else ROLES[(n + 1) % len(ROLES)]
        applications.add_application(ctx, NewApplication(later, company_id=company_id))
        changed[app_id] = ("reopened", role) if n % 4 == 0 else ("new_role", later)
    elif n % 4 == 2:
        feed = f"https://c{n}.example/news.rss"
        watched = watching.add_watch(ctx, NewWatch(company_id, feed=feed))
        headline = HEADLINES[lang][n % 2]
        with ctx.change("News") as c:
            old = NewsItem(f"old{n}", "Altes Jubiläum", published_on=date(2026, 11, 1))
            watch_rows.add_news(c, ctx.owner, watched.id, old, TODAY)
            new = NewsItem(f"new{n}", headline, published_on=date(2026, 11, 23))
            watch_rows.add_news(c, ctx.owner, watched.id, new, TODAY)
        changed[app_id] = ("news", headline)


def _apps_language(ctx: Context, person_id: int) -> str:
    person = people.show_person(ctx, person_id).person
    found = [a for a in applications.list_applications(ctx) if a.company_id == person.company_id]
    return min(found, key=lambda a: a.id).language or "fr"


def _of(w: Written, *kinds: Kind) -> list[Task]:
    return [t for t in w.drafts if t.kind in kinds and t.draft]


def _lang(w: Written, task: Task) -> str:
    if task.kind is Kind.CHECK_BACK:
        return _note_lang(task)
    return w.who[task.person_id or 0][0]


def _note_lang(task: Task) -> str:
    said = (task.draft or "").split("A note in ", 1)[1].split(" ", 1)[0]
    return {"German": "de", "French": "fr", "Spanish": "es"}[said]


def _text(task: Task) -> str:
    """What the person reads: a check-back's note without the instructions to the user."""
    if task.kind is Kind.CHECK_BACK:
        return (task.draft or "").split("by email or on LinkedIn:\n\n", 1)[1]
    return f"{task.draft_subject or ''}\n{task.draft}".strip()


# --------------------------------------------------------------------------- the population


def test_the_population_covers_languages_parts_registers_and_topics(written: Written) -> None:
    assert written.people >= 200
    assert {w[0] for w in written.who.values()} == set(LANGS)
    assert {(w[0], w[1]) for w in written.who.values()} == {
        (code, f) for code in LANGS for f in (True, False)
    }
    assert {w[3] for w in written.who.values()} == {True, False}
    assert {row.person.plays for row in people.list_people(written.ctx)} == set(Part)
    for kind in (*WRITTEN, Kind.CHECK_BACK):
        langs = {_lang(written, t) for t in _of(written, kind)}
        assert langs == set(LANGS), (kind, langs)


def test_every_draft_is_written(written: Written) -> None:
    for task in written.drafts:
        if task.kind in (*WRITTEN, Kind.CHECK_BACK):
            assert task.draft and task.draft_problem is None, (task.id, task.draft_problem)


def test_each_draft_is_in_its_language(written: Written) -> None:
    for task in _of(written, *WRITTEN, Kind.CHECK_BACK):
        lang, text = _lang(written, task), _text(task)
        words = text.replace("LinkedIn", "")
        for name in (*ROLES, *COMPANY_NAMES):  # "Payments Reconciliation and Ledger Platform"
            words = words.replace(name, "")
        assert not ENGLISH.search(words), (task.id, text)
        if task.kind is not Kind.LINKEDIN_INVITE:
            assert SAYS_THANKS[lang] in text.lower() or task.kind is Kind.CHECK_BACK, (
                task.id,
                text,
            )


# --------------------------------------------------------------------------- the rules


def test_no_placeholder_or_unfilled_slot(written: Written) -> None:
    for task in _of(written, *WRITTEN, Kind.CHECK_BACK):
        text = _text(task)
        for bad in ("[your name]", "{", "}", "|", "None", "  ", " ,", " .", "..", "\n\n\n"):
            assert bad not in text, (task.id, bad, text)


#: What a filled fact may leave behind: "à les astreintes", "de el equipo".
UNGRAMMATICAL = {
    "de": re.compile(r"\b(bei dem|in dem|von dem|zu dem)\b"),
    "fr": re.compile(r"\b(à le|à les|de le|de les|de un|de une|que un|que une)\b", re.I),
    "es": re.compile(r"\b(de el|a el)\b", re.I),
}


def test_no_article_left_uncontracted(written: Written) -> None:
    for task in _of(written, *WRITTEN, Kind.CHECK_BACK):
        found = UNGRAMMATICAL[_lang(written, task)].search(_text(task))
        assert found is None, (task.id, found and found[0], _text(task))


def test_no_doubled_words(written: Written) -> None:
    doubled = re.compile(r"\b(\w+)\s+\1\b(?!-)", re.IGNORECASE)
    for task in _of(written, *WRITTEN, Kind.CHECK_BACK):
        found = doubled.search(_text(task))
        assert found is None, (task.id, found and found[0])


def test_sentences_start_and_end_properly(written: Written) -> None:
    for task in _of(written, *WRITTEN, Kind.CHECK_BACK):
        lang = _lang(written, task)
        lines = [ln for ln in _text(task).splitlines() if ln.strip()]
        body = [ln for ln in lines[1:] if len(ln.split()) > 3 and not _greets(ln)]
        if task.kind in (Kind.LINKEDIN_INVITE, Kind.FIND_EMAIL):
            body = [lines[0].removesuffix(" Sam Rivera")]
        for n, line in enumerate(body):
            assert line[-1] in ".?!", (task.id, line)
            sentences = re.split(r"(?<=[.?!])\s+", line.replace("Inc. ", "Inc "))
            for s, sentence in enumerate(sentences):
                if task.kind in (Kind.LINKEDIN_INVITE, Kind.FIND_EMAIL) and s == 0:
                    continue  # "Hallo Anna, danke ...": the greeting begins the line
                first = sentence.lstrip("¿¡")[:1]
                # German goes on in lower case after the greeting's comma.
                after_greeting = lang == "de" and n == 0 and s == 0
                if after_greeting and not sentence.startswith(("Sie ", "Ihnen ", "Ihr")):
                    assert first.islower(), (task.id, sentence)
                else:
                    assert first.isupper(), (task.id, sentence)


#: How a Spanish greeting line starts: it ends in a colon ("Buenos días, Elena O'Neill:").
_SPANISH_GREETINGS = ("Buenos días", "Hola", "Estimad", "Querid")


def _greets(line: str) -> bool:
    return line.endswith(",") or (line.endswith(":") and line.startswith(_SPANISH_GREETINGS))


def test_the_register_is_kept(written: Written) -> None:
    for task in _of(written, *WRITTEN, Kind.CHECK_BACK):
        lang = _lang(written, task)
        if task.kind is Kind.CHECK_BACK:
            continue  # the contact's register is checked with their own drafts
        formal = written.who[task.person_id or 0][1]
        other = INFORMAL[lang] if formal else FORMAL[lang]
        text = _text(task).split("\n", 1)[-1].removesuffix("Sam Rivera")
        found = re.search(other, text.replace("Madame", "").replace("Monsieur", ""))
        assert found is None, (task.id, formal, found and found[0], text)


def test_greetings_follow_the_form_of_address(written: Written) -> None:
    expected = {
        ("de", True, "Frau Dr. Weber"): "Sehr geehrte Frau Dr. Weber,",
        ("de", True, "Herr Brandt"): "Sehr geehrter Herr Brandt,",
        ("de", True, "Dr. Sato"): "Guten Tag Dr. Sato,",
        ("fr", True, "Madame Moreau"): "Chère Madame Moreau,",
        ("fr", True, "Monsieur Costa"): "Cher Monsieur Costa,",
        ("es", True, "Sra. García-Márquez"): "Estimada Sra. García-Márquez:",
        ("es", True, "Sr. Haddad"): "Estimado Sr. Haddad:",
        ("es", True, "Dr. Sato"): "Buenos días, Dr. Sato:",
    }
    seen = set()
    for task in _of(written, Kind.THANK_YOU_CARD):
        key = written.who[task.person_id or 0][:3]
        first = (task.draft or "").splitlines()[0]
        if key in expected:
            assert first == expected[key], (key, first)
            seen.add(key)
        elif not key[1]:  # on first names: a greeting that needs no gender
            assert first.startswith(("Hallo ", "Bonjour ", "Hola, ")), first
        elif key[2] not in [t for titles in TITLED.values() for t in titles]:
            # Formal, no form of address: the full name, no title guessed.
            assert " " in key[2], key
            assert first == FULL_NAME[key[0]].format(key[2]), (key, first)
            seen.add(("untitled", *key[:2]))
    assert len(seen) >= 9, seen
    emails = {written.who[t.person_id or 0][:3]: t.draft for t in _of(written, Kind.CONGRATS_EMAIL)}
    if ("fr", True, "Madame Moreau") in emails:
        assert (emails[("fr", True, "Madame Moreau")] or "").startswith("Madame,\n")


#: A formal greeting with no form of address set: given and family name.
FULL_NAME = {"de": "Guten Tag {},", "fr": "Bonjour {},", "es": "Buenos días, {}:"}


def test_a_person_with_a_language_of_their_own_gets_it(written: Written) -> None:
    own = [t for t in _of(written, Kind.THANK_YOU_CARD) if t.person_id in written.own]
    assert len(own) >= 20
    for task in own:
        lang = written.who[task.person_id or 0][0]
        assert SAYS_THANKS[lang] in (task.draft or "").lower(), task.draft


def test_no_two_people_at_one_company_get_the_same_text(written: Written) -> None:
    for kind in WRITTEN:
        seen: dict[tuple[int | None, str], int] = {}
        for task in _of(written, kind):
            text = _text(task).replace(written.who[task.person_id or 0][2], "NAME")
            key = (task.company_id, text)
            assert key not in seen, (kind, seen.get(key), task.id)
            seen[key] = task.id


def test_linkedin_notes_are_within_the_limit(written: Written) -> None:
    for task in _of(written, Kind.LINKEDIN_INVITE, Kind.FIND_EMAIL):
        assert len(task.draft or "") <= NOTE_LIMIT, (task.id, len(task.draft or ""), task.draft)


def test_cards_fit_a_card(written: Written) -> None:
    for task in _of(written, Kind.THANK_YOU_CARD):
        assert 25 <= len((task.draft or "").split()) <= 100, task.draft


def test_card_text_fits_the_card_at_every_size(written: Written) -> None:
    assert_cards_fit_every_size(written.ctx, _of(written, Kind.THANK_YOU_CARD))


def test_topics_are_used_only_for_their_person(written: Written) -> None:
    every = [t for said in TOPICS.values() for t in said]
    for task in _of(written, Kind.THANK_YOU_CARD):
        said = any(t in (task.draft or "") for t in every)
        assert said == written.who[task.person_id or 0][3], task.draft


def test_check_backs_differ_mention_news_and_never_ask_for_a_job(written: Written) -> None:
    notes: dict[int | None, dict[str, str]] = defaultdict(dict)
    for task in _of(written, Kind.CHECK_BACK):
        note = _text(task)
        notes[task.application_id][task.key.rsplit(":", 1)[1]] = note
        for ask in ASKS[_note_lang(task)]:
            assert ask not in note, (task.id, ask)
    for pair in notes.values():
        assert pair["3m"].split("\n\n")[1] != pair["6m"].split("\n\n")[1]
    news = " ".join(_text(t) for t in _of(written, Kind.CHECK_BACK))
    for said in REOPENED.values():
        assert said in news, said


def test_check_backs_say_what_changed_at_three_and_six_months(written: Written) -> None:
    """A reopened role, another role or news alone: each language says it, in each of the
    two notes, in different words; a company where nothing is known to have changed gets
    none of it."""
    seen: set[tuple[str, str, str]] = set()
    by_app: dict[int | None, dict[str, str]] = defaultdict(dict)
    for task in _of(written, Kind.CHECK_BACK):
        lang, note, when = _note_lang(task), _text(task), task.key.rsplit(":", 1)[1]
        body = note.split("\n\n")[1]
        what = written.changed.get(task.application_id or 0)
        if what is None:
            assert not any(h in note for hs in HEADLINES.values() for h in hs), (task.id, note)
            assert REOPENED[lang] not in note, (task.id, note)
            continue
        change, said = what
        if change == "reopened":
            assert REOPENED[lang] in body, (task.id, body)
        else:
            assert said in body, (task.id, change, body)
        assert "Altes Jubiläum" not in note  # dated before the no
        by_app[task.application_id][when] = body
        seen.add((lang, change, when))
    assert seen == {
        (lang, change, when)
        for lang in LANGS
        for change in ("reopened", "new_role", "news")
        for when in ("3m", "6m")
    }
    for app_id, pair in by_app.items():
        mark = _mark(written.changed[app_id or 0], pair["3m"])
        first, later = (_sentence_with(pair[w], mark) for w in ("3m", "6m"))
        assert first != later, pair


def _mark(what: tuple[str, str], note: str) -> str:
    change, said = what
    return said if change != "reopened" else next(m for m in REOPENED.values() if m in note)


def _sentence_with(body: str, mark: str) -> str:
    """The sentence of a note that says ``mark`` (a sentence ends after a word, not "12.")."""
    return next(s for s in re.split(r"(?:(?<=[^\W\d][.?!])|(?<=[.?!][»“]))\s+", body) if mark in s)


# --------------------------------------------------------------------------- goldens


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("name", "kind", "which"),
    [
        ("card_formal", Kind.THANK_YOU_CARD, "titled"),
        ("card_informal", Kind.THANK_YOU_CARD, "informal"),
        ("email", Kind.CONGRATS_EMAIL, "formal"),
        ("linkedin_message", Kind.FIND_EMAIL, "formal"),
        ("check_back_6m", Kind.CHECK_BACK, "6m"),
    ],
)
def test_golden_drafts(written: Written, lang: str, name: str, kind: Kind, which: str) -> None:
    task = _pick(written, lang, kind, which)
    subject = f"Subject: {task.draft_subject}\n" if task.draft_subject else ""
    text = f"{subject}{task.draft}\n"
    golden = GOLDEN / f"{lang}_{name}.txt"
    if update_requested():
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def _pick(w: Written, lang: str, kind: Kind, which: str) -> Task:
    for task in _of(w, kind):
        if kind is Kind.CHECK_BACK:
            if _note_lang(task) == lang and task.key.endswith("6m"):
                return task
            continue
        code, formal, address, _ = w.who[task.person_id or 0]
        titled = address.split(" ", 1)[0] in ("Frau", "Herr", "Madame", "Monsieur", "Sra.", "Sr.")
        if code == lang and (
            (which == "titled" and titled)
            or (which == "informal" and not formal)
            or (which == "formal" and formal and not titled)
        ):
            return task
    raise AssertionError(f"no {which} {kind} in {lang}")
