"""Regex phrases that are cheap to look for: split, expanded, and gated by a word set.

Python's regex engine searches fast for a pattern that starts with a literal
and slowly for a long alternation (tried at every position). So a rule's
regex is split at its top-level ``|``, a leading group of choices is expanded
into one pattern per choice, and each pattern remembers the whole words every
match contains: it is only searched for when all of them occur in the text's
word set (:func:`words`), which costs one set look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nextround.classify.features import rows_of_words


@dataclass(frozen=True)
class Phrase:
    """One alternative of a rule, with what a text must contain for it to be tried."""

    pattern: re.Pattern[str]
    words: frozenset[str]  # whole words every match contains (looked up in a set: cheap)
    literal: str  # else a literal every match contains (searched for in the text)

    def may_match(self, text: str, words: frozenset[str]) -> bool:
        if self.words:
            return self.words <= words
        return self.literal in text


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
        elif char in "([":
            depth += 1
        elif char in ")]":
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


_LETTERS = re.compile(r"[a-z]+")
_OPEN_LEFT = (" ", ",", ".", "\\b", "(?: ")
_OPEN_RIGHT = (" ", ",", ".", "\\b", "(?: ", "(?:,")
#: Characters that :func:`words` treats as spaces (the letters and digits between make words).
SEPARATORS = ".,!?:;()\"/-'<>[]*=&|_\n\t"


def words(text: str) -> frozenset[str]:
    """The words of a lower-cased text, as :attr:`Phrase.words` are looked up in."""
    return frozenset(tokens(text))


#: ASCII bytes with the separators made spaces (for :func:`tokens` on ASCII text).
_SPACED = bytes(32 if chr(c) in SEPARATORS else c for c in range(256))


def tokens(text: str) -> list[str]:
    """The words of a lower-cased text in order (:func:`words` without the set)."""
    if text.isascii():  # a byte translation does all the replacements at once
        return text.encode("ascii").translate(_SPACED).decode("ascii").split()
    for char in SEPARATORS:
        if char in text:
            text = text.replace(char, " ")
    return text.split()


def _phrase(regex: str) -> Phrase:
    runs = _literal_runs(regex)
    found: set[str] = set()
    for start, end in runs:
        for word in _LETTERS.finditer(regex, start, end):
            left, right = regex[: word.start()], regex[word.end() :]
            # An end of the pattern is no word boundary: "withdraw" also matches "withdrawn".
            if left.endswith(_OPEN_LEFT) and right.startswith(_OPEN_RIGHT):
                found.add(word.group(0))
    literal = max((regex[a:b] for a, b in runs), key=len, default="")
    return Phrase(re.compile(regex), frozenset(found), literal)


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
    """Index just past the group or class starting at ``i`` and its quantifier."""
    depth = 0
    while i < len(regex):
        if regex[i] == "\\":
            i += 2
            continue
        depth += regex[i] in "(["
        depth -= regex[i] in ")]"
        i += 1
        if depth == 0:
            break
    while i < len(regex) and regex[i] in "?*+{}0123456789,":
        i += 1
    return i


#: A run of word characters, as :func:`words` splits them.
RUN = re.compile(r"[^\s" + re.escape(SEPARATORS) + r"]+")


class LiteralIndex:
    """Which phrases without whole words (:attr:`Phrase.literal` only) a text may contain,
    told from its word set rather than by searching the text for each literal.

    A literal in the text leaves a trace in :func:`words`: each run of word
    characters in the literal is a whole word when separators bound it on both
    sides, else the start, the end or a part of some word. One such condition is
    kept per literal (:func:`literal_condition`); each
    distinct word's conditions are worked out once (a bounded cache).
    :meth:`possible` returns a superset of the literals in the text: callers
    still check ``literal in text`` for the few it returns.
    """

    def __init__(self, conditions: list[tuple[str, str]], *, proper: bool = False) -> None:
        """``conditions``: (kind, run) per literal, from :func:`literal_condition`.
        With ``proper``, an "end" run must be shorter than the word it ends."""
        self.proper = proper
        self.always: list[int] = []
        # kind ("word", "start", "end", "part") -> run -> literal numbers
        self.runs: dict[str, dict[str, list[int]]] = {
            k: {} for k in ("word", "start", "end", "part")
        }
        for number, (kind, run) in enumerate(conditions):
            if not run:
                self.always.append(number)
            else:
                self.runs[kind].setdefault(run, []).append(number)
        self.lengths = {kind: sorted({len(r) for r in runs}) for kind, runs in self.runs.items()}
        self.by_word: dict[str, tuple[int, ...]] = {}

    def _of_word(self, word: str) -> tuple[int, ...]:
        found: list[int] = list(self.runs["word"].get(word, ()))
        size = len(word)
        starts, ends, parts = self.runs["start"], self.runs["end"], self.runs["part"]
        for k in self.lengths["start"]:
            if k > size:
                break
            found.extend(starts.get(word[:k], ()))
        for k in self.lengths["end"]:
            if k > size or (k == size and self.proper):
                break
            found.extend(ends.get(word[size - k :], ()))
        for k in self.lengths["part"]:
            if k > size:
                break
            for i in range(size - k + 1):
                found.extend(parts.get(word[i : i + k], ()))
        return tuple(found)

    def possible(self, present: frozenset[str]) -> set[int]:
        """Numbers of the literals that may occur in a text with these :func:`words`."""
        found = rows_of_words(self.by_word, present, self._of_word)
        found.update(self.always)
        return found


def literal_condition(literal: str) -> tuple[str, str]:
    """What a text holding ``literal`` has among its words: (kind, run), for the run
    most likely to be rare: the longest, a whole word counting two letters more ("t"
    of "n't " rather than the end "n", "regret" of "regret to " rather than "to")."""
    best, best_score = ("part", ""), -1
    for run in RUN.finditer(literal):
        left, right = run.start() > 0, run.end() < len(literal)
        kind = "word" if left and right else "start" if left else "end" if right else "part"
        score = len(run.group(0)) + (2 if kind == "word" else 0)
        if score > best_score:
            best, best_score = (kind, run.group(0)), score
    return best


#: What makes splitting a regex into its alternatives unsafe: a global inline flag (it
#: would stay with the first alternative only) or a back reference (group numbers shift).
_UNSPLITTABLE = re.compile(r"\(\?[aiLmsux]|\\[1-9]|\(\?P=")


class Alternatives:
    """A regex searched alternative by alternative, each only when its literal occurs.

    ``search`` returns the match ``re.compile(regex).search`` would: the leftmost
    one, and at that position the first alternative that matches there. A long
    alternation is otherwise tried at every position of the text, each of its
    alternatives in turn; a sentence rarely holds more than one or two of the
    literals, so most alternatives cost one ``in``.
    """

    def __init__(self, regex: str) -> None:
        self.pattern = regex  # as re.Pattern.pattern
        self.whole = re.compile(regex)
        self.pieces: list[tuple[str, re.Pattern[str]]] | None = None
        pieces = _top_level(regex)
        if len(pieces) < 2 or _UNSPLITTABLE.search(regex):
            return
        try:
            compiled = [re.compile(piece) for piece in pieces]
            # The literal of the alternative without its leading \b: it matches no less.
            literals = [_phrase(piece.removeprefix("\\b")).literal for piece in pieces]
        except (re.error, ValueError):  # a "|" in a class split wrongly: search the whole
            return
        self.pieces = list(zip(literals, compiled, strict=True))

    def search(self, text: str) -> re.Match[str] | None:
        if self.pieces is None:
            return self.whole.search(text)
        best: re.Match[str] | None = None
        for literal, pattern in self.pieces:
            if literal not in text:  # "" (no literal) is in every text
                continue
            found = pattern.search(text)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best
