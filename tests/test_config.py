"""Settings from flags, NEXTROUND_* variables, the TOML config file and defaults.

Every call passes ``environ`` explicitly (always with NEXTROUND_CONFIG pointing
into tmp_path), so neither the real environment nor the user's own config file
leaks in.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from nextround.config import Settings, UserProfile, load_settings
from nextround.domain.playbook import STEPS, PlaybookSettings, plan
from nextround.domain.tasks import Kind
from nextround.errors import ConfigError
from nextround.mailconfig import ImapSettings


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """Where the config file goes (not written until a test writes it)."""
    return tmp_path / "config.toml"


def load(
    config: Path,
    toml: str | None = None,
    *,
    db: str | None = None,
    today: str | None = "2026-03-10",
    **env: str,
) -> Settings:
    if toml is not None:
        config.write_text(toml, encoding="utf-8")
    return load_settings(db=db, today=today, environ={"NEXTROUND_CONFIG": str(config), **env})


# --------------------------------------------------------------------------- defaults


def test_defaults_without_a_file(config: Path) -> None:
    settings = load(config, today=None)
    assert settings.playbook == PlaybookSettings()
    # What most free LinkedIn accounts get for an invitation note.
    assert settings.playbook.note_limit == 200
    assert settings.user == UserProfile()
    assert settings.db_url.endswith("nextround.db")
    assert settings.config_path == config
    assert settings.templates_dir == config.parent / "templates"
    # No clock patching: the default "today" is the real calendar day.
    assert timedelta(0) <= date.today() - settings.today <= timedelta(days=1)


def test_empty_file_is_the_defaults(config: Path) -> None:
    settings = load(config, "")
    assert settings.playbook == PlaybookSettings()
    assert settings.user == UserProfile()


# --------------------------------------------------------------------------- precedence


@pytest.mark.parametrize(
    ("flag", "env", "file", "expected"),
    [
        pytest.param("flag.db", "env.db", "file.db", "flag.db", id="flag-beats-all"),
        pytest.param(None, "env.db", "file.db", "env.db", id="env-beats-file"),
        pytest.param(None, None, "file.db", "file.db", id="file-beats-default"),
        pytest.param(None, "", "file.db", "file.db", id="empty-env-ignored"),
        pytest.param("flag.db", None, None, "flag.db", id="flag-only"),
        pytest.param(None, "env.db", None, "env.db", id="env-only"),
    ],
)
def test_db_precedence(
    config: Path, flag: str | None, env: str | None, file: str | None, expected: str
) -> None:
    toml = f'[storage]\ndb = "{file}"\n' if file else ""
    extra = {"NEXTROUND_DB": env} if env is not None else {}
    assert load(config, toml, db=flag, **extra).db_url == expected


def test_db_default_when_nothing_set(config: Path) -> None:
    settings = load(config, "[storage]\n")
    assert Path(settings.db_url).name == "nextround.db"


@pytest.mark.parametrize(
    ("flag", "env", "expected"),
    [
        pytest.param("2026-01-02", "2025-12-31", date(2026, 1, 2), id="flag-beats-env"),
        pytest.param(None, "2025-12-31", date(2025, 12, 31), id="env"),
        pytest.param(None, " 2025-12-31 ", date(2025, 12, 31), id="env-with-space"),
        pytest.param("2026-01-02", None, date(2026, 1, 2), id="flag"),
    ],
)
def test_today_precedence(config: Path, flag: str | None, env: str | None, expected: date) -> None:
    extra = {"NEXTROUND_TODAY": env} if env is not None else {}
    assert load(config, today=flag, **extra).today == expected


# --------------------------------------------------------------------------- the file's settings


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        pytest.param(
            "[playbook]\njournal_days = 1\ncard_days = 3\nemail_days = 10\n"
            "invite_days = 2\nfollow_days = 0\nfind_info_days = 5\n",
            PlaybookSettings(
                journal_days=1,
                card_days=3,
                email_days=10,
                invite_days=2,
                follow_days=0,
                find_info_days=5,
            ),
            id="day-offsets",
        ),
        pytest.param(
            "[playbook]\ncheck_back_months = [1, 4, 12]\n",
            PlaybookSettings(check_back_months=(1, 4, 12)),
            id="check-back-months",
        ),
        pytest.param(
            '[playbook]\nsteps = ["journal", "thank_you_card"]\n',
            PlaybookSettings(steps=frozenset({Kind.JOURNAL, Kind.THANK_YOU_CARD})),
            id="some-steps",
        ),
        pytest.param(
            "[playbook]\nsteps = []\n", PlaybookSettings(steps=frozenset()), id="no-steps"
        ),
        pytest.param(
            "[playbook]\nsteps = " + str([k.value for k in STEPS]).replace("'", '"') + "\n",
            PlaybookSettings(),
            id="all-steps",
        ),
        pytest.param(
            "[linkedin]\nfree_account = true\n",
            PlaybookSettings(linkedin_free_account=True),
            id="free-account",
        ),
        pytest.param(
            "[linkedin]\nfree_account = false\n",
            PlaybookSettings(linkedin_free_account=False),
            id="premium-account",
        ),
    ],
)
def test_playbook_settings(config: Path, toml: str, expected: PlaybookSettings) -> None:
    assert load(config, toml).playbook == expected


def test_a_paid_account_raises_the_note_limit(config: Path) -> None:
    assert load(config, "[linkedin]\nfree_account = false\n").playbook.note_limit == 300


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        pytest.param(
            '[user]\nname = "Ada Lovelace"\nemail = "ada@example.org"\n'
            'address = """12 Analytical Row\nLondon"""\nsignature = "Ada"\n',
            UserProfile("Ada Lovelace", "ada@example.org", "12 Analytical Row\nLondon", "Ada"),
            id="full-profile",
        ),
        pytest.param('[user]\nname = "Ada"\n', UserProfile(name="Ada"), id="partial-profile"),
        pytest.param("[user]\n", UserProfile(), id="empty-table"),
    ],
)
def test_user_profile(config: Path, toml: str, expected: UserProfile) -> None:
    assert load(config, toml).user == expected


def test_everything_at_once(config: Path) -> None:
    settings = load(
        config,
        '[storage]\ndb = "sqlite:///x.db"\n'
        "[playbook]\ncard_days = 4\ncheck_back_months = [2]\n"
        "[linkedin]\nfree_account = true\n"
        '[user]\nname = "Ada"\n',
    )
    assert settings.db_url == "sqlite:///x.db"
    assert settings.playbook == PlaybookSettings(
        card_days=4, check_back_months=(2,), linkedin_free_account=True
    )
    assert settings.user == UserProfile(name="Ada")
    assert settings.today == date(2026, 3, 10)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("toml", "setting"),
    [
        pytest.param("[playbook\ncard_days = 2\n", "not valid TOML", id="broken-toml"),
        pytest.param("[playbook]\ncard_days = \n", "not valid TOML", id="missing-value"),
        pytest.param(
            "[playbok]\ncard_days = 2\n", "unknown section [playbok]", id="unknown-section"
        ),
        pytest.param('today = "2026-01-01"\n', "unknown section [today]", id="top-level-key"),
        pytest.param("playbook = 5\n", "[playbook] table", id="section-not-a-table"),
        pytest.param("[playbook]\ncard_day = 2\n", "playbook.card_day", id="unknown-playbook-key"),
        pytest.param("[linkedin]\nfree = true\n", "linkedin.free", id="unknown-linkedin-key"),
        pytest.param('[user]\nphone = "123"\n', "user.phone", id="unknown-user-key"),
        pytest.param('[playbook]\ncard_days = "2"\n', "playbook.card_days", id="string-for-number"),
        pytest.param("[playbook]\nemail_days = -1\n", "playbook.email_days", id="negative-number"),
        pytest.param("[playbook]\nfollow_days = true\n", "playbook.follow_days", id="bool-for-int"),
        pytest.param("[playbook]\ninvite_days = 1.5\n", "playbook.invite_days", id="float-for-int"),
        pytest.param(
            "[playbook]\ncheck_back_months = 3\n",
            "playbook.check_back_months",
            id="months-not-list",
        ),
        pytest.param(
            "[playbook]\ncheck_back_months = []\n", "playbook.check_back_months", id="months-empty"
        ),
        pytest.param(
            "[playbook]\ncheck_back_months = [3, 0]\n",
            "playbook.check_back_months",
            id="months-zero",
        ),
        pytest.param(
            '[playbook]\ncheck_back_months = ["3"]\n',
            "playbook.check_back_months",
            id="months-string",
        ),
        pytest.param('[playbook]\nsteps = "journal"\n', "playbook.steps", id="steps-not-list"),
        pytest.param(
            '[playbook]\nsteps = ["journal", "send_flowers"]\n',
            "unknown step 'send_flowers' in playbook.steps",
            id="unknown-step",
        ),
        pytest.param(
            '[playbook]\nsteps = ["find_email"]\n',
            "unknown step 'find_email' in playbook.steps",
            id="gap-kind-is-not-a-step",
        ),
        pytest.param(
            '[linkedin]\nfree_account = "yes"\n', "linkedin.free_account", id="free-account-text"
        ),
        pytest.param("[user]\nname = 5\n", "user.name", id="user-name-number"),
    ],
)
def test_config_errors(config: Path, toml: str, setting: str) -> None:
    with pytest.raises(ConfigError) as err:
        load(config, toml)
    message = err.value.message
    assert "\n" not in message
    assert str(config) in message
    assert setting in message


def test_errors_even_when_flags_cover_the_storage_section(config: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown section \[storag\]"):
        load(config, '[storag]\ndb = "x"\n', db="flag.db")


@pytest.mark.parametrize(
    ("toml", "hint"),
    [
        pytest.param("[playbook]\ncard_days = -1\n", "from 0 to 3650", id="days-minimum-0"),
        pytest.param(
            "[playbook]\ncheck_back_months = [0]\n", "from 1 to 120", id="months-minimum-1"
        ),
        pytest.param('[playbook]\nsteps = ["x"]\n', "journal, thank_you_card", id="steps-listed"),
        pytest.param(
            "[playbok]\n",
            "cards, database, drafts, imap, interests, linkedin, mail, oidc, playbook, site, smtp, "
            "storage, user",
            id="sections-listed",
        ),
        pytest.param("[user]\nphone = 1\n", "address, email, name, signature", id="keys-listed"),
    ],
)
def test_error_messages_say_how_to_fix(config: Path, toml: str, hint: str) -> None:
    with pytest.raises(ConfigError) as err:
        load(config, toml)
    assert hint in err.value.message


def test_unreadable_config_path(config: Path) -> None:
    config.mkdir()
    with pytest.raises(ConfigError) as err:
        load(config)
    assert err.value.message.startswith(f"can't read config file {config}")
    assert "\n" not in err.value.message


@pytest.mark.parametrize(
    ("flag", "env", "bad"),
    [
        pytest.param(None, "tomorrow", "tomorrow", id="env-word"),
        pytest.param(None, "2026-02-30", "2026-02-30", id="env-impossible-date"),
        pytest.param("10/03/2026", None, "10/03/2026", id="flag-day-first"),
    ],
)
def test_bad_today(config: Path, flag: str | None, env: str | None, bad: str) -> None:
    extra = {"NEXTROUND_TODAY": env} if env is not None else {}
    with pytest.raises(ConfigError) as err:
        load(config, today=flag, **extra)
    message = err.value.message
    assert "\n" not in message
    assert repr(bad) in message
    assert "YYYY-MM-DD" in message


def test_bad_today_env_names_the_variable(config: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load(config, today=None, NEXTROUND_TODAY="tomorrow")
    assert "NEXTROUND_TODAY" in err.value.message


def test_unknown_storage_key_is_an_error(config: Path) -> None:
    with pytest.raises(ConfigError, match=r"storage\.dbb"):
        load(config, '[storage]\ndbb = "sqlite:///typo.db"\n')


def test_storage_db_must_be_text(config: Path) -> None:
    with pytest.raises(ConfigError, match=r"storage\.db"):
        load(config, "[storage]\ndb = 5\n")


def test_duplicate_check_back_months_do_not_duplicate_keys(config: Path) -> None:
    from nextround.domain.applications import Application, Status
    from nextround.domain.companies import Company
    from nextround.domain.playbook import PlanInput

    try:
        settings = load(config, "[playbook]\ncheck_back_months = [3, 3]\n").playbook
    except ConfigError:
        return
    inp = PlanInput(
        application=Application(7, 1, "Engineer", Status.REJECTED),
        company=Company(1, "Acme"),
        rejected_on=date(2026, 3, 10),
        interviewers=[],
        relationships={},
        has_journal=False,
    )
    keys = [t.key for t in plan(inp, settings)]
    assert len(keys) == len(set(keys))


def test_smtp_settings_come_from_the_file_and_the_environment(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nhost = "smtp.example.org"\nuser = "sam"\nfrom = "sam@example.org"\n')
    env = {
        "NEXTROUND_CONFIG": str(config),
        "NEXTROUND_SMTP_PORT": "2465",
        "NEXTROUND_SMTP_SECURITY": "SSL",
        "NEXTROUND_SMTP_PASSWORD": "s3cret",
    }
    smtp = load_settings(db="x.db", environ=env).smtp
    assert (smtp.host, smtp.port, smtp.security, smtp.user, smtp.sender) == (
        "smtp.example.org",
        2465,
        "ssl",
        "sam",
        "sam@example.org",
    )
    assert smtp.password == "s3cret"
    assert "s3cret" not in repr(smtp)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[smtp]\npassword = "pw"\n', "don't keep the SMTP password in the config file"),
        (
            '[smtp]\nhost = "mail.example.org"\nsecurity = "none"\n',
            "allowed only for a server on this machine",
        ),
        ('[smtp]\nsecurity = "tls"\n', "must be one of: ssl, starttls, none"),
        ("[smtp]\nport = 70000\n", "smtp.port must be a whole number from 0 to 65535"),
        ('[cards]\nsize = "A4"\n', 'cards.size must be "A6", "A2", "A7" or "DL"'),
        ('[cards]\nsheet = "A5"\n', 'cards.sheet must be "A4", "Letter" or "envelope"'),
    ],
)
def test_bad_smtp_and_card_settings_are_named(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(db="x.db", environ={"NEXTROUND_CONFIG": str(config)})


def test_loopback_smtp_may_go_without_tls(tmp_path: Path) -> None:
    env = {"NEXTROUND_CONFIG": str(tmp_path / "none.toml"), "NEXTROUND_SMTP_HOST": "127.0.0.1"}
    env["NEXTROUND_SMTP_SECURITY"] = "none"
    assert load_settings(db="x.db", environ=env).smtp.effective_port == 25


def test_imap_settings_come_from_the_file_and_the_environment(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[imap]\nhost = "imap.example.org"\nuser = "sam"\nfolders = ["INBOX", "Jobs/Replies"]\n'
        'password_file = "~/imap-pw"\ntimeout = 12\n'
    )
    imap = load_settings(db="x.db", environ={"NEXTROUND_CONFIG": str(config)}).imap
    assert (imap.host, imap.port, imap.effective_port, imap.security, imap.user) == (
        "imap.example.org",
        0,
        993,
        "ssl",
        "sam",
    )
    assert imap.folders == ("INBOX", "Jobs/Replies")
    assert imap.password_file == Path("~/imap-pw").expanduser()
    assert (imap.password, imap.timeout, imap.cafile) == (None, 12, None)

    env = {
        "NEXTROUND_CONFIG": str(config),
        "NEXTROUND_IMAP_HOST": "mail.example.net",
        "NEXTROUND_IMAP_PORT": "1143",
        "NEXTROUND_IMAP_SECURITY": "STARTTLS",
        "NEXTROUND_IMAP_USER": "sam@example.net",
        "NEXTROUND_IMAP_PASSWORD": "s3cret",
        "NEXTROUND_IMAP_PASSWORD_FILE": str(tmp_path / "pw"),
        "NEXTROUND_IMAP_FOLDERS": " INBOX, Bewerbungen ,,INBOX",
        "NEXTROUND_IMAP_CA_FILE": str(tmp_path / "ca.pem"),
    }
    imap = load_settings(db="x.db", environ=env).imap
    assert (imap.host, imap.port, imap.security, imap.user) == (
        "mail.example.net",
        1143,
        "starttls",
        "sam@example.net",
    )
    assert imap.folders == ("INBOX", "Bewerbungen")
    assert (imap.password_file, imap.cafile) == (tmp_path / "pw", tmp_path / "ca.pem")
    assert imap.password == "s3cret"
    assert "s3cret" not in repr(imap)
    assert "s3cret" not in repr(load_settings(db="x.db", environ=env))


def test_imap_defaults_without_settings(tmp_path: Path) -> None:
    imap = load_settings(db="x.db", environ={"NEXTROUND_CONFIG": str(tmp_path / "no.toml")}).imap
    assert not imap.configured
    assert (imap.security, imap.folders, imap.effective_port) == ("ssl", ("INBOX",), 993)


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        ('[imap]\npassword = "pw"\n', {}, "don't keep the IMAP password in the config file"),
        (
            '[imap]\nhost = "imap.example.org"\nsecurity = "none"\n',
            {},
            "allowed only for a server on this machine (localhost, 127.x.x.x, ::1), "
            "not imap.example.org",
        ),
        (
            "",
            {"NEXTROUND_IMAP_HOST": "127.evil.example", "NEXTROUND_IMAP_SECURITY": "none"},
            "not 127.evil.example",
        ),
        ('[imap]\nsecurity = "tls"\n', {}, "imap.security 'tls' must be one of: ssl, starttls"),
        ("[imap]\nport = 70000\n", {}, "imap.port must be a whole number from 0 to 65535"),
        ("", {"NEXTROUND_IMAP_PORT": "imap"}, "NEXTROUND_IMAP_PORT must be a whole number"),
        ("[imap]\ntimeout = 0\n", {}, "imap.timeout must be a whole number from 1 to 600"),
        ("[imap]\nfolders = [1]\n", {}, "imap.folders must be a list of folder names"),
        ("[imap]\nfolders = []\n", {}, "imap.folders names no folder"),
        ("", {"NEXTROUND_IMAP_FOLDERS": " , "}, "NEXTROUND_IMAP_FOLDERS names no folder"),
        ("[imap]\nhost = 7\n", {}, "imap.host must be text in quotes"),
        ("[imap]\nfolder = []\n", {}, "unknown setting imap.folder"),
    ],
)
def test_bad_imap_settings_are_named(
    tmp_path: Path, text: str, env: dict[str, str], message: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(db="x.db", environ={"NEXTROUND_CONFIG": str(config), **env})


@pytest.mark.parametrize(
    "host", ["localhost", "LOCALHOST.", "127.0.0.1", "127.3.2.1", "::1", "[::1]"]
)
def test_loopback_imap_may_go_without_tls(tmp_path: Path, host: str) -> None:
    env = {"NEXTROUND_CONFIG": str(tmp_path / "none.toml"), "NEXTROUND_IMAP_HOST": host}
    env["NEXTROUND_IMAP_SECURITY"] = "none"
    assert load_settings(db="x.db", environ=env).imap.effective_port == 143


@pytest.mark.parametrize("host", ["10.0.0.1", "localhost.example.org", "127.0.0.1.nip.io", "::2"])
def test_imap_without_tls_elsewhere_is_refused(host: str) -> None:
    with pytest.raises(ConfigError, match="sends the password in the clear"):
        ImapSettings(host=host, security="none")


# --------------------------------------------------------------------------- mail


def test_auto_confirmation_is_off_unless_chosen(config: Path) -> None:
    assert load(config).mail.auto_confirm_above is None
    assert load(config, "[mail]\nauto_confirm_above = 0.95\n").mail.auto_confirm_above == 0.95
    env = load(config, "[mail]\nauto_confirm_above = 0.95\n", NEXTROUND_MAIL_AUTO_CONFIRM="0.9")
    assert env.mail.auto_confirm_above == 0.9


@pytest.mark.parametrize("value", ["0.2", "1.5", '"high"', "true"])
def test_auto_confirmation_needs_a_sensible_confidence(config: Path, value: str) -> None:
    with pytest.raises(
        ConfigError, match=r"mail.auto_confirm_above must be a confidence between 0.5 and 1.0"
    ):
        load(config, f"[mail]\nauto_confirm_above = {value}\n")
    with pytest.raises(ConfigError, match="NEXTROUND_MAIL_AUTO_CONFIRM must be"):
        load(config, NEXTROUND_MAIL_AUTO_CONFIRM="often")


def test_interests_are_read_from_their_table(config: Path) -> None:
    toml = (
        "[interests]\n"
        'titles = ["data engineer", " Data  Engineer "]\n'
        'locations = ["Berlin"]\n'
        'remote = "YES"\n'
    )
    found = load(config, toml).interests
    assert (found.titles, found.seniority, found.locations, found.remote) == (
        ("data engineer",),
        (),
        ("Berlin",),
        "yes",
    )
    assert load(config, "").interests.is_empty()


@pytest.mark.parametrize(
    ("toml", "hint"),
    [
        ('[interests]\ntitles = "data engineer"\n', "interests.titles must be a list of text"),
        ('[interests]\nremote = "maybe"\n', "interests: remote must be yes, no or any"),
        ("[interests]\nsalary = 1\n", "known settings are locations, remote, seniority, titles"),
    ],
)
def test_bad_interests_in_the_file_are_named(config: Path, toml: str, hint: str) -> None:
    with pytest.raises(ConfigError, match=hint):
        load(config, toml)


def test_the_site_and_oidc_sections_are_read_from_the_file(config: Path) -> None:
    found = load(
        config,
        '[site]\nhosted = true\nurl = "https://jobs.example.org/"\n'
        '[oidc]\nissuer = "https://id.example.org"\nclient_id = "nextround"\n',
        db="postgresql://db.example.org/site",
    )
    assert found.hosted is True and found.site_url == "https://jobs.example.org"
    assert found.oidc.issuer == "https://id.example.org"
