"""The watch's settings: base URLs from the config file or the environment, and bad ones refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.config import load_settings
from nextround.errors import ConfigError


def test_base_urls_from_file_and_environment(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[watch]\ngreenhouse_url = "http://127.0.0.1:8081"\ntimeout = 5\n')
    env = {"NEXTROUND_CONFIG": str(config), "NEXTROUND_WATCH_LEVER_URL": "http://127.0.0.1:8082/"}
    watch = load_settings(environ=env).watch
    assert watch.base("greenhouse") == "http://127.0.0.1:8081"
    assert watch.base("lever") == "http://127.0.0.1:8082"
    assert watch.base("recruitee", "acme") == "https://acme.recruitee.com"
    assert watch.timeout == 5.0


@pytest.mark.parametrize(
    "text",
    ['[watch]\nashby_url = "ftp://x"\n', "[watch]\ntimeout = -1\n", "[watch]\nspeed = 3\n"],
)
def test_bad_settings_are_refused(tmp_path: Path, text: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match="watch"):
        load_settings(environ={"NEXTROUND_CONFIG": str(config)})
