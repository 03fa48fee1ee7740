"""``nextround email draft|link|send`` end to end, with a real SMTP server on loopback.

The golden ``.eml`` files are rewritten with ``NEXTROUND_UPDATE_GOLDEN=1``;
review the diff.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.cli.runner import Nextround, Result, fingerprint
from tests.goldens import update_requested
from tests.mail import Cert, Inbox, Running, free_port, make_cert, smtp_server

GOLDEN = Path(__file__).parents[1] / "golden" / "emails"
PASSWORD = "pa55-word:with spaces"


def configure(nr: Nextround, name: str = "Sam Doe", email: str = "sam@home.example") -> None:
    nr.config.parent.mkdir(parents=True, exist_ok=True)
    nr.config.write_text(f'[user]\nname = "{name}"\nemail = "{email}"\n', encoding="utf-8")


def congrats_task(nr: Nextround) -> int:
    [task] = [t for t in nr.ok("--json", "tasks").json() if t["kind"] == "congrats_email"]
    return int(task["id"])


def task_of(nr: Nextround, task_id: int) -> dict[str, object]:
    found: dict[str, object] = nr.ok("--json", "task", "show", str(task_id)).json()
    return found


def relationship(nr: Nextround, person: str) -> dict[str, object]:
    found: dict[str, object] = nr.ok("--json", "person", "show", person).json()["relationship"]
    return found


def assert_golden(name: str, data: bytes) -> None:
    """Equal to the golden file once line endings are normalised."""
    golden = GOLDEN / name
    if update_requested():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert golden.exists(), f"no golden file {golden}; create it with NEXTROUND_UPDATE_GOLDEN=1"
    expected = golden.read_bytes().replace(b"\r\n", b"\n")
    assert data.replace(b"\r\n", b"\n") == expected, f"output differs from {golden}"


def assert_one_line_error(result: Result, *needles: str) -> None:
    assert result.code == 1, result.out
    assert result.err.startswith("Error: ")
    assert result.err.count("\n") == 1
    for needle in needles:
        assert needle in result.err


@pytest.fixture
def demo(demo: Nextround) -> Nextround:
    """A user with their own copy of the demo database, and their name and address set."""
    configure(demo)
    return demo


def test_golden_draft_of_the_demo(demo: Nextround, tmp_path: Path) -> None:
    out = tmp_path / "out" / "priya.eml"
    out.parent.mkdir()
    task_id = congrats_task(demo)
    result = demo.ok("email", "draft", str(task_id), "-o", str(out))
    assert f"Wrote {out}: the email to Priya Raman" in result.out
    assert_golden("demo_priya.eml", out.read_bytes())
    assert [p.name for p in out.parent.iterdir()] == ["priya.eml"]  # no temporary file left behind
    stdout = demo.ok("email", "draft", str(task_id), "-o", "-")
    assert stdout.out.encode() == out.read_bytes().replace(b"\r\n", b"\n")


def test_golden_draft_with_non_latin_names(nr_sqlite: Nextround, tmp_path: Path) -> None:
    nr = nr_sqlite
    configure(nr, name="Zoë Ng", email="zoe@home.example")
    nr.ok("company", "add", "Sakura Systems")
    nr.ok(
        "person",
        "add",
        "大塚 陽子",
        "--company",
        "Sakura Systems",
        "--email",
        "yoko@sakura.example",
    )
    nr.ok(
        "app",
        "add",
        "--company",
        "Sakura Systems",
        "--role",
        "Ingénieure plateforme",
        "--applied",
        "2026-10-01",
    )
    nr.ok("interview", "add", "1", "--on", "2026-11-10", "--with", "大塚 陽子")
    nr.ok("reject", "1", "--on", "2026-11-20")
    out = tmp_path / "yoko.eml"
    nr.ok("email", "draft", str(congrats_task(nr)), "-o", str(out))
    data = out.read_bytes()
    assert data.isascii()
    assert_golden("non_latin.eml", data)


def test_a_draft_that_cannot_be_written_writes_nothing(demo: Nextround, tmp_path: Path) -> None:
    task_id = str(congrats_task(demo))
    missing = tmp_path / "no-such-folder" / "x.eml"
    assert_one_line_error(
        demo.run("email", "draft", task_id, "-o", str(missing)), "can't write", "does not exist"
    )
    assert not missing.parent.exists()
    assert_one_line_error(demo.run("email", "draft", task_id, "-o", str(tmp_path)), "is a folder")


def test_link(demo: Nextround) -> None:
    task_id = str(congrats_task(demo))
    link = demo.ok("email", "link", task_id).out.strip()
    assert link.startswith("mailto:priya.raman@lumenfield.example?subject=Good%20luck%20with")
    assert "+" not in link
    assert "%0D%0A%0D%0A" in link
    assert parse_qs(urlsplit(link).query)["body"][0].startswith("Hi Priya,\r\n\r\n")
    shape = demo.ok("--json", "email", "link", task_id).json()
    assert shape == {"task_id": int(task_id), "url": link, "length": len(link)}


def test_only_congratulations_tasks_and_known_tasks(demo: Nextround) -> None:
    card = next(t for t in demo.ok("--json", "tasks").json() if t["kind"] == "thank_you_card")
    for command in ("draft", "link", "send"):
        args = ["-o", "x.eml"] if command == "draft" else []
        assert_one_line_error(
            demo.run("email", command, str(card["id"]), *args), "only congrats_email tasks"
        )
    assert_one_line_error(demo.run("email", "send", "999"), "no task with id 999")


def test_sending_without_a_server_says_how_to_set_one_up(demo: Nextround) -> None:
    assert_one_line_error(
        demo.run("email", "send", str(congrats_task(demo))), "NEXTROUND_SMTP_HOST"
    )


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    return make_cert(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def mail_server(cert: Cert) -> Iterator[Running]:
    with smtp_server(cert=cert, users={"sam": PASSWORD}, only_login=True) as running:
        yield running


def smtp_env(running: Running, cert: Cert, tmp_path: Path, **extra: str) -> dict[str, str]:
    password_file = tmp_path / "smtp-password"
    password_file.write_text(PASSWORD + "\n")
    return {
        "NEXTROUND_SMTP_HOST": "127.0.0.1",
        "NEXTROUND_SMTP_PORT": str(running.port),
        "NEXTROUND_SMTP_SECURITY": "starttls",
        "NEXTROUND_SMTP_USER": "sam",
        "NEXTROUND_SMTP_FROM": "Sam Doe <sam@home.example>",
        "NEXTROUND_SMTP_PASSWORD_FILE": str(password_file),
        "NEXTROUND_SMTP_CA_FILE": str(cert.cert_file),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        **extra,
    }


def test_send_end_to_end(nr: Nextround, mail_server: Running, cert: Cert, tmp_path: Path) -> None:
    configure(nr)
    nr.ok("demo")
    env = smtp_env(mail_server, cert, tmp_path)
    task_id = congrats_task(nr)
    result = nr.ok("email", "send", str(task_id), **env)
    assert result.out.startswith(
        "Sent to Priya Raman <priya.raman@lumenfield.example> via 127.0.0.1"
    )
    assert f"Done: #{task_id}" in result.out
    [got] = mail_server.inbox.messages
    assert got.authenticated
    assert got.rcpt_tos == ["priya.raman@lumenfield.example"]
    assert got.message["From"] == "Sam Doe <sam@home.example>"
    assert got.message["Subject"] == "Good luck with the Senior Data Engineer search, and thank you"
    # Nothing assumed: whether the role is filled isn't known, so the email doesn't say.
    assert got.message.get_content().startswith("Hi Priya,\n\nWhoever ends up joining as Senior")
    rel = relationship(nr, "Priya Raman")
    assert rel["congrats_message_id"] == got.message["Message-ID"]
    assert rel["congratulated_on"] == rel["asked_to_connect_on"] == "2026-11-25"
    assert task_of(nr, task_id)["status"] == "done"

    again = nr.run("email", "send", str(task_id), **env)
    assert_one_line_error(again, "already sent on 2026-11-25", str(got.message["Message-ID"]))
    assert len(mail_server.inbox.messages) == 1
    assert PASSWORD not in result.out + result.err + again.out + again.err


def test_a_wrong_password_leaves_everything_as_it_was(
    demo: Nextround, mail_server: Running, cert: Cert, tmp_path: Path
) -> None:
    task_id = str(congrats_task(demo))
    before = fingerprint(demo.db)
    wrong = "wrong-" + PASSWORD
    env = smtp_env(mail_server, cert, tmp_path, NEXTROUND_SMTP_PASSWORD=wrong)
    result = demo.run("email", "send", task_id, **env)
    assert_one_line_error(result, "refused the login for sam", "Nothing was sent")
    assert wrong not in result.out + result.err
    debug = demo.run("--debug", "email", "send", task_id, **env)
    assert debug.code != 0
    assert wrong not in debug.out + debug.err
    assert fingerprint(demo.db) == before
    assert mail_server.inbox.messages == []
    demo.ok("email", "send", task_id, **smtp_env(mail_server, cert, tmp_path))
    assert len(mail_server.inbox.messages) == 1


def test_a_dry_run_prints_the_message_and_changes_nothing(
    demo: Nextround, mail_server: Running, cert: Cert, tmp_path: Path
) -> None:
    task_id = str(congrats_task(demo))
    before = fingerprint(demo.db)
    result = demo.ok("email", "send", task_id, "--dry-run", **smtp_env(mail_server, cert, tmp_path))
    assert result.out.startswith("Dry run: nothing sent, nothing recorded.")
    assert "(starttls, login as sam)" in result.out
    assert "From: Sam Doe <sam@home.example>" in result.out
    assert "To: Priya Raman <priya.raman@lumenfield.example>" in result.out
    assert "Message-ID: <" in result.out
    assert "X-Unsent" not in result.out
    assert "Hi Priya," in result.out
    assert mail_server.inbox.messages == []
    assert fingerprint(demo.db) == before


def test_a_server_that_is_down_or_refuses_leaves_the_task_open(
    demo: Nextround, tmp_path: Path
) -> None:
    task_id = str(congrats_task(demo))
    before = fingerprint(demo.db)
    env = {
        "NEXTROUND_SMTP_HOST": "127.0.0.1",
        "NEXTROUND_SMTP_SECURITY": "none",
        "NEXTROUND_SMTP_PORT": str(free_port()),
    }
    assert_one_line_error(demo.run("email", "send", task_id, **env), "connection refused")
    with smtp_server(Inbox(refuse={"priya.raman@lumenfield.example"})) as running:
        env["NEXTROUND_SMTP_PORT"] = str(running.port)
        refused = demo.run("email", "send", task_id, **env)
    assert_one_line_error(refused, "refused the recipient", "550", f"task {task_id} stays open")
    assert fingerprint(demo.db) == before


def test_an_interrupted_send_needs_resend(demo: Nextround, tmp_path: Path) -> None:
    task_id = str(congrats_task(demo))
    env = {"NEXTROUND_SMTP_HOST": "127.0.0.1", "NEXTROUND_SMTP_SECURITY": "none"}
    with smtp_server(Inbox(drop_after_data=True)) as running:
        env["NEXTROUND_SMTP_PORT"] = str(running.port)
        broken = demo.run("email", "send", task_id, **env)
        assert_one_line_error(broken, "may have reached Priya Raman", "--resend")
        running.inbox.drop_after_data = False
        assert_one_line_error(demo.run("email", "send", task_id, **env), "did not finish")
        assert task_of(demo, int(task_id))["status"] == "open"
        demo.ok("email", "send", task_id, "--resend", **env)
    first, second = running.inbox.messages
    assert first.message["Message-ID"] == second.message["Message-ID"]
    assert task_of(demo, int(task_id))["status"] == "done"


def test_a_person_who_lost_their_email_is_refused(demo: Nextround) -> None:
    task_id = str(congrats_task(demo))
    demo.ok("person", "edit", "Priya Raman", "--email", "")
    assert_one_line_error(
        demo.run("email", "send", task_id, NEXTROUND_SMTP_HOST="127.0.0.1"),
        "Priya Raman has no email address",
    )
