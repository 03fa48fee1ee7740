"""The Import page for a tracker's spreadsheet: the mapping shown, corrected, saved, used."""

from __future__ import annotations

import re

from nextround.services import applications
from nextround.services.import_mapping import mappings_file
from tests.web.conftest import Browser
from tests.web.scenario import ctx_of
from tests.web.test_imports import _hidden, upload

TRACKER = (
    b"My job search 2026\n"
    b"\n"
    b"Firm,Gig,Where we are,When,Notes\n"
    b"Acme Robotics,Backend Engineer,Phone screen,2026-10-01,Nice people\n"
    b"Initech,Designer,Vibes,2026-09-01,\n"
    b"Globex,,applied,2026-09-03,\n"
)


def _fields(page: str) -> dict[str, str]:
    """The form's values as a browser sends them: hidden inputs, selected options, text."""
    form = page.split('class="confirm-import"')[1].split("</form>", maxsplit=1)[0]
    found = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    for name, body in re.findall(r'<select id="[^"]+" name="([^"]+)">(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        found[name] = chosen.group(1) if chosen else ""
    return found


def test_the_guessed_mapping_is_shown_and_a_missing_column_is_named(client: Browser) -> None:
    page = upload(client, TRACKER, kind="csv", name="tracker.csv")
    # "Firm" is guessed as the company; "Gig" names no field the guess knows: the role is missing.
    assert page.status_code == 200  # the file is taken; its mapping is to correct
    assert "No column for role in the header on line 3" in page.text
    assert "choose its column below" in page.text
    assert "--column" not in page.text
    assert '<option value="Firm" selected>Firm</option>' in page.text
    assert "Which column holds what" in page.text
    assert applications.list_applications(ctx_of(client)) == []


def test_correct_preview_again_and_import_with_the_mapping_saved(client: Browser) -> None:
    ctx = ctx_of(client)
    first = upload(client, TRACKER, kind="csv", name="tracker.csv").text
    client.csrf = _hidden(first, "csrf")
    fields = _fields(first)
    fields |= {"column-role": "Gig", "column-status": "Where we are", "column-applied_on": "When"}
    again = client.submit("/import/preview", fields)
    assert again.status_code == 200, again.text
    page = again.text
    assert "Importing would add" in page
    assert '<option value="Gig" selected>Gig</option>' in page
    # The status words and where each goes; "Vibes" is unknown, guessed from the date.
    assert "Phone screen" in page and "Vibes" in page
    assert "not a word nextround knows" in page
    assert re.search(r"Line 6.*no role|Line 6 \(", page, re.S)  # the row without a role, skipped
    assert applications.list_applications(ctx) == []

    fields = _fields(page)
    index = next(k for k, v in fields.items() if k.startswith("status-word-") and v == "Vibes")
    fields[index.replace("status-word-", "status-")] = "interviewing"
    client.csrf = _hidden(page, "csrf")
    page = client.submit("/import/preview", fields).text
    assert '<option value="interviewing" selected>interviewing</option>' in page
    client.csrf = _hidden(page, "csrf")
    done = client.submit("/import/confirm", _fields(page) | {"save_as": "my tracker"})
    assert done.status_code == 303, done.text
    assert done.headers["location"].startswith("/import?kind=csv&done=")
    rows = {(a.company, a.role): a.status.value for a in applications.list_applications(ctx)}
    assert rows == {
        ("Acme Robotics", "Backend Engineer"): "screening",
        ("Initech", "Designer"): "interviewing",
    }
    saved = mappings_file(ctx).read_text(encoding="utf-8")
    assert "my tracker" in saved and '"Gig"' in saved

    # Next time the saved mapping is offered and, chosen, reads the file as before.
    later = upload(client, TRACKER, kind="csv", name="tracker.csv").text
    assert '<option value="my tracker">my tracker</option>' in later
    client.csrf = _hidden(later, "csrf")
    chosen = client.submit("/import/preview", _fields(later) | {"mapping": "my tracker"})
    assert "find 2 already here" in chosen.text


def test_a_file_with_no_table_goes_back_to_the_form(client: Browser) -> None:
    refused = upload(client, b"hello\nworld\n", kind="csv", name="notes.csv")
    assert refused.status_code == 422
    assert 'id="e-file"' in refused.text
    assert "header" in refused.text


def test_import_after_changing_the_mapping_shows_its_preview_first(client: Browser) -> None:
    ctx = ctx_of(client)
    first = upload(client, TRACKER, kind="csv", name="tracker.csv").text
    client.csrf = _hidden(first, "csrf")
    fields = _fields(first) | {"column-role": "Gig", "column-applied_on": "When"}
    previewed = client.submit("/import/preview", fields).text
    assert "Importing would add 2" in previewed
    # The role now read from another column, and Import pressed without a new preview.
    client.csrf = _hidden(previewed, "csrf")
    changed = _fields(previewed) | {"column-role": "Where we are"}
    shown = client.submit("/import/confirm", changed)
    assert shown.status_code == 200
    assert "You changed the mapping since the preview" in shown.text
    assert applications.list_applications(ctx) == []
    # Confirmed as now shown: imported with the role from the Notes column.
    client.csrf = _hidden(shown.text, "csrf")
    done = client.submit("/import/confirm", _fields(shown.text))
    assert done.status_code == 303
    roles = sorted(a.role for a in applications.list_applications(ctx))
    assert roles == ["Phone screen", "Vibes", "applied"]


def test_one_column_for_two_fields_is_named_not_guessed(client: Browser) -> None:
    first = upload(client, TRACKER, kind="csv", name="tracker.csv").text
    client.csrf = _hidden(first, "csrf")
    fields = _fields(first) | {"column-role": "Notes"}  # Notes also fills the notes
    shown = client.submit("/import/preview", fields)
    assert "The column &#39;Notes&#39; is chosen for both Role and Notes" in shown.text
    client.csrf = _hidden(shown.text, "csrf")
    refused = client.submit("/import/confirm", fields | {"csrf": client.csrf})
    assert "is chosen for both Role and Notes" in refused.text
    assert applications.list_applications(ctx_of(client)) == []
