"""Property-based tests (Hypothesis): every input gives a result or an HgmapError, never anything else.

Four public entry points are fed generated input: facility catalogues
(:func:`hgmap.validate_facilities` and :func:`hgmap.load_facilities` on generated CSV
files), scenario documents (:meth:`hgmap.law.Scenario.from_dict`, then used by
:func:`hgmap.law.assess`), :func:`hgmap.law.assess` arguments, and command lines
(:func:`hgmap.cli.main`: exit 0, 1 or 2 and never a traceback).

The runs are bounded (a fixed seed and a few dozen examples each, a few seconds in all);
``HGMAP_FUZZ=500`` runs 500 examples per property, with a random seed, for a deeper hunt.
Bugs found this way are pinned by regression tests at the end (each names the bug); a
bug still open is pinned by ``xfail(strict=True)`` and skipped by the properties through
``_known_bug`` so that they keep finding new ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import hgmap  # noqa: E402
from hgmap import law  # noqa: E402
from hgmap.errors import HgmapError  # noqa: E402
from hgmap.facilities import COLUMNS, CONFIDENCES, PRECISIONS, STATUSES, TECHNOLOGIES  # noqa: E402
from hgmap.vocab import OPERATIONS, STREAMS  # noqa: E402

_DEEP = int(os.environ.get("HGMAP_FUZZ", "0"))


def _settings(n: int):
    return settings(max_examples=_DEEP or n, deadline=None, derandomize=not _DEEP, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.filter_too_much])


def _result_or_hgmap_error(call):
    """Run ``call()``; return its result, or None for an HgmapError; anything else fails."""
    try:
        return call()
    except HgmapError:
        return None


# -- building blocks -----------------------------------------------------------------------

CODES = ("FJI", "TUV", "HTI", "JAM", "AUS", "NZL", "USA", "DEU", "JPN", "SGP", "ATA", "PLW", "MNP", "BES")
junk_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
day = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
edge_day = st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1989, 3, 22),
                            dt.date(2019, 12, 5), dt.date(2025, 6, 30)])
date_text = st.one_of(day.map(dt.date.isoformat), edge_day.map(dt.date.isoformat),
                      st.sampled_from(["2018-02-30", "20250101", "2025-W01-1", "", " ", "2025-13-01"]))
scalar = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=True), junk_text,
                   day, st.sampled_from(CODES))
anything = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.one_of(junk_text, st.integers()), inner,
                                                                      max_size=3)),
                        max_leaves=6)


def maybe(valid: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly valid values, sometimes anything at all."""
    return st.one_of(valid, valid, valid, anything)


# -- catalogue rows ------------------------------------------------------------------------

def _cell(column: str) -> st.SearchStrategy:
    plausible = {
        "id": st.from_regex(r"HG-[A-Z]{3}-[0-9]{3}", fullmatch=True),
        "country_iso3": st.sampled_from(CODES),
        "lat": st.one_of(st.floats(-95, 95).map(repr), st.sampled_from(["-18.1", "91", "x", "1e400", "nan"])),
        "lon": st.one_of(st.floats(-185, 185).map(repr), st.sampled_from(["178.4", "-181", "inf", ""])),
        "coord_precision": st.sampled_from(PRECISIONS),
        "technologies": st.lists(st.sampled_from(TECHNOLOGIES), max_size=3).map(";".join),
        "streams": st.lists(st.sampled_from(STREAMS), max_size=3).map(";".join),
        "operations": st.lists(st.tuples(st.sampled_from(STREAMS), st.sampled_from(OPERATIONS)), max_size=2)
        .map(lambda ps: ";".join(f"{s}:{o}" for s, o in ps)),
        "status": st.sampled_from(STATUSES),
        "confidence": st.sampled_from(CONFIDENCES),
        "source_url": st.sampled_from(["https://example.org/a", "http://x.y/z | https://a.b/c", "ftp://x", ""]),
        "website": st.sampled_from(["https://example.org", "javascript:alert(1)", ""]),
        "as_of": date_text,
        "capacity_tpy": st.sampled_from(["", "100", "-5", "lots", "1e9"]),
    }.get(column, st.text(max_size=20))
    return st.one_of(plausible, plausible, junk_text, st.sampled_from(['"', "a,b", "line\nbreak", "<img src=x>"]))


catalogue_row = st.fixed_dictionaries({c: _cell(c) for c in COLUMNS})


@st.composite
def catalogue_csv(draw) -> str:
    columns = list(COLUMNS)
    if draw(st.integers(0, 9)) == 0:  # sometimes a column is missing or unknown
        columns.remove(draw(st.sampled_from(columns)))
    if draw(st.integers(0, 9)) == 0:
        columns.append("extra")
    rows = draw(st.lists(catalogue_row, min_size=0, max_size=4))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "x") for c in columns])
    return buf.getvalue()


@_settings(40)
@given(text=catalogue_csv())
def test_catalogue_rows_give_a_report_or_an_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalogue.csv"
        path.write_text(text, encoding="utf-8")
        report = _result_or_hgmap_error(lambda: hgmap.validate_facilities(path))
        if report is not None:
            assert isinstance(report.ok, bool)
            assert isinstance(report.format(), str)
        frame = _result_or_hgmap_error(lambda: hgmap.load_facilities(path))
        if frame is not None:
            assert report is not None and report.ok, "load_facilities accepted a catalogue validate refused"
            assert frame.crs.to_epsg() == 4326


# -- scenario documents --------------------------------------------------------------------



def _ids() -> tuple[list[str], list[str]]:
    from hgmap.law.tables import load_tables

    tables = load_tables()
    return [b.ban_id for b in tables.bans][:6], [a.agreement_id for a in tables.agreements][:6]


BAN_IDS, AGREEMENT_IDS = _ids()
FIELD_VALUES = {
    "instrument": st.sampled_from(["basel", "ban_amendment", "minamata", "waigani", "bamako", "eu"]),
    "iso3": st.sampled_from(CODES + ("ABW", "AIA", "PRI")),
    "date": date_text,
    "until": date_text,
    "id": st.sampled_from(BAN_IDS + AGREEMENT_IDS + ["NEW-1", "HG-JPN-001"]),
    "measure": st.sampled_from(["import", "export", "transit", "import_ban"]),
    "partners": st.sampled_from(["all", "non_members:basel", "AUS;NZL", "QQQ"]),
    "streams": st.sampled_from(["all", "lamps", "lamps,batteries", "soup"]),
    "operations": st.sampled_from(["all", "disposal", "recovery,disposal", "burn"]),
    "parties": st.sampled_from(["FJI,AUS", "FJI", "FJI;TUV;NZL", ""]),
    "exporters": st.sampled_from(["FJI", "TUV,FJI"]),
    "importers": st.sampled_from(["AUS", "NZL"]),
    "basel_coverage": st.sampled_from(["covered", "not_covered", "unknown"]),
    "eu_law": st.sampled_from(["yes", "no", "unknown"]),
    "status": st.sampled_from(STATUSES),
}
ACTIONS = ("join", "leave", "add_ban", "lift_ban", "add_agreement", "end_agreement", "set_coverage",
           "remove_facility", "set_facility_status")


@st.composite
def change(draw) -> dict:
    out = {"action": draw(maybe(st.sampled_from(ACTIONS)))}
    keys = draw(st.lists(st.sampled_from(sorted(FIELD_VALUES) + ["note", "source", "title", "citation"]),
                         max_size=5, unique=True))
    for key in keys:
        out[key] = draw(maybe(FIELD_VALUES.get(key, st.text(max_size=10))))
    return out


scenario_doc = st.one_of(
    st.fixed_dictionaries({"name": maybe(st.sampled_from(["what if", "Fiji accedes"])),
                           "changes": maybe(st.lists(change(), min_size=1, max_size=3))},
                          optional={"description": maybe(st.text(max_size=20)), "extra": anything}),
    anything,
)


@_settings(60)
@given(doc=scenario_doc)
def test_scenario_documents_give_a_scenario_or_an_error(doc):
    scenario = _result_or_hgmap_error(lambda: law.Scenario.from_dict(doc))
    if scenario is None:
        return
    assert isinstance(scenario, law.Scenario)
    hash(scenario)  # results are cached per scenario
    decision = _result_or_hgmap_error(lambda: law.assess("FJI", "AUS", "lamps", "disposal",
                                                         as_of="2025-06-30", scenario=scenario))
    if decision is not None:
        assert decision.status in {"prohibited", "permitted_with_consent", "not_governed", "domestic"}


@st.composite
def scenario_file(draw) -> tuple[str, bytes]:
    import yaml

    suffix = draw(st.sampled_from([".yaml", ".yml", ".toml", ".txt", ""]))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        try:
            body = yaml.safe_dump(draw(scenario_doc), allow_unicode=True).encode("utf-8")
        except yaml.YAMLError:
            body = b"name: x"
    elif kind == 1:
        body = draw(st.text(max_size=60)).encode("utf-8")
    elif kind == 2:
        body = draw(st.binary(max_size=40))
    else:
        body = b'name = "x"\n[[changes]]\naction = "join"\ninstrument = "basel"\niso3 = "FJI"\ndate = 2025-01-01\n'
    return suffix, body


@_settings(40)
@given(spec=scenario_file())
def test_scenario_files_give_a_scenario_or_an_error(spec):
    suffix, body = spec
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"scenario{suffix}"
        path.write_bytes(body)
        scenario = _result_or_hgmap_error(lambda: law.load_scenario(path))
        assert scenario is None or isinstance(scenario, law.Scenario)


# -- law.assess arguments --------------------------------------------------------------------

code_arg = maybe(st.sampled_from(CODES + ("fji", " tuv ")))


@_settings(60)
@given(origin=code_arg, destination=code_arg, stream=maybe(st.sampled_from(STREAMS)),
       operation=maybe(st.sampled_from(OPERATIONS)),
       as_of=st.one_of(st.none(), day, date_text, anything),
       via=st.one_of(st.lists(code_arg, max_size=3).map(tuple), st.lists(code_arg, max_size=3), anything))
def test_assess_gives_a_decision_or_an_error(origin, destination, stream, operation, as_of, via):
    decision = _result_or_hgmap_error(lambda: law.assess(origin, destination, stream, operation, as_of=as_of,
                                                         via=via))
    if decision is not None:
        assert decision.status in {"prohibited", "permitted_with_consent", "not_governed", "domestic"}
        assert decision.data_date
        assert decision.explain()


# -- accessibility arguments ------------------------------------------------------------------

@_settings(25)
@given(stream=maybe(st.sampled_from(STREAMS)),
       origins=st.one_of(st.sampled_from(["TUV", "FJI,HTI", "sids", "", ",", "Fiji", "QQQ"]),
                         st.lists(st.sampled_from(CODES + ("qqq",)), max_size=3), anything),
       k=st.one_of(st.integers(-2, 4), anything),
       # A few fixed days: each new day builds the legal state again, which is what makes a solve cost.
       as_of=st.one_of(st.none(), edge_day, st.sampled_from(["2018-02-30", "20250101", ""]), anything),
       operation=st.one_of(st.none(), st.sampled_from(OPERATIONS), anything))
def test_accessibility_gives_a_result_or_an_error(stream, origins, k, as_of, operation):
    result = _result_or_hgmap_error(lambda: hgmap.accessibility(stream, origins=origins, k=k, as_of=as_of,
                                                                operation=operation))
    if result is not None:
        assert set(result["status"]) <= {"reachable", "no_legal_route", "no_facility_for_stream"}
        assert result.attrs["data_date"]


# -- command lines -----------------------------------------------------------------------------

def _opt(name: str, values: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(st.just(name), values)


VALUES = {
    "--stream": st.one_of(st.sampled_from(STREAMS), st.sampled_from(STREAMS), junk_text),
    "--streams": st.sampled_from(["lamps", "lamps,other", ",", "", "all", "soup"]),
    "--origins": st.sampled_from(["TUV", "FJI,TUV", "sids", "", " ", ",", "Fiji", "QQQ", "tuv,HTI"]),
    "--as-of": date_text,
    "--k": st.sampled_from(["1", "2", "0", "-1", "x", "1.5", ""]),
    "--alternatives": st.sampled_from(["0", "2", "-1", "y"]),
    "--operation": st.sampled_from(["disposal", "recovery", "burn", ""]),
    "--from": st.one_of(st.sampled_from(CODES + ("fji", " tuv ", "Fiji")), junk_text),
    "--to": st.one_of(st.sampled_from(CODES + ("fji", " tuv ", "Fiji")), junk_text),
    "--via": st.sampled_from(["", ",", "AUS", "AUS,NZL", "Australia", "QQQ"]),
    "--country": st.sampled_from(["AUS", "aus", "Australia", "", "QQQ"]),
    "--status": st.sampled_from(["operating", "closed", "nope"]),
    "--format": st.sampled_from(["csv", "json", "table", "geojson", "gpkg", "md", "x"]),
}
COMMAND_OPTIONS = {
    "access": ["--stream", "--origins", "--as-of", "--k", "--operation", "--format"],
    "legal": ["--from", "--to", "--stream", "--operation", "--via", "--as-of"],
    "facilities list": ["--stream", "--country", "--status", "--format"],
    # These write whole outputs: their --out is always unusable, so only argument handling runs.
    "map": ["--stream", "--origins", "--as-of", "--alternatives", "--operation"],
    "report": ["--streams", "--as-of", "--k", "--operation"],
    "run": ["--streams", "--as-of", "--k"],
}


@st.composite
def command_line(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMAND_OPTIONS)))
    names = draw(st.lists(st.sampled_from(COMMAND_OPTIONS[command]), max_size=5, unique=True))
    argv = command.split(" ")
    if command == "report":
        argv.append("--sids")
    for name in names:
        argv += [name, draw(VALUES[name])]
    if command in {"map", "report"}:
        argv += ["--out", "{dir}"]  # a folder where a file is wanted
    if command == "run":
        argv += ["--out", "{file}"]  # a file where a folder is wanted
    if command == "access" and "--origins" not in names:
        argv += ["--origins", "TUV"]  # keep solves small
    return argv


@_settings(40)
@given(argv=command_line())
def test_command_lines_exit_0_1_or_2_without_traceback(argv, tmp_path, capsys):
    folder = tmp_path / "out.d"
    folder.mkdir(exist_ok=True)
    afile = tmp_path / "out.txt"
    afile.write_text("", encoding="utf-8")
    argv = [a.replace("{dir}", str(folder)).replace("{file}", str(afile)) for a in argv]
    rc = hgmap.cli.main(argv)
    out, err = capsys.readouterr()
    assert rc in (0, 1, 2), (argv, err)
    assert "Traceback" not in err, (argv, err)
    if rc == 2:
        assert "hgmap: error:" in err, (argv, err)
    elif rc == 0:
        assert out or err


# -- regressions (issue 16 items 3-6, 8 and strict catalogue dates, fixed) and one known bug -------------

@pytest.mark.parametrize("doc", [
    {"name": "x", "changes": [{"action": ["join"], "instrument": "basel", "iso3": "FJI", "date": "2025-01-01"}]},
    {"name": "x", "changes": [{"action": "add_ban", "id": "B", "iso3": "FJI", "measure": ["import"],
                               "date": "2025-01-01"}]},
    {"name": "x", "changes": [{"action": "set_coverage", "iso3": "ABW", "basel_coverage": ["x"]}]},
    {1: "a", "b": 2, "name": "x", "changes": []},
], ids=["action-list", "measure-list", "coverage-list", "mixed-keys"])
def test_regression_unhashable_scenario_values(doc):
    _assert_hgmap_error(lambda: law.Scenario.from_dict(doc))


@pytest.mark.parametrize("action,ident", [("lift_ban", BAN_IDS[0]), ("end_agreement", AGREEMENT_IDS[0])])
def test_regression_first_day_scenario_dates(action, ident):
    def call():
        scen = law.Scenario.from_dict({"name": "x", "changes": [{"action": action, "id": ident,
                                                                 "date": "0001-01-01"}]})
        return law.assess("FJI", "AUS", "lamps", "disposal", as_of="2025-06-30", scenario=scen)

    _assert_hgmap_error(call, allow_result=True)


@pytest.mark.parametrize("via", [None, 123])
def test_regression_assess_via_not_a_list(via):
    _assert_hgmap_error(lambda: law.assess("FJI", "AUS", "lamps", "disposal", as_of="2025-06-30", via=via),
                        allow_result=True)


def _assert_hgmap_error(call, *, allow_result: bool = False) -> None:
    try:
        call()
    except HgmapError:
        return
    if not allow_result:
        pytest.fail("expected an HgmapError")


@pytest.mark.parametrize("kind", ["latin-1", "directory"])
def test_regression_unreadable_scenario_files(tmp_path, kind):
    if kind == "directory":
        path = tmp_path / "scenario.yaml"
        path.mkdir()
    else:
        path = tmp_path / "scenario.yaml"
        path.write_bytes("name: Curaçao\n".encode("latin-1"))
    _assert_hgmap_error(lambda: law.load_scenario(path))


def test_regression_header_only_catalogue(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    _assert_hgmap_error(lambda: hgmap.accessibility("lamps", origins="TUV", facilities=path), allow_result=True)


@pytest.mark.parametrize("as_of", ["20250101", "2018-02-30"])
def test_regression_catalogue_as_of_not_checked(tmp_path, as_of):
    from hgmap._io import data_path

    with open(data_path("facilities.csv"), newline="", encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    row["as_of"] = as_of
    path = tmp_path / "one.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    report = hgmap.validate_facilities(path)
    assert not report.ok and "as_of" in report.format()


@pytest.mark.parametrize("k", [0, -1, None, "x", 1.5, True])
def test_regression_accessibility_k_below_one(k):
    try:
        hgmap.accessibility("lamps", origins="TUV", k=k, as_of="2026-06-01")
    except HgmapError:
        return
    pytest.fail("k < 1 accepted")
