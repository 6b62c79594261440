"""`forecast init`: a briefs repository that works at once, and never a file replaced."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from forecastcli import __version__
from forecastcli.config import Settings, load_settings
from tests.helpers import run

FILES = ["forecast.yaml", "briefs/example.yaml", ".gitignore"]
CI = {"github": ".github/workflows/forecast.yml", "gitlab": ".gitlab-ci.yml"}


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_init_makes_a_repository_where_check_passes_and_says_what_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = run("init", "team-briefs")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        "Created a briefs repository in team-briefs:\n"
        "  forecast.yaml        the settings, each default written out and explained\n"
        "  briefs/example.yaml  an example brief: delete it once you have your own\n"
        "  .gitignore           reports and the leftovers of a stopped write\n"
        "\n"
        "Next steps:\n"
        "  cd team-briefs\n"
        "  git init\n"
        '  git add -A && git commit -m "Start the briefs repository"\n'
        "  forecast check               # every brief is valid, the example too\n"
        "  forecast import brief.txt    # draft your first brief from its text\n"
    )
    folder = tmp_path / "team-briefs"
    assert files_in(folder) == sorted(FILES)
    monkeypatch.chdir(folder)
    r = run("check")
    assert (r.code, r.err) == (0, "")
    assert r.out.startswith("Checked 1 brief (3 forecasts in the valid ones): all valid;")
    # Something to try at once: one forecast due, one coming due.
    due = run("due", "--json").json()
    assert [(d["id"], d["status"]) for d in due] == [
        ("talks-resume", "due"),
        ("ceasefire-holds", "coming due"),
    ]


def test_the_settings_written_are_the_defaults(tmp_path: Path) -> None:
    assert run("init", "new").code == 0
    written = load_settings(cwd=tmp_path / "new")
    defaults = Settings(briefs=tmp_path / "new" / "briefs")
    assert written.config_path == tmp_path / "new" / "forecast.yaml"
    assert dataclass_fields(written) == dataclass_fields(defaults)
    # Every key is written out, each with a comment above it.
    text = (tmp_path / "new" / "forecast.yaml").read_text(encoding="utf-8")
    keys = re.findall(r"^(\w+):", text, re.MULTILINE)
    assert keys == ["briefs", "scale", "due_within", "date_order", "horizons", "scales"]
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"\w+:", line):
            assert lines[i - 1].startswith("# "), line


def dataclass_fields(settings: Settings) -> dict[str, Any]:
    return {k: v for k, v in vars(settings).items() if k != "config_path"}


def test_init_works_in_the_current_folder_and_in_an_empty_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("init", str(empty)).code == 0
    assert files_in(empty) == sorted(FILES)
    Path("briefs").rmdir()  # the test's own empty briefs folder may stay; this one is empty
    r = run("init")
    assert r.code == 0, r.err
    assert r.out.startswith("Created a briefs repository in .:\n")
    assert "  cd " not in r.out


def test_in_a_git_repository_the_next_steps_skip_git_init(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    r = run("init", "repo")
    assert r.code == 0
    assert "git init" not in r.out
    assert '  git add -A && git commit -m "Start the briefs repository"\n' in r.out


def workflow(ci: str, *options: str) -> dict[Any, Any]:
    r = run("init", "team", "--ci", ci, *options)
    assert r.code == 0, r.err
    assert files_in(Path("team")) == sorted([*FILES, CI[ci]])
    data = yaml.safe_load(Path("team", CI[ci]).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_ci_github_checks_every_push_and_keeps_the_weekly_report() -> None:
    data = workflow("github")
    # YAML 1.1 reads the key `on` as true; GitHub reads it as `on`.
    triggers = data[True]
    assert set(triggers) == {"push", "schedule", "workflow_dispatch"}
    assert triggers["schedule"] == [{"cron": "0 7 * * 1"}]
    assert data["env"] == {"FORECASTCLI": f"forecastcli=={__version__}"}
    check, report = data["jobs"]["check"], data["jobs"]["weekly-report"]
    assert check["if"] == "github.event_name == 'push'"
    runs = [step.get("run") for step in check["steps"]]
    assert runs[-2:] == ['pip install "$FORECASTCLI"', "forecast check"]
    assert report["if"] == "github.event_name != 'push'"
    commands = [step.get("run", "") for step in report["steps"]]
    assert 'forecast report --as-of yesterday --output "reports/$(date -u +%F).html"' in commands
    upload = report["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert (upload["if"], upload["with"]["path"]) == ("always()", "reports/")


def test_ci_gitlab_checks_every_push_and_keeps_the_scheduled_report() -> None:
    data = workflow("gitlab", "--install", 'forecastcli @ git+https://example.org/"x".git@v1')
    assert data["variables"] == {"FORECASTCLI": 'forecastcli @ git+https://example.org/"x".git@v1'}
    assert data["default"]["before_script"] == ['pip install "$FORECASTCLI"']
    assert data["check"]["script"] == ["forecast check"]
    assert data["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "push"'}]
    report = data["weekly-report"]
    assert report["script"][0].startswith("forecast report --as-of yesterday --output ")
    assert report["artifacts"]["paths"] == ["reports/"]
    assert report["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    r = run("init", "other", "--ci", "gitlab")
    assert r.out.endswith(
        "CI installs forecastcli with:\n"
        f'  pip install "forecastcli=={__version__}"\n'
        "To get it elsewhere, change FORECASTCLI in .gitlab-ci.yml.\n"
        "For the weekly report, add a weekly pipeline schedule in GitLab\n"
        "(Build > Pipeline schedules).\n"
    )


@pytest.mark.parametrize("existing", [*FILES, CI["github"]])
def test_init_never_replaces_a_file_and_then_writes_nothing(existing: str) -> None:
    target = Path("team", existing)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("ours\n", encoding="utf-8")
    r = run("init", "team", "--ci", "github")
    assert (r.code, r.out) == (1, "")
    assert r.err == (
        f"team/{existing}: exists; forecast init never replaces a file\nteam: nothing was written\n"
    )
    assert files_in(Path("team")) == [existing]
    assert target.read_text(encoding="utf-8") == "ours\n"


def test_init_refuses_a_briefs_folder_that_holds_briefs_and_a_file_as_the_folder() -> None:
    Path("briefs", "ours.yaml").write_text("title: Ours\n", encoding="utf-8")
    r = run("init")
    assert r.code == 1
    assert (
        r.err
        == "briefs: holds briefs already; the example would join them\n.: nothing was written\n"
    )
    assert not Path("forecast.yaml").exists()
    Path("a-file").write_text("", encoding="utf-8")
    r = run("init", "a-file")
    assert (r.code, r.err) == (
        1,
        "Error: a-file is a file; give a folder for the new briefs repository\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ci", "jenkins"], "Error: --ci must be one of github, gitlab, not 'jenkins'\n"),
        (
            ["--install", "x"],
            "Error: --install says how CI installs forecastcli: give it with --ci\n",
        ),
    ],
)
def test_usage_errors_write_nothing(args: list[str], message: str) -> None:
    r = run("init", "team", *args)
    assert (r.code, r.err) == (2, message)
    assert not Path("team").exists()


def test_the_example_brief_is_dated_from_the_day_of_init() -> None:
    assert run("init", "team").code == 0
    text = Path("team/briefs/example.yaml").read_text(encoding="utf-8")
    assert "published: 2026-07-27 " in text
    assert f"closes: {dt.date(2026, 12, 7).isoformat()} " in text
    assert "forecast resolve example/talks-resume yes --date 2026-08-27" in text
