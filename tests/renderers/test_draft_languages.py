"""The draft renderer per language: built-in and user files, and both registers in one wording."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.domain import draft_language
from nextround.domain.settings import LANGUAGES
from nextround.renderers.drafts import BUILT_IN, DraftRenderer


def test_every_supported_language_has_its_wordings_and_templates() -> None:
    assert set(LANGUAGES) == set(draft_language.CODES)  # the settings offer what drafts write
    english = set(tomllib.loads((BUILT_IN / "wordings" / "en.toml").read_text()))
    for code in draft_language.CODES:
        words = tomllib.loads((BUILT_IN / "wordings" / f"{code}.toml").read_text())
        assert set(words) == english, code
        folder = BUILT_IN if code == "en" else BUILT_IN / code
        assert {p.name for p in folder.glob("*.txt.j2")} == {
            f"{k}.txt.j2"
            for k in (
                "thank_you_card",
                "congrats_email",
                "linkedin_invite",
                "linkedin_message",
                "check_back",
            )
        }


def test_a_wording_holds_both_registers() -> None:
    renderer = DraftRenderer(None)
    formal = renderer.wordings_for("de", True)["check_back.door"]["first"][0]
    informal = renderer.wordings_for("de", False)["check_back.door"]["first"][0]
    assert formal.startswith("Sie brauchen") and informal.startswith("Du brauchst")


def test_the_users_english_files_may_sit_at_the_top_or_in_en(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "thank_you_card.txt.j2").write_text("from en/: {{ address }}")
    (tmp_path / "wordings.toml").write_text('[thank_you_card.sign]\nany = ["Cheers,"]\n')
    renderer = DraftRenderer(tmp_path)
    assert renderer.render("thank_you_card", {"address": "Dana"}) == (None, "from en/: Dana")
    assert renderer.wordings_for("en")["thank_you_card.sign"]["any"] == ["Cheers,"]
    assert renderer.wordings_for("de")["thank_you_card.sign"]["any"] != ["Cheers,"]
    built_in = renderer.render("thank_you_card", _card_context(), "fr")[1]
    assert built_in.startswith("Bonjour Anne,")


def _card_context() -> dict[str, object]:
    return {
        "card_greeting": "Bonjour Anne,",
        "s": {"thanks": "Merci.", "detail": "", "close": "À bientôt.", "sign": "Bien à vous,"},
        "user": {"name": "Sam"},
        "lang": "fr",
    }


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT, _TEXT)
def test_any_wording_resolves_to_text_without_a_register_choice_left(
    before: str, formal: str, informal: str
) -> None:
    wording = f"{before}{{{formal}|{informal}}}"
    picked = DraftRenderer._register(wording, True), DraftRenderer._register(wording, False)
    simple = not any(c in formal + informal for c in "{}|")
    if simple:
        assert picked == (before + formal, before + informal)
    assert all(isinstance(p, str) for p in picked)
