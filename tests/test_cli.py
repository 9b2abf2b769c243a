"""The command line: typed options, exit codes (0 ok, 1 findings, 2 bad input, 3 bug), no traceback."""

from __future__ import annotations

import json
import os
import shlex

import pytest

from hgmap.cli import COMMANDS, EXIT_INTERNAL, EXIT_USAGE, build_parser, main


@pytest.fixture()
def paths(tmp_path):
    """A regular file, a folder and a missing file to misuse as inputs and outputs."""
    afile = tmp_path / "afile.txt"
    afile.write_text("not a folder\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    return {"file": str(afile), "dir": str(folder), "missing": str(tmp_path / "missing.csv"),
            "under_file": str(afile / "x.csv"), "deep_under_file": str(afile / "sub" / "x.html")}


# (argv with {placeholders}, a fragment the message must contain)
BAD = [
    # access: issue 16 items 1, 2, 7 and the silently accepted list
    ("access --stream lamps --k 0", "--k: must be 1 or more, got 0"),
    ("access --stream lamps --k -2", "--k: must be 1 or more, got -2"),
    ("access --stream lamps --k two", "'two' is not a whole number"),
    ("access --stream lamps --origins ''", "names no country"),
    ("access --stream lamps --origins ' '", "names no country"),
    ("access --stream lamps --origins ,", "names no country"),
    ("access --stream lamps --origins FJI,Tuvalu", "did you mean TUV (Tuvalu)?"),
    ("access --stream lamps --as-of ''", "--as-of: empty date"),
    ("access --stream lamps --as-of 20250101", "not a date in YYYY-MM-DD form"),
    ("access --stream lamps --as-of 2025-W01-1", "not a date in YYYY-MM-DD form"),
    ("access --stream lamps --as-of 2018-02-30", "February 2018 has no day 30"),
    ("access --stream nope", "unknown waste stream 'nope'"),
    ("access --stream lamps --facilities {missing}", "no such file"),
    ("access --stream lamps --facilities {dir}", "is a directory"),
    ("access --stream lamps --scenario {dir}", "is a directory"),
    ("access --stream lamps --out {dir}", "is a directory; give a file name"),
    ("access --stream lamps --out {under_file}", "is a file, not a folder"),
    ("access --stream lamps --format gpkg", "needs a file"),
    # run
    ("run --k 0", "--k: must be 1 or more"),
    ("run --out {file}", "is a file, not a folder"),
    ("run --out {deep_under_file}", "is a file, not a folder"),
    ("run --as-of ''", "--as-of: empty date"),
    ("run --streams ,", "names no waste stream"),
    ("run --streams lamps,nope", "unknown waste stream 'nope'"),
    ("run --replay {missing}", "no such file"),
    ("run --scenario {missing}", "no such file"),
    # legal
    ("legal --from Fiji --to AUS --stream lamps --operation disposal", "did you mean FJI (Fiji)?"),
    ("legal --from FJI --to QQQ --stream lamps --operation disposal", "'QQQ' is not a known"),
    ("legal --from FJI --to AUS --stream lamps --operation disposal --via ,", "--via: ',' names no country"),
    ("legal --from FJI --to AUS --stream lamps --operation disposal --via ''", "names no country"),
    ("legal --from FJI --to AUS --stream lamps --operation disposal --as-of ''", "--as-of: empty date"),
    ("legal --from FJI --to AUS --stream lamps --operation burn", "invalid choice: 'burn'"),
    ("legal --from FJI --to AUS --stream lamps --operation disposal --scenario {dir}", "is a directory"),
    # map
    ("map --stream lamps --alternatives -1", "--alternatives: must be 0 or more"),
    ("map --stream lamps --out {dir}", "is a directory; give a file name"),
    ("map --stream lamps --out {deep_under_file}", "is a file, not a folder"),
    ("map --stream lamps --origins ,", "names no country"),
    ("map --stream lamps --routes ''", "names no country"),
    ("map --stream lamps --routes FJI,Samoa", "did you mean WSM (Samoa)?"),
    ("map --stream lamps --as-of 2025W011", "not a date in YYYY-MM-DD form"),
    # report
    ("report --sids --k 0 --out {file}", "--k: must be 1 or more"),
    ("report --sids --out {dir}", "is a directory; give a file name"),
    ("report --sids --out {under_file}", "is a file, not a folder"),
    ("report --sids --streams nope --out {file}", "unknown waste stream 'nope'"),
    ("report --sids --as-of '' --out {file}", "--as-of: empty date"),
    # facilities
    ("facilities validate {missing}", "no such file"),
    ("facilities validate {dir}", "is a directory"),
    ("facilities list --country Fiji", "did you mean FJI (Fiji)?"),
    ("facilities list --stream nope", "unknown waste stream 'nope'"),
    ("facilities list --facilities {missing}", "no such file"),
    # dossier
    ("dossier Fiji --out {dir}", "did you mean FJI (Fiji)?"),
    ("dossier FJI --k 0 --out {dir}", "--k: must be 1 or more"),
    ("dossier FJI --streams nope --out {dir}", "unknown waste stream 'nope'"),
    ("dossier FJI --as-of 2018-02-30 --out {dir}", "February 2018 has no day 30"),
    ("dossier FJI --out {file}", "is a file, not a folder"),
    ("dossier FJI --lang de --out {dir}", "invalid choice: 'de'"),
    # plan and hubs
    ("plan --inventory {missing} --out {dir}", "no such file"),
    ("plan --inventory {file} --k 0 --out {dir}", "--k: must be 1 or more"),
    ("plan --inventory {file} --as-of 2025-13-01 --out {dir}", "no month 13"),
    ("plan --inventory {file} --out {file}", "is a file, not a folder"),
    ("hubs --region pacific --p 0", "--p: must be 1 or more"),
    ("hubs --region pacific --p 2 --stream nope", "unknown waste stream 'nope'"),
    ("hubs --region pacific --p 2 --candidates {dir}", "is a directory"),
    # review 22 (new user): a misspelt region names the option and the region meant
    ("hubs --region pacifc --p 2", "--region: unknown region 'pacifc'; did you mean pacific?"),
    ("hubs --region Fiji --p 2", "did you mean FJI (Fiji)?"),
    # review 22: an origins file hgmap cannot read is bad input (exit 2), not an internal error
    ("access --stream lamps --origins-file {file}", "unsupported format '.txt'"),
    # catalogue
    ("catalogue init", "no catalogue database given"),
    ("catalogue import {missing} {file} --organisation x", "no such catalogue"),
    ("catalogue import {dir}/c.gpkg {missing} --organisation x", "no such file"),
    ("catalogue export {dir}/c.gpkg {dir}", "is a directory; give a file name"),
    ("catalogue site {dir}/c.gpkg --out {file}", "is a file, not a folder"),
    ("catalogue init {file}", "a .gpkg file or a postgresql"),
]


def _argv(template: str, paths: dict) -> list[str]:
    return [word.format(**paths) for word in shlex.split(template)]


@pytest.mark.parametrize(("template", "fragment"), BAD, ids=[t for t, _ in BAD])
def test_bad_values_exit_2_with_a_message_and_no_traceback(template, fragment, paths, capsys):
    rc = main(_argv(template, paths))
    err = capsys.readouterr().err
    assert rc == EXIT_USAGE, err
    assert fragment in err
    assert "Traceback" not in err
    assert err.startswith(("hgmap: error:", "usage:")), err


def test_every_subcommand_has_bad_value_cases():
    covered = {shlex.split(t)[0] for t, _ in BAD}
    assert covered == set(COMMANDS)


def test_bad_output_paths_refused_before_any_work(paths, monkeypatch, capsys):
    # The --out check runs at argument parsing: the solver is never started.
    import hgmap.access

    def boom(*a, **k):  # pragma: no cover - must not run
        raise AssertionError("accessibility() ran although --out was unusable")

    monkeypatch.setattr(hgmap.access, "accessibility", boom)
    assert main(["access", "--stream", "lamps", "--out", paths["dir"]]) == EXIT_USAGE
    assert paths["dir"] in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_named(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["access", "--stream", "lamps", "--out", str(locked / "x.csv")]) == EXIT_USAGE
        assert "permission denied" in capsys.readouterr().err
    finally:
        locked.chmod(0o700)


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "Exit codes" in capsys.readouterr().out
    assert main(["facilities", "validate", "--help"]) == 0


def test_missing_subcommand_is_a_usage_error(capsys):
    assert main([]) == EXIT_USAGE
    assert "Traceback" not in capsys.readouterr().err


def test_verbose_after_the_subcommand():
    args = build_parser().parse_args(["legal", "-v", "--from", "FJI", "--to", "AUS", "--stream", "lamps",
                                      "--operation", "disposal"])
    assert args.verbose == 1
    assert build_parser().parse_args(["-vv", "facilities", "list"]).verbose == 2


def test_typed_options_reach_the_handlers():
    args = build_parser().parse_args(["legal", "--from", " fji", "--to", "aus", "--stream", "lamps",
                                      "--operation", "disposal", "--via", "NZL, ,nru",
                                      "--as-of", "2024-02-29"])
    assert (args.origin, args.destination, args.via) == ("FJI", "AUS", ("NZL", "NRU"))
    assert args.as_of.isoformat() == "2024-02-29"
    assert build_parser().parse_args(["legal", "--from", "FJI", "--to", "AUS", "--stream", "lamps",
                                      "--operation", "disposal"]).via == ()
    assert build_parser().parse_args(["map", "--stream", "lamps", "--routes", "fji,tuv"]).routes == ["FJI", "TUV"]
    assert build_parser().parse_args(["map", "--stream", "lamps", "--routes", " None"]).routes == "none"
    run = build_parser().parse_args(["run", "--streams", "lamps, batteries,lamps", "--k", "2"])
    assert run.streams == ("lamps", "batteries") and run.k == 2


def test_legal_json_still_works(capsys):
    rc = main(["legal", "--from", "NZL", "--to", "FJI", "--stream", "lamps", "--operation", "disposal",
               "--via", "AUS", "--as-of", "2025-06-30", "--json"])
    out = capsys.readouterr().out
    assert rc == 0
    assert '"status"' in out


def test_legal_sea_passage(capsys):
    """Izmir Protocol Art 6(4): a Party passed through its territorial sea only is notified,
    its transit ban does not apply (text: csb.gov.tr edition, page 51; UNEP/MAP form)."""
    argv = ["legal", "--from", "ESP", "--to", "DEU", "--stream", "lamps", "--operation", "recovery", "--via", "TUN",
            "--as-of", "2026-06-01", "--json"]
    assert main(argv) == 0
    banned = json.loads(capsys.readouterr().out)
    assert banned["status"] == "prohibited" and "R7-izmir-transit" in json.dumps(banned)
    assert main([*argv, "--sea-passage", "TUN"]) == 0
    passing = json.loads(capsys.readouterr().out)
    assert passing["status"] != "prohibited" and "R7-izmir-sea" in json.dumps(passing)
    assert main([*argv, "--sea-passage", "MAR"]) == 2
    assert "not one of the via States" in capsys.readouterr().err


def _legal_argv(*extra: str) -> list[str]:
    return [*extra, "legal", "--from", "NZL", "--to", "FJI", "--stream", "lamps", "--operation", "disposal",
            "--as-of", "2025-06-30"]


def test_internal_error_exits_3_in_one_line(monkeypatch, capsys):
    import hgmap.law

    def crash(*a, **k):
        raise KeyError("unexpected\nsecond line")

    monkeypatch.setattr(hgmap.law, "assess", crash)
    assert main(_legal_argv()) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.startswith("hgmap: error: internal error (please report): KeyError")
    assert "Traceback" not in err and "run with -v" in err
    assert len(err.strip().splitlines()) == 1


def test_internal_error_traceback_with_verbose(monkeypatch, capsys):
    import hgmap.law

    monkeypatch.setattr(hgmap.law, "assess", lambda *a, **k: 1 / 0)
    assert main(_legal_argv("-v")) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "internal error (please report): ZeroDivisionError" in err
    assert "Traceback" in err


def test_hgmap_error_and_os_error_exit_2(monkeypatch, capsys):
    import hgmap.law

    def bad(*a, **k):
        raise hgmap.errors.ScenarioError("scenario x.yaml: changes[0]: unknown action 'jion'")

    monkeypatch.setattr(hgmap.law, "assess", bad)
    assert main(_legal_argv()) == EXIT_USAGE
    assert "unknown action 'jion'" in capsys.readouterr().err

    def unreadable(*a, **k):
        raise PermissionError(13, "Permission denied", "/data/catalogue.csv")

    monkeypatch.setattr(hgmap.law, "assess", unreadable)
    assert main(_legal_argv()) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "/data/catalogue.csv: Permission denied" in err and "Traceback" not in err


def test_validation_findings_exit_1(data_dir, capsys):
    assert main(["facilities", "validate", str(data_dir / "facilities_bad.csv")]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_output_error_at_write_time_exits_2(monkeypatch, tmp_path, capsys):
    # An output that becomes unusable after the arguments were checked still gives a clean error.
    import hgmap._io
    import hgmap.law

    target = tmp_path / "late"

    def writes_late(*a, **k):
        target.mkdir()
        hgmap._io.atomic_write_text(target, "x")

    monkeypatch.setattr(hgmap.law, "assess", writes_late)
    assert main(_legal_argv()) == EXIT_USAGE
    assert f"cannot write {target}: it is a directory" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "code"), [("Fiji", "FJI"), ("fiji", "FJI"), (" Republic of  Fiji ", "FJI"),
                                            ("fj", "FJI"), ("Fidji", "FJI"), ("Haiti", "HTI"), ("Jamaca", "JAM"),
                                            ("Tuvalu", "TUV"), ("St Lucia", "LCA"), ("Atlantis", None), ("", None)])
def test_country_name_suggestions(text, code):
    from hgmap.countries import suggest_country

    assert suggest_country(text, n=1) == ([code] if code else [])


def test_console_script_flushes_its_output_and_keeps_the_exit_code(tmp_path):
    """``python -m hgmap`` runs :func:`hgmap.cli.console`, which leaves with ``os._exit``
    (no interpreter teardown): what was printed must still arrive whole, through a pipe,
    and the exit code must be the command's (0, and 2 for a usage error)."""
    import subprocess
    import sys

    env = {**os.environ, "HGMAP_CACHE_DIR": os.environ.get("HGMAP_CACHE_DIR", str(tmp_path / "cache"))}
    ok = subprocess.run([sys.executable, "-m", "hgmap", "legal", "--from", "FJI", "--to", "NZL", "--stream", "lamps",
                         "--operation", "recovery", "--json"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["origin"] == "FJI"
    bad = subprocess.run([sys.executable, "-m", "hgmap", "legal", "--from", "FJI"], capture_output=True, text=True,
                         env=env, cwd=tmp_path)
    assert bad.returncode == 2 and "--to" in bad.stderr and not bad.stdout


def test_the_hgmap_command_is_the_console_entry_point():
    """The installed ``hgmap`` script runs :func:`hgmap.cli.console` (``pyproject.toml``
    ``[project.scripts]``), the same as ``python -m hgmap``."""
    from importlib.metadata import entry_points

    import hgmap.cli

    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "hgmap"]
    assert ep.value == "hgmap.cli:console" and ep.load() is hgmap.cli.console


@pytest.mark.parametrize("template", ["access --stream lamps --origins FJX", "map --stream lamps --origins FJX",
                                      "access --stream lamps --origins TUV,FJX", "legal --from FJX --to AUS "
                                      "--stream lamps --operation disposal"])
def test_a_near_miss_code_is_suggested_once(template, paths, capsys):
    rc = main(_argv(template, paths))
    err = capsys.readouterr().err
    assert rc == EXIT_USAGE
    assert err.count("did you mean") == 1 and "did you mean FJI (Fiji)?" in err, err


def test_avoid_help_says_it_also_closes_the_avoided_states_facilities(capsys):
    """--avoid cuts the States from the routes and closes their facilities (reason avoid):
    the help must not promise transit only."""
    assert main(["access", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "never transit or ship to these states" in text and "facilities are closed" in text
