"""Headings in a journal entry become bold lines in HTML, so a page's outline stays its own."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from nextround.renderers.briefings import journal_html


def test_every_kind_of_heading_becomes_a_bold_line() -> None:
    html = str(journal_html("# Round one\nWent well\n\nNext steps\n---\n\n###### Tiny"))
    assert '<p class="journal-heading"><strong>Round one</strong></p>' in html
    assert '<p class="journal-heading"><strong>Next steps</strong></p>' in html
    assert '<p class="journal-heading"><strong>Tiny</strong></p>' in html
    assert "<p>Went well</p>" in html
    assert not re.search(r"<h\d", html)


def test_raw_heading_tags_stay_text() -> None:
    html = str(journal_html("<h2>not a heading</h2>"))
    assert "&lt;h2&gt;not a heading&lt;/h2&gt;" in html
    assert "<strong>" not in html


@given(st.text(alphabet=st.sampled_from("#=-\n abc<>/h12"), max_size=80))
def test_no_heading_element_ever_gets_through(text: str) -> None:
    html = str(journal_html(text))
    assert not re.search(r"<h[1-6][\s>]", html)
    assert html.count("<strong>") == html.count("</strong>")
