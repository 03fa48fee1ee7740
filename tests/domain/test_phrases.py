"""Phrases: a rule's regex split, expanded and gated, without changing what it finds."""

from __future__ import annotations

import re

import pytest

from nextround.classify import phrases
from nextround.classify.phrases import Phrase, compile_phrases, words
from nextround.classify.rules import BY_LITERAL, BY_WORD, RULES, _index, _rule
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
    ("regex", "whole_words", "literal"),
    [
        (
            "we received your application today",
            {"received", "your", "application"},
            "we received your application today",
        ),
        # A word at an end of the pattern may be part of a longer word in the text:
        # "withdraw" matches "withdrawn", "not offer" matches "cannot offer".
        ("withdraw", set(), "withdraw"),
        ("not (?:be )?offering you", set(), "offering you"),
        ("received your (?:application|resume)", {"your"}, "received your "),
        # "taking" may follow "be " or "not ": in every match, but not cut out as a word.
        (r"a not (?:be )?taking (?:things|it) further", {"not"}, " further"),
        (r"calendly\.com", set(), "calendly"),
        (r"\d+ minutes? left", set(), " minute"),
        ("a{2}b ok", set(), "b ok"),
        (r"your (?:virtual )?interview\b.{0,80}\bis", set(), "interview"),
        ("the foo,bar,baz", {"foo", "bar"}, "the foo,bar,baz"),
        ("x(?: y)", set(), "x"),
        (r"(?:,[^,]{0,40},)? has been", {"has"}, " has been"),
        ("n't (?:be )?offer", set(), "offer"),
        ("^(?:sure|yes)", set(), ""),
    ],
)
def test_a_phrase_knows_what_every_match_contains(
    regex: str, whole_words: set[str], literal: str
) -> None:
    phrase = phrases._phrase(regex)
    assert phrase.pattern.pattern == regex
    assert phrase.words == frozenset(whole_words)
    assert phrase.literal == literal


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
    ],
)
def test_skip_group(regex: str, start: int, end: int) -> None:
    assert phrases._skip_group(regex, start) == end


def test_words_splits_at_every_separator() -> None:
    text = "hello, world! it's a/b-c_d (e) [f] *g* h=i&j|k\nl\tm<n>o;p:q?r\"s.t"
    assert words(text) == frozenset(["hello", "world", "it", *"sabcdefghijklmnopqrt"])
    assert words("") == frozenset()
    assert words("no-separators") == {"no", "separators"}


def test_may_match_looks_up_words_else_a_literal() -> None:
    by_words = Phrase(re.compile("x"), frozenset({"a", "b"}), "zzz")
    assert by_words.may_match("", frozenset({"a", "b", "c"}))
    assert not by_words.may_match("zzz", frozenset({"a"}))
    by_literal = Phrase(re.compile("x"), frozenset(), "zzz")
    assert by_literal.may_match("xzzzx", frozenset())
    assert not by_literal.may_match("zz z", frozenset({"zzz"}))


def texts() -> list[str]:
    examples = load_labelled() + load("connect")
    return [normalise(e.subject, e.body) for e in examples]


def test_the_phrases_find_exactly_what_each_rules_regex_finds() -> None:
    """Splitting and gating may only make the search cheaper, never change its answer."""
    corpus = texts()
    assert len(corpus) > 100
    for rule in RULES:
        for text in corpus:
            present = words(text)
            found = {m.start() for p in rule.patterns for m in p.pattern.finditer(text)}
            gated = {
                m.start()
                for p in rule.patterns
                if p.may_match(text, present)
                for m in p.pattern.finditer(text)
            }
            assert gated == found, (rule.note, text[:80])


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


def test_the_index_files_each_phrase_under_its_longest_word() -> None:
    rules = (
        _rule(Label.OFFER, 1.0, "a signing bonus of|the base salary is"),
        _rule(Label.OTHER, 1.0, r"calendly\.com|\d+%"),
    )
    by_word, by_literal = _index(rules)
    assert {
        word: [(n, p.pattern.pattern) for n, p in found] for word, found in by_word.items()
    } == {
        "signing": [(0, "a signing bonus of")],
        "salary": [(0, "the base salary is")],
    }
    assert [(n, p.pattern.pattern) for n, p in by_literal] == [(1, r"calendly\.com"), (1, r"\d+%")]
    assert _index(RULES) == (BY_WORD, BY_LITERAL)


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
    assert phrase.may_match(text, phrases.words(text))
    assert phrase.pattern.search(text)


def test_the_rules_find_words_cut_at_a_patterns_end() -> None:
    from nextround.classify.scoring import normalise, score

    _points, evidence = score(normalise("Calendar invitation: interview", "Job alerts: 3 new jobs"))
    assert any('"calendar invit"' in e for e in evidence)
    assert any('"job alert"' in e for e in evidence)
