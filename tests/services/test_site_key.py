"""The site key file as an admin writes it: comment lines and blank lines between the keys,
the first key encrypting and every one decrypting. No database: the keys are read from
the file (or ``NEXTROUND_SITE_KEY``) alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from nextround.config import Settings
from nextround.errors import ConfigError
from nextround.services import site_key
from tests.conftest import TODAY


def test_comments_and_blank_lines_in_the_key_file_are_no_keys(tmp_path: Path) -> None:
    new, old = Fernet.generate_key(), Fernet.generate_key()
    path = tmp_path / "site.key"
    path.write_text(
        f"# the key of jobs.example.org, made 2026-12-05\n\n{new.decode()}\n"
        f"   \n# the old one, until `nextround site key rotate` has run\n{old.decode()}\n",
        encoding="ascii",
    )
    settings = Settings(db_url=str(tmp_path / "unused.db"), today=TODAY, site_key_file=path)
    fernet = site_key.keys(settings, env={})
    made = site_key.opened(fernet, fernet.encrypt(b"secret").decode(), "it")
    assert made == "secret"
    by_old = Fernet(old).encrypt(b"saved long ago").decode()
    assert site_key.opened(fernet, by_old, "it") == "saved long ago"
    # The first key encrypts: the new one alone opens what is saved now.
    assert Fernet(new).decrypt(fernet.encrypt(b"now")) == b"now"
    path.write_text("# nothing but a comment\n\n", encoding="ascii")
    with pytest.raises(ConfigError, match="holds no key"):
        site_key.keys(settings, env={})


def test_the_variable_holds_keys_separated_by_commas(tmp_path: Path) -> None:
    new, old = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings = Settings(db_url=str(tmp_path / "unused.db"), today=TODAY)
    fernet = site_key.keys(settings, env={site_key.VARIABLE: f" {new}, {old} "})
    assert Fernet(new.encode()).decrypt(fernet.encrypt(b"now")) == b"now"
    assert fernet.decrypt(Fernet(old.encode()).encrypt(b"then")) == b"then"
