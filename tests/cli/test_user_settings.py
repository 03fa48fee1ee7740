"""Hosted: ``nextround --user EMAIL setup`` saves that user's own settings, never config.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import Nextround

pytestmark = pytest.mark.postgres

HOSTED = {"NEXTROUND_HOSTED": "1"}


def test_each_user_s_setup_is_their_own(postgres_url: str, tmp_path: Path) -> None:
    nr = Nextround(tmp_path, postgres_url).created()
    nr.config.parent.mkdir(parents=True, exist_ok=True)
    nr.config.write_text('[user]\nname = "Site Operator"\n', encoding="utf-8")
    site_file = nr.config.read_bytes()
    for email in ("ana@example.org", "bo@example.org"):
        nr.ok("user", "add", email, **HOSTED)
    ana = nr.ok("--user", "ana@example.org", "setup", "--name", "Ana Ample", **HOSTED)
    assert "Saved as your own settings on this site" in ana.out
    assert "Drafts are now from Ana Ample" in ana.out
    bo = nr.ok(
        "--user", "bo@example.org", "setup", "--name", "Bo Brandt", "--language", "de", **HOSTED
    )
    assert "Drafts are now from Bo Brandt, in Deutsch" in bo.out
    again = nr.ok("--user", "ana@example.org", "setup", "--signature", "Ana", **HOSTED)
    assert "Drafts are now from Ana Ample, in English" in again.out  # Bo's German isn't Ana's
    assert nr.config.read_bytes() == site_file
    # Not hosted, setup writes config.toml as it always did.
    local = nr.ok("setup", "--name", "Local Lou")
    assert f"Saved to {nr.config}" in local.out
    assert 'name = "Local Lou"' in nr.config.read_text(encoding="utf-8")
