"""One draft renderer kept per folder of the user's templates, so the web app compiles a
template once, not on every request; a changed, added or removed file makes a new one."""

from __future__ import annotations

import os
from pathlib import Path

from nextround.renderers.drafts import shared


def _touch_later(path: Path) -> None:
    """Move the file's modification time on, as a later save would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_the_same_folder_gets_the_same_renderer_while_nothing_changes(tmp_path: Path) -> None:
    (tmp_path / "thank_you_card.txt.j2").write_text("Subject: Hi\nHello {{ address }}")
    first = shared(tmp_path)
    assert shared(tmp_path) is first
    assert first.render("thank_you_card", {"address": "Dana"}) == ("Hi", "Hello Dana")
    assert shared(None) is shared(None)
    assert shared(None) is not first


def test_a_changed_template_is_read_again(tmp_path: Path) -> None:
    template = tmp_path / "thank_you_card.txt.j2"
    template.write_text("Hello {{ address }}")
    assert shared(tmp_path).render("thank_you_card", {"address": "Dana"})[1] == "Hello Dana"
    template.write_text("Goodbye {{ address }}")
    _touch_later(template)
    assert shared(tmp_path).render("thank_you_card", {"address": "Dana"})[1] == "Goodbye Dana"


def test_an_added_template_or_wordings_file_is_used_at_once(tmp_path: Path) -> None:
    before = shared(tmp_path).wordings_for("en")["thank_you_card.sign"]
    assert before.get("any") != ["Cheers,"]
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "thank_you_card.txt.j2").write_text("Hallo {{ address }}")
    (tmp_path / "wordings.toml").write_text('[thank_you_card.sign]\nany = ["Cheers,"]\n')
    renderer = shared(tmp_path)
    assert renderer.wordings_for("en")["thank_you_card.sign"]["any"] == ["Cheers,"]
    assert renderer.render("thank_you_card", {"address": "Dana"}, "de") == (None, "Hallo Dana")
    (tmp_path / "de" / "thank_you_card.txt.j2").unlink()
    assert shared(tmp_path) is not renderer
