"""The secrets hosted users give the site, on PostgreSQL as the app's role: only ciphertext
is stored, it opens with the site key and with no other, a rotation keeps every secret
readable under a new ciphertext, and row-level security keeps one user's from another."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from psycopg import errors as pg

from nextround.cli.site import site_group
from nextround.config import Settings
from nextround.errors import ConfigError, Conflict, InvalidInput
from nextround.services import site_key, user_secrets
from nextround.services.context import Context
from tests.conftest import TODAY
from tests.pg_roles import Roles, as_owner, roles
from tests.web import hosted

pytestmark = pytest.mark.postgres

A_PASSWORD = "a's mailbox: correct horse 42"
B_PASSWORD = "b's own server, battery staple"


@pytest.fixture
def deployed(postgres_admin_url: str, postgres_url: str) -> Iterator[Roles]:
    with roles(postgres_admin_url, postgres_url) as found:
        yield found


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "site.key"
    site_key.new_key_file(path)
    return path


@pytest.fixture
def site(deployed: Roles, key_file: Path, tmp_path: Path) -> Iterator[Context]:
    settings = Settings(
        db_url=deployed.app_url,
        today=TODAY,
        templates_dir=tmp_path / "t",
        hosted=True,
        site_key_file=key_file,
    )
    with hosted.site(settings) as ctx:
        yield ctx


@pytest.fixture
def ab(site: Context) -> tuple[Context, Context]:
    """Users A and B, each with a secret of their own saved through the service."""
    a = site.fresh(owner=hosted.add_user(site, "a@example.org"))
    b = site.fresh(owner=hosted.add_user(site, "b@example.org"))
    user_secrets.save(a, {"imap.password": A_PASSWORD})
    user_secrets.save(b, {"smtp.password": B_PASSWORD})
    return a, b


def _stored(deployed: Roles) -> dict[tuple[int, str], str]:
    """Every row, read raw across owners (as the tables' owner)."""
    with as_owner(deployed.owner_url, "*") as c:
        rows = c.execute("SELECT owner_id, name, ciphertext FROM user_secrets").fetchall()
    return {(owner, name): text for owner, name, text in rows}


def test_only_ciphertext_is_stored_and_it_opens_with_the_key(
    deployed: Roles, site: Context, ab: tuple[Context, Context]
) -> None:
    a, b = ab
    stored = _stored(deployed)
    assert set(stored) == {(a.owner, "imap.password"), (b.owner, "smtp.password")}
    token = stored[(a.owner, "imap.password")]
    assert A_PASSWORD not in token and "correct horse" not in token
    assert token.startswith("gAAAAA")  # a Fernet token
    assert site_key.decrypt(site.settings, token) == A_PASSWORD
    assert user_secrets.opened(a, "imap.password") == A_PASSWORD
    assert user_secrets.opened(b, "imap.password") is None  # B has none of that name
    assert user_secrets.saved(a) == {"imap.password"}
    assert user_secrets.saved(b) == {"smtp.password"}
    # Saved again: replaced (a new ciphertext), then forgotten.
    user_secrets.save(a, {"imap.password": "another one"})
    again = _stored(deployed)[(a.owner, "imap.password")]
    assert again != token and user_secrets.opened(a, "imap.password") == "another one"
    user_secrets.save(a, {"imap.password": None})
    assert user_secrets.saved(a) == frozenset() and (a.owner, "imap.password") not in _stored(
        deployed
    )


def test_a_wrong_or_missing_key_fails_in_one_line_without_the_secret(
    deployed: Roles, site: Context, ab: tuple[Context, Context], tmp_path: Path
) -> None:
    a, _ = ab
    token = _stored(deployed)[(a.owner, "imap.password")]
    other = tmp_path / "other.key"
    site_key.new_key_file(other)
    wrong = a.fresh(settings=dataclasses.replace(a.settings, site_key_file=other))
    with pytest.raises(ConfigError) as failed:
        user_secrets.opened(wrong, "imap.password")
    message = failed.value.message
    assert "\n" not in message and "[site] key_file" in message and "NEXTROUND_SITE_KEY" in message
    assert token not in message and A_PASSWORD not in message and token[:20] not in message
    none = a.fresh(settings=dataclasses.replace(a.settings, site_key_file=None))
    attempts: list[Callable[[], object]] = [
        lambda: user_secrets.opened(none, "imap.password"),
        lambda: user_secrets.save(none, {"smtp.password": "x"}),
    ]
    for attempt in attempts:
        with pytest.raises(ConfigError) as missing:
            attempt()
        text = missing.value.message
        assert "\n" not in text and "[site] key_file" in text
        assert "nextround site key new" in text and "NEXTROUND_SITE_KEY" in text
    assert user_secrets.saved(a) == {"imap.password"}  # nothing written by the refused save
    with pytest.raises(InvalidInput, match="one line"):
        user_secrets.save(a, {"imap.password": "two\nlines"})
    with pytest.raises(InvalidInput, match="not a secret"):
        user_secrets.save(a, {"oidc.client_secret": "x"})


def test_rotation_keeps_every_secret_readable_under_a_new_ciphertext(
    deployed: Roles, site: Context, ab: tuple[Context, Context], key_file: Path, tmp_path: Path
) -> None:
    a, b = ab
    before = _stored(deployed)
    runner = CliRunner()
    new_file = tmp_path / "new.key"
    made = runner.invoke(site_group, ["key", "new", str(new_file), "--keep", str(key_file)])
    assert made.exit_code == 0, made.output
    assert new_file.stat().st_mode & 0o777 == 0o600
    lines = new_file.read_text().split()
    assert len(lines) == 2 and lines[1] == key_file.read_text().strip()
    # Never over an existing file (the secrets saved with it would be lost).
    refused = runner.invoke(site_group, ["key", "new", str(key_file)])
    assert refused.exit_code != 0 and isinstance(refused.exception, Conflict)
    assert key_file.read_text().strip() == lines[1]
    rotated = site.fresh(settings=dataclasses.replace(site.settings, site_key_file=new_file))
    assert user_secrets.rotate(rotated) == 2
    after = _stored(deployed)
    assert set(after) == set(before) and all(after[k] != before[k] for k in before)
    new_only = tmp_path / "new-only.key"
    new_only.write_text(lines[0] + "\n")
    only = dataclasses.replace(site.settings, site_key_file=new_only)
    assert user_secrets.opened(a.fresh(settings=only), "imap.password") == A_PASSWORD
    assert user_secrets.opened(b.fresh(settings=only), "smtp.password") == B_PASSWORD
    # The old key alone no longer opens them: the rotation really re-encrypted.
    with pytest.raises(ConfigError, match="can't be decrypted"):
        user_secrets.opened(a, "imap.password")


def test_a_rotation_that_meets_a_secret_no_key_opens_changes_nothing(
    deployed: Roles, site: Context, ab: tuple[Context, Context], tmp_path: Path
) -> None:
    before = _stored(deployed)
    other = tmp_path / "other.key"
    site_key.new_key_file(other)
    wrong = site.fresh(settings=dataclasses.replace(site.settings, site_key_file=other))
    with pytest.raises(ConfigError, match="can't be decrypted"):
        user_secrets.rotate(wrong)
    assert _stored(deployed) == before


@pytest.mark.parametrize("role", ["app", "owner"])
def test_raw_sql_as_b_never_reaches_a_s_secret(
    deployed: Roles, ab: tuple[Context, Context], role: str
) -> None:
    a, b = ab
    url = deployed.app_url if role == "app" else deployed.owner_url  # FORCE: the owner too
    with as_owner(url, str(b.owner)) as c:
        seen = c.execute("SELECT owner_id, name FROM user_secrets").fetchall()
        assert seen == [(b.owner, "smtp.password")]
        where = "WHERE owner_id = %s"
        assert (
            c.execute(f"SELECT ciphertext FROM user_secrets {where}", (a.owner,)).fetchall() == []
        )
        assert (
            c.execute(f"UPDATE user_secrets SET ciphertext = 'x' {where}", (a.owner,)).rowcount == 0
        )
        assert c.execute(f"DELETE FROM user_secrets {where}", (a.owner,)).rowcount == 0
    with (
        as_owner(url, str(b.owner)) as c,
        pytest.raises(pg.InsufficientPrivilege, match="row-level"),
    ):
        c.execute(
            "INSERT INTO user_secrets (owner_id, name, ciphertext) VALUES (%s, 'smtp.password', 'x')",
            (a.owner,),
        )
    assert user_secrets.opened(a, "imap.password") == A_PASSWORD
    assert user_secrets.opened(b, "imap.password") is None
