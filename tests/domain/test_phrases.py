"""Phrases: a rule's regex split, expanded and gated, without changing what it finds."""

from __future__ import annotations

import re

import pytest

from nextround.classify import phrases
from nextround.classify.phrases import PhraseFinder, compile_phrases, ways
from nextround.classify.rules import RULES, _rule
from nextround.classify.scoring import normalise
from nextround.domain.mail import Label
from tests.mail.corpus import load, load_labelled


@pytest.mark.parametrize(
    ("regex", "pieces"),
    [
        ("a|b|c", ["a", "b", "c"]),
        ("a|b(c|d)|[x|y]e", ["a", "b(c|d)", "[x|y]e"]),  # only top-level bars split
        ("(a|b)|c", ["(a|b)", "c"]),
        (r"a\|b|c", [r"a\|b", "c"]),  # an escaped bar is a character
        (r"\bfoo|\bbar\b", ["foo", r"bar\b"]),  # a leading \b would defeat the prefix search
        ("single", ["single"]),
        ("[]|)]a|b", ["[]|)]a", "b"]),
    ],
)
def test_alternatives(regex: str, pieces: list[str]) -> None:
    assert phrases._alternatives(regex) == pieces


@pytest.mark.parametrize(
    ("regex", "expanded"),
    [
        ("(?:sent|send) (?:you )?x", ["sent (?:you )?x", "send (?:you )?x"]),
        # An optional leading group: each choice, then the rest without it.
        ("(?:the )?end", ["the end", "end"]),
        ("(?:a|b)?c|d", ["ac", "bc", "c", "d"]),
        # Groups inside a choice are expanded too.
        ("(?:a|(?:b|c)d)e", ["ae", "bde", "cde"]),
        ("plain|(?:x|y)z?", ["plain", "xz?", "yz?"]),
        # Only a leading group is expanded.
        ("x(?:a|b)", ["x(?:a|b)"]),
    ],
)
def test_expanded(regex: str, expanded: list[str]) -> None:
    assert phrases._expanded(regex) == expanded
    assert [p.pattern.pattern for p in compile_phrases(regex)] == expanded


@pytest.mark.parametrize(
    ("regex", "needs"),
    [
        (
            "we received your application today",
            [{"we received your application today"}],
        ),
        ("withdraw", [{"withdraw"}]),
        # Each way has its own pieces: with and without the optional "be ".
        (
            "not (?:be )?offering you",
            [{"not be offering you"}, {"not offering you"}],
        ),
        (
            "received your (?:application|resume)",
            [{"received your application"}, {"received your resume"}],
        ),
        (r"calendly\.com", [{"calendly", "com"}]),
        (r"\d+ minutes? left", [{" minute", " left"}]),
        ("a{2}b ok", [{"b ok"}]),
        # Pieces under three letters say nothing ("is").
        (
            r"your (?:virtual )?interview\b.{0,80}\bis",
            [{"your virtual interview"}, {"your interview"}],
        ),
        ("n't (?:be )?offer", [{"n't be offer"}, {"n't offer"}]),
        ("^(?:sure|yes)", [{"sure"}, {"yes"}]),
        # A repeated group stays: its neighbours are too short, so the phrase is always tried.
        ("ab(?:x|y)+cd", [set()]),
        # A global flag: no literal piece (it may match other cases).
        ("(?i)dear (?:sir|madam)", [set()]),
    ],
)
def test_a_phrase_knows_what_every_match_contains(regex: str, needs: list[set[str]]) -> None:
    phrase = phrases._phrase(regex)
    assert phrase.pattern.pattern == regex
    assert phrase.needs == tuple(frozenset(need) for need in needs)


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        ("(?:a|b)c", ["ac", "bc"]),
        ("x(?:a|b)?y", ["xay", "xby", "xy"]),
        ("(?:a|(?:b|c)d)e", ["ae", "bde", "cde"]),
        ("p|q(?:r|s)", ["p", "qr", "qs"]),
        # Repeated, lazy, capturing groups and look-arounds stay as they are.
        ("a(?:b|c)+d", ["a(?:b|c)+d"]),
        ("x(?:a|b)??y", ["x(?:a|b)??y"]),
        ("(a|b)c", ["(a|b)c"]),
        ("(?=a|b)c(?:d|e)", ["(?=a|b)cd", "(?=a|b)ce"]),
        # A class is no group, an escaped parenthesis no group either.
        (r"[(?:]x(?:y|z)", [r"[(?:]xy", r"[(?:]xz"]),
        (r"\(?:a\)b(?:c|d)", [r"\(?:a\)bc", r"\(?:a\)bd"]),
        (r"[^]()]x(?:y|z)", [r"[^]()]xy", r"[^]()]xz"]),
        (r"\.(?:a|b)", [r"\.a", r"\.b"]),  # an escape is two characters, no more
        ("x(?:a|b)+y(?:c|d)", ["x(?:a|b)+yc", "x(?:a|b)+yd"]),  # past a repeated group
    ],
)
def test_ways(regex: str, expected: list[str]) -> None:
    assert ways(regex) == expected
    for text in ("ac", "bc", "xy", "xaay", "qs", "bdce", "(a|b)"):
        assert bool(re.search(regex, text)) == any(re.search(way, text) for way in expected)


@pytest.mark.parametrize(
    ("regex", "start", "end"),
    [
        ("ab[cd]e", 2, 6),
        ("[]]x]", 0, 3),  # a "]" just after "[" is a member
        ("[^]x]y", 0, 5),
        (r"[a\]b]c", 0, 6),
        ("[abc", 0, 5),  # unclosed
    ],
)
def test_class_end(regex: str, start: int, end: int) -> None:
    assert phrases._class_end(regex, start) == end


def test_alternatives_split_a_regex_of_two_or_more_and_keep_its_pattern() -> None:
    two = phrases.Alternatives("abc|def")
    assert two.pattern == "abc|def"
    assert two.pieces is not None and two.finder is not None  # searched alternative by alternative
    found = two.search("xx def abc")
    assert found is not None and found.group(0) == "def"  # the leftmost, as re finds it
    one = phrases.Alternatives("abc")
    assert one.pieces is None and one.search("xabc") is not None


def test_ways_past_the_limit_leave_an_alternative_as_it_is() -> None:
    regex = "(?:a|b)(?:c|d)(?:e|f)|z(?:y|x)"
    assert ways(regex, limit=8)[:8] == ["ace", "acf", "ade", "adf", "bce", "bcf", "bde", "bdf"]
    assert ways(regex, limit=4) == ["(?:a|b)(?:c|d)(?:e|f)", "zy", "zx"]


def test_every_way_of_every_rule_finds_what_its_phrase_finds() -> None:
    """Expanding groups of choices changes nothing of what a phrase matches."""
    sample = texts()[::4]
    for rule in RULES:
        for phrase in rule.patterns:
            expanded = [re.compile(way) for way in ways(phrase.pattern.pattern)]
            for text in sample:
                assert bool(phrase.pattern.search(text)) == any(
                    way.search(text) for way in expanded
                ), (phrase.pattern.pattern, text[:80])


@pytest.mark.parametrize(
    ("regex", "runs"),
    [
        ("abc", [(0, 3)]),
        ("ab?c", [(0, 1), (3, 4)]),
        ("a*bc", [(2, 4)]),
        ("a+bc", [(2, 4)]),
        ("ab(?:x|y)+cd", [(0, 2), (10, 12)]),
        ("ab[xy]*cd", [(0, 2), (7, 9)]),
        (r"ab\.cd", [(0, 2), (4, 6)]),
        ("ab.cd", [(0, 2), (3, 5)]),
        ("^ab$", [(1, 3)]),
        ("a|b", [(0, 1), (2, 3)]),
        ("ab{2,3}c", [(0, 1), (7, 8)]),
        ("[)]abc", [(3, 6)]),
        ("aXb", [(0, 3)]),  # capitals are letters like any other
        ("a{2}bcd{3}ef", [(4, 6), (10, 12)]),  # a counted letter is not there once
        ("abc?", [(0, 2)]),  # an optional last letter
        ("a(b)?c+de", [(0, 1), (7, 9)]),
        ("(a)Xb", [(3, 5)]),  # a capital after a group is no quantifier
    ],
)
def test_literal_runs(regex: str, runs: list[tuple[int, int]]) -> None:
    assert phrases._literal_runs(regex) == runs


@pytest.mark.parametrize(
    ("regex", "start", "end"),
    [
        ("(a(b)c)+d", 0, 8),
        (r"(a\)b)x", 0, 6),
        ("(ab){2,3}x", 0, 9),
        ("(ab)?", 0, 5),
        ("x(ab)*y", 1, 6),
        ("[)]abc", 0, 3),
        ("[]x]y", 0, 4),
        ("[^]x]+y", 0, 6),
        (r"[\]]z", 0, 4),
        ("(a[)]b)c", 0, 7),
        ("(ab", 0, 3),  # unclosed: to the end
        ("(a)Xb", 0, 3),
        ("x(?:a|(b))+y", 1, 11),
        (r"(\d)x", 0, 4),  # an escape is two characters
    ],
)
def test_skip_group(regex: str, start: int, end: int) -> None:
    assert phrases._skip_group(regex, start) == end


def finder_of(*regexes: str) -> PhraseFinder:
    return PhraseFinder([phrases._phrase(regex) for regex in regexes])


def test_the_finder_wants_all_the_pieces_of_one_way() -> None:
    finder = finder_of("your (?:calendar|availability) look", "received your application")
    assert finder.possible("your calendar is open") == []
    assert finder.possible("your calendar looks free, your availability too") == [0]
    assert finder.possible("your availability looks") == [0]
    assert finder.possible("we received your application. your availability looks") == [0, 1]
    assert finder.possible("received your app") == []


def test_the_finder_always_returns_a_phrase_with_nothing_to_look_for() -> None:
    finder = finder_of(r"\d+%", "offer letter")
    assert finder.possible("") == [0]
    assert finder.possible("your offer letter") == [0, 1]
    assert finder_of(r"\d+").possible("nothing") == [0]  # no piece at all: no automaton


def texts() -> list[str]:
    examples = load_labelled() + load("connect")
    return [normalise(e.subject, e.body) for e in examples]


def test_the_phrases_find_exactly_what_each_rules_regex_finds() -> None:
    """Splitting and gating may only make the search cheaper, never change its answer."""
    corpus = texts()
    assert len(corpus) > 100
    finder = PhraseFinder([p for rule in RULES for p in rule.patterns])
    every = [p for rule in RULES for p in rule.patterns]
    for text in corpus:
        found = {(n, m.start()) for n, p in enumerate(every) for m in p.pattern.finditer(text)}
        tried = set(finder.possible(text))
        assert {n for n, _ in found} <= tried, text[:80]


def test_the_rules_regexes_and_their_phrases_agree_on_the_corpus() -> None:
    hits = 0
    for text in texts():
        for rule in RULES:
            joined = "|".join(f"(?:{p.pattern.pattern})" for p in rule.patterns)
            hits += bool(re.search(joined, text))
    assert hits > 100  # the corpus exercises the rules


def test_rule_compiles_its_regex_and_its_veto() -> None:
    rule = _rule(Label.OFFER, 2.5, r"(?:big|small) offer|\bbonus", unless="joke")
    assert (rule.label, rule.weight, rule.negatable) == (Label.OFFER, 2.5, True)
    assert [p.pattern.pattern for p in rule.patterns] == ["big offer", "small offer", "bonus"]
    assert rule.unless is not None and rule.unless.pattern == "joke"
    assert rule.note == "offer +2.5"
    plain = _rule(Label.OTHER, 1.0, "x", negatable=False)
    assert plain.unless is None and plain.negatable is False


@pytest.mark.parametrize(
    ("regex", "text"),
    [
        ("calendar invit", "you'll get a calendar invitation shortly"),
        ("job alert", "manage your job alerts here"),
        ("withdraw", "the role was withdrawn"),
        ("n't (?:be )?moving forward at this", "we won't be moving forward at this time"),
    ],
)
def test_a_pattern_ending_or_starting_inside_a_word_is_still_tried(regex: str, text: str) -> None:
    [phrase] = phrases.compile_phrases(regex)
    assert PhraseFinder([phrase]).possible(text) == [0]
    assert phrase.pattern.search(text)


def test_the_rules_find_words_cut_at_a_patterns_end() -> None:
    from nextround.classify.scoring import normalise, score

    _points, evidence = score(normalise("Calendar invitation: interview", "Job alerts: 3 new jobs"))
    assert any('"calendar invit"' in e for e in evidence)
    assert any('"job alert"' in e for e in evidence)
