"""The config file: every key of the example loads; every mistake is named with file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.cli import main
from bot.core.config import Settings, load_settings, parse_settings
from bot.core.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent


def test_example_config_loads_every_documented_key() -> None:
    settings = load_settings(str(REPO / "config.example.toml"))
    assert len(settings.feeds) == 6
    assert settings.feeds[0].name == "Ukrainska Pravda"
    assert settings.feeds[4].interval == 600.0
    assert settings.polling.interval == 300.0
    assert settings.fetch.allow_private_hosts is False


def test_no_config_means_built_in_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(None) == Settings()


def test_token_from_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[telegram]\ntoken = "from-file"\n')
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "from-env")
    assert load_settings(str(config)).telegram.token == "from-env"


def test_vigie_config_variable_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[polling]\ninterval = 900\n")
    monkeypatch.setenv("VIGIE_CONFIG", str(config))
    assert load_settings(None).polling.interval == 900.0


@pytest.mark.parametrize(("document", "expected"), [
    ({"polling": {"interval": "often"}}, "f.toml: polling.interval must be a number, not 'often'"),
    ({"polling": {"intervall": 60}}, "unknown key 'polling.intervall'"),
    ({"pollin": {}}, "unknown section or key 'pollin'"),
    ({"feeds": [{"url": "ftp://example.org/x"}]}, "feeds[0].url: 'ftp://example.org/x' is not"),
    ({"feeds": [{"url": "https://"}]}, "feeds[0].url: 'https://' has no host name"),
    ({"feeds": [{"name": "no url"}]}, "'feeds[0]' lacks required key(s): url"),
    ({"feeds": {"url": "https://a.example"}}, "'feeds' must be an array of tables"),
    ({"telegram": {"admins": ["alice"]}}, "telegram.admins must be an array of integers"),
    ({"fetch": {"allow_private_hosts": "yes"}}, "fetch.allow_private_hosts must be true or false"),
    ({"dedup": {"threshold": 140}}, "dedup.threshold must be a number from 0 to 100"),
    ({"polling": {"interval": 1}}, "polling.interval must be at least 10 seconds"),
    ({"feeds": [{"url": "https://a.example/rss", "interval": 0}]},
     "feeds[0].interval must be at least 10 seconds"),
    ({"topics": {"nato": {"aliases": "NATO"}}}, "topics.nato.aliases must be an array of strings"),
])
def test_mistakes_name_file_and_key(document: dict[str, object], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings(document, "f.toml")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("f.toml: ")


def test_broken_toml_exits_2_with_the_file_named(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "broken.toml"
    config.write_text("[polling\ninterval = 3\n")
    assert main(["feeds", "list", "--config", str(config)]) == 2
    assert f"{config}: not valid TOML" in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feeds", "list", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "no such config file" in capsys.readouterr().err
