"""Regex phrases that are cheap to look for: split, expanded, and found in one pass.

A rule's regex is split at its top-level ``|`` and a leading group of choices is
expanded into one pattern per choice (:func:`compile_phrases`). Each pattern
knows, for every way it can match (:func:`ways`: its groups of choices
expanded), the literal pieces such a match contains. :class:`PhraseFinder`
looks for all the pieces of all the phrases at once, in one pass of an
Aho-Corasick automaton over the text (``pyahocorasick``, in C), and returns the
phrases one of whose ways has all its pieces there: only those few are searched
for with their regex, which alone decides whether they match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True)
class Phrase:
    """One alternative of a rule, with what a text must contain for it to be tried."""

    pattern: re.Pattern[str]
    #: For each way the pattern can match (:func:`ways`), the literal pieces such a
    #: match contains (an empty set: nothing worth looking for, always tried).
    needs: tuple[frozenset[str], ...]


def compile_phrases(regex: str) -> tuple[Phrase, ...]:
    """The phrases of one rule's regex."""
    return tuple(_phrase(piece) for piece in _expanded(regex))


def _alternatives(regex: str) -> list[str]:
    """Split a regex at its top-level ``|``; a leading ``\\b`` is dropped (it defeats the prefix search)."""
    return [piece.removeprefix("\\b") for piece in _top_level(regex)]


def _top_level(regex: str) -> list[str]:
    """A regex split at its top-level ``|``, each alternative as written."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 1
        elif char == "[":  # a class: "|" and parentheses in it are members
            i = _class_end(regex, i) - 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append(regex[start:i])
            start = i + 1
        i += 1
    pieces.append(regex[start:])
    return pieces


def _expanded(regex: str) -> list[str]:
    """The alternatives, each with a distinctive literal to look for first.

    An alternative that starts with a group of choices is split into one
    alternative per choice, so that each starts with a literal the regex
    engine can search for quickly.
    """
    result: list[str] = []
    for piece in _alternatives(regex):
        if not piece.startswith("(?:"):
            result.append(piece)
            continue
        end = _skip_group(piece, 0)
        group, rest = piece[:end], piece[end:]
        optional = group.endswith("?")
        choices = _alternatives(group.rstrip("?").removeprefix("(?:").removesuffix(")"))
        for choice in choices:
            result.extend(_expanded(choice + rest))
        if optional:
            result.append(rest)
    return result


#: The fewest characters (spaces aside) a literal piece needs to be looked for: shorter
#: ones ("a ", "to") are in nearly every text and say nothing.
MIN_PIECE = 3
#: The most ways one pattern is expanded into (:func:`ways`); past it, the pattern's own
#: pieces serve (fewer, so it is tried more often, never missed).
MAX_WAYS = 64


def _phrase(regex: str) -> Phrase:
    needs = tuple(dict.fromkeys(_pieces(way) for way in ways(regex)))
    return Phrase(re.compile(regex), needs)


def _pieces(regex: str) -> frozenset[str]:
    """The literal pieces every match of ``regex`` (no top-level ``|``) contains, of at
    least :data:`MIN_PIECE` characters; none for a regex with a global inline flag (a
    case-insensitive piece is no literal)."""
    if _UNSPLITTABLE.search(regex):
        return frozenset()
    runs = (regex[a:b] for a, b in _literal_runs(regex))
    return frozenset(run for run in runs if len(run.strip()) >= MIN_PIECE)


def ways(regex: str, limit: int = MAX_WAYS) -> list[str]:
    """``regex`` as alternatives with no choice left in them, where that takes at most
    ``limit``: each top-level alternative, with every group of choices (``(?:a|b)``,
    optional or not) replaced by each of its choices in turn, ``(?:the )?end`` by
    ``the end`` and ``end``. A match of ``regex`` is a match of one of them. A group
    with another quantifier, a capturing group or a look-around stays as it is."""
    found: list[str] = []
    for piece in _top_level(regex):
        expanded = _ways(piece, limit)
        found.extend(expanded if expanded is not None else [piece])
    return found


def _ways(regex: str, limit: int) -> list[str] | None:
    """The expansions of one alternative, or ``None`` past ``limit``."""
    i = 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
        elif char == "[" or (char == "(" and not regex.startswith("(?:", i)):
            i = _skip_group(regex, i)
        elif char == "(":
            end = _skip_group(regex, i)
            close = regex.rindex(")", i, end)
            quantifier = regex[close + 1 : end]
            if quantifier not in ("", "?"):
                i = end
                continue
            choices = _top_level(regex[i + 3 : close])
            if quantifier == "?":
                choices.append("")
            found: list[str] = []
            for choice in choices:
                more = _ways(regex[:i] + choice + regex[end:], limit)
                if more is None or len(found) + len(more) > limit:
                    return None
                found.extend(more)
            return found
        else:
            i += 1
    return [regex]


def _literal_runs(regex: str) -> list[tuple[int, int]]:
    """Spans of ``regex`` that every match contains literally (plain characters only)."""
    runs: list[tuple[int, int]] = []
    start = i = 0
    while i < len(regex):
        char = regex[i]
        if char in "([{\\.^$|" or (i + 1 < len(regex) and regex[i + 1] in "?*{+"):
            runs.append((start, i))
            if char in "([":
                i = _skip_group(regex, i)
            elif char == "{":
                i = regex.index("}", i) + 1
            elif char == "\\":
                i += 2
            else:
                i += 1
            while i < len(regex) and regex[i] in "?*+":
                i += 1
            start = i
            continue
        i += 1
    runs.append((start, i))
    return [(a, b) for a, b in runs if b > a]


def _skip_group(regex: str, i: int) -> int:
    """Index just past the group or class starting at ``i`` and its quantifier. A class
    ends at its first unescaped ``]`` (one just after ``[`` or ``[^`` is a member);
    parentheses inside a class are members too."""
    depth = 0
    while i < len(regex):
        if regex[i] == "\\":
            i += 2
            continue
        if regex[i] == "[":
            i = _class_end(regex, i)
        else:
            depth += regex[i] == "("
            depth -= regex[i] == ")"
            i += 1
        if depth == 0:
            break
    while i < len(regex) and regex[i] in "?*+{}0123456789,":
        i += 1
    return i


def _class_end(regex: str, i: int) -> int:
    """Index just past the character class starting at ``i``."""
    i += 1
    if regex.startswith("^", i):
        i += 1
    if regex.startswith("]", i):
        i += 1
    while i < len(regex) and regex[i] != "]":
        i += 2 if regex[i] == "\\" else 1
    return i + 1


#: What makes splitting a regex into its alternatives unsafe: a global inline flag (it
#: would stay with the first alternative only) or a back reference (group numbers shift).
_UNSPLITTABLE = re.compile(r"\(\?[aiLmsux]|\\[1-9]|\(\?P=")


class Alternatives:
    """A regex searched alternative by alternative, each only when its literal pieces occur.

    ``search`` returns the match ``re.compile(regex).search`` would: the leftmost
    one, and at that position the first alternative that matches there. A long
    alternation is otherwise tried at every position of the text, each of its
    alternatives in turn; a text rarely holds the pieces of more than one or two,
    which a :class:`PhraseFinder` tells in one pass.
    """

    def __init__(self, regex: str) -> None:
        self.pattern = regex  # as re.Pattern.pattern
        self.whole = re.compile(regex)
        self.pieces: list[re.Pattern[str]] | None = None
        self.finder: PhraseFinder | None = None
        pieces = _top_level(regex)
        if len(pieces) < 2 or _UNSPLITTABLE.search(regex):
            return
        try:
            compiled = [re.compile(piece) for piece in pieces]
            # Each alternative's pieces without its leading \b: it matches no less.
            phrases = [_phrase(piece.removeprefix("\\b")) for piece in pieces]
        except (re.error, ValueError):  # a "|" in a class split wrongly: search the whole
            return
        self.pieces = compiled
        self.finder = PhraseFinder(phrases)

    def search(self, text: str) -> re.Match[str] | None:
        if self.pieces is None or self.finder is None:
            return self.whole.search(text)
        best: re.Match[str] | None = None
        for at in self.finder.possible(text):
            found = self.pieces[at].search(text)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best


class PhraseFinder:
    """Which of many phrases a text may match, told by one pass over the text.

    Every literal piece of every phrase's ways (:attr:`Phrase.needs`) goes into one
    Aho-Corasick automaton; a text's pass over it says which pieces occur, and a
    phrase is returned when all the pieces of one of its ways do. That is a superset
    of the phrases that match: callers search those with their regex.
    """

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        self.automaton = ahocorasick.Automaton()
        numbers: dict[str, int] = {}
        self.always: list[int] = []
        # piece number -> (phrase number, all the pieces of one way), under a way's longest piece
        self.by_piece: dict[int, list[tuple[int, frozenset[int]]]] = {}
        for at, phrase in enumerate(phrases):
            if not all(phrase.needs):  # a way with nothing to look for
                self.always.append(at)
                continue
            for need in phrase.needs:
                pieces = frozenset(numbers.setdefault(piece, len(numbers)) for piece in need)
                longest = numbers[max(sorted(need), key=len)]
                self.by_piece.setdefault(longest, []).append((at, pieces))
        for piece, number in numbers.items():
            self.automaton.add_word(piece, number)
        self.automaton.make_automaton()
        self.empty = not numbers  # an automaton with no word can't be searched

    def possible(self, text: str) -> list[int]:
        """Numbers of the phrases that may match ``text``, in order."""
        found = set(self.always)
        if self.empty:
            return sorted(found)
        present = {number for _, number in self.automaton.iter(text)}
        by_piece = self.by_piece
        for piece in present:
            for at, pieces in by_piece.get(piece, ()):
                if at not in found and pieces <= present:
                    found.add(at)
        return sorted(found)
