"""The pool settings' edges: flags as people type them, the limits themselves allowed, an
empty variable left out, and a wrong config file reported even under the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.errors import ConfigError
from tests.storage.test_pool_settings import _settings


@pytest.mark.parametrize(
    ("typed", "means"),
    [(" yes ", True), ("ON", True), ("1\n", True), (" off ", False), ("No", False)],
)
def test_a_flag_in_the_environment_is_read_as_typed(
    tmp_path: Path, typed: str, means: bool
) -> None:
    start = "true" if not means else "false"  # the file says the other thing
    found = _settings(
        tmp_path,
        f"[database]\nprepared_statements = {start}\n",
        NEXTROUND_DB_PREPARED_STATEMENTS=typed,
    )
    assert found.prepared_statements is means


def test_an_hour_is_the_longest_timeout_allowed(tmp_path: Path) -> None:
    found = _settings(tmp_path, "[database]\npool_timeout = 3600\nconnect_timeout = 3600\n")
    assert (found.pool_timeout, found.connect_timeout) == (3600, 3600)
    for key in ("pool_timeout", "connect_timeout"):
        with pytest.raises(ConfigError, match="1 to 3600 seconds"):
            _settings(tmp_path, f"[database]\n{key} = 3601\n")


def test_an_empty_variable_leaves_the_file_s_setting(tmp_path: Path) -> None:
    toml = "[database]\npool_max_size = 30\nprepared_statements = false\n"
    found = _settings(
        tmp_path,
        toml,
        NEXTROUND_DB_POOL_MAX_SIZE="",
        NEXTROUND_DB_POOL_TIMEOUT="  ",
        NEXTROUND_DB_PREPARED_STATEMENTS="",
    )
    assert (found.pool_max_size, found.pool_timeout, found.prepared_statements) == (
        30,
        10.0,
        False,
    )


def test_a_wrong_config_file_is_reported_even_when_the_environment_overrides_it(
    tmp_path: Path,
) -> None:
    with pytest.raises(ConfigError) as err:
        _settings(
            tmp_path,
            "[database]\npool_min_size = 5\npool_max_size = 2\n",
            NEXTROUND_DB_POOL_MAX_SIZE="20",
        )
    assert "config file" in err.value.message and "pool_min_size from 0" in err.value.message


def test_a_pool_of_no_connections_is_refused_even_with_no_minimum(tmp_path: Path) -> None:
    assert _settings(tmp_path, "[database]\npool_min_size = 0\npool_max_size = 1\n")
    with pytest.raises(ConfigError, match="pool_max_size must be at least 1"):
        _settings(tmp_path, "[database]\npool_min_size = 0\npool_max_size = 0\n")
    with pytest.raises(ConfigError, match="pool_max_size must be at least 1"):
        _settings(tmp_path, "", NEXTROUND_DB_POOL_MIN_SIZE="0", NEXTROUND_DB_POOL_MAX_SIZE="0")
