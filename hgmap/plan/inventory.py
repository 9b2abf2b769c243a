"""Waste inventories: how many tonnes of which stream each country or site generates a year.

An inventory is a CSV with ``country_iso3`` (or ``origin_id``), ``stream``,
``tonnes_per_year``, ``source`` and ``year`` (optional ``notes``). It is validated like
a catalogue: every problem names its line and field, and nothing is dropped silently.
A row whose ``tonnes_per_year`` is empty records that no published figure exists; it
is kept as *not quantified* (reported, never planned, never invented).

A row keyed by ``origin_id`` is a *site* (a hospital, a collection point, a mine) from
a user origins file, the one :func:`hgmap.origins.load_origin_points_file` reads (the
same file as ``hgmap access --origins-file``: ``id, country, lat, lon[, name]``). It is
planned from the site itself, with its own road and access legs, not from its
country's default origin. Rows by country and rows by site can be mixed in one file;
a row may give both, and then the country must be the site's.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..countries import check_country, load_countries
from ..errors import HgmapError, ValidationError
from ..vocab import STREAMS

__all__ = ["Inventory", "load_inventory", "implausible_rows", "INVENTORY_COLUMNS", "ROW_COLUMNS"]

#: Columns an inventory file has (``country_iso3`` may be replaced by ``origin_id``).
INVENTORY_COLUMNS = ("country_iso3", "stream", "tonnes_per_year", "source", "year")

#: Columns of :attr:`Inventory.rows` and :attr:`Inventory.unquantified`.
ROW_COLUMNS = ("line", "country_iso3", "origin_id", "origin_name", "stream", "tonnes_per_year", "source",
               "year", "notes")

_SITE_COLUMNS = ("id", "country_iso3", "name", "lon", "lat")

#: The earliest year an inventory figure may be for.
_FIRST_YEAR = 1900


@dataclass(frozen=True)
class Inventory:
    """A validated inventory.

    Attributes
    ----------
    rows
        Quantified rows (:data:`ROW_COLUMNS`): ``line`` (in the file),
        ``country_iso3``, ``origin_id`` (the site's id; empty for a row by country),
        ``origin_name`` (the site's or the country's name), ``stream``,
        ``tonnes_per_year`` (> 0), ``source``, ``year``, ``notes``. Rows by country
        repeating a country and stream are summed (their lines and sources joined
        with ``;``); a site is given once per stream.
    unquantified
        Rows with no figure (empty ``tonnes_per_year``), with their notes.
    path
        The file read, or ``None``.
    sites
        The origin points the site rows use (``id``, ``country_iso3``, ``name``,
        ``lon``, ``lat``), or ``None`` when no origins were given.
    warnings
        What was read but not used, as a catalogue validation reports it (an unknown
        column is ignored, and said so).
    """

    rows: pd.DataFrame
    unquantified: pd.DataFrame
    path: str | None = None
    sites: pd.DataFrame | None = None
    warnings: tuple[str, ...] = ()

    @property
    def total_tonnes(self) -> float:
        return float(self.rows["tonnes_per_year"].sum())

    def scaled(self, factor: float) -> Inventory:
        """A copy with every quantity multiplied by ``factor`` (scenarios, benchmarks)."""
        rows = self.rows.copy()
        rows["tonnes_per_year"] = rows["tonnes_per_year"] * float(factor)
        return Inventory(rows, self.unquantified.copy(), self.path, self.sites, self.warnings)

    def subset(self, index) -> Inventory:
        """The rows at ``index`` (labels of :attr:`rows`, kept), same sites."""
        return Inventory(self.rows.loc[list(index)], self.unquantified, self.path, self.sites, self.warnings)


def _load_sites(origins) -> tuple[pd.DataFrame, str]:
    """The origin points of ``origins`` (a file for :func:`load_origin_points_file` or
    its DataFrame) and how to name them in messages."""
    if isinstance(origins, pd.DataFrame):
        missing = [c for c in _SITE_COLUMNS if c not in origins.columns]
        if missing:
            raise HgmapError(f"origins: missing column(s) {', '.join(missing)}; expected the table "
                             "hgmap.origins.load_origin_points_file returns (id, country_iso3, name, lon, lat)")
        sites = origins[list(_SITE_COLUMNS)].copy()
        sites["id"] = sites["id"].astype(str).str.strip()
        dup = sites["id"][sites["id"].duplicated()]
        if len(dup):
            raise ValidationError("origins: duplicate id(s)", [f"origins: id {d!r} given twice" for d in dup.unique()])
        return sites.reset_index(drop=True), "the origins table"
    from ..origins import load_origin_points_file

    path = os.fspath(origins)
    return load_origin_points_file(path)[list(_SITE_COLUMNS)], f"origins file {path}"


def _frame(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(records, columns=list(ROW_COLUMNS))


def _read_table(source: str | os.PathLike | pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The inventory as a table of strings, and the path it was read from (``None`` for a DataFrame)."""
    if isinstance(source, pd.DataFrame):
        return source.astype(str).replace({"nan": "", "None": ""}), None
    path = os.fspath(source)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    except FileNotFoundError:
        raise HgmapError(f"inventory {path}: no such file") from None
    except (OSError, pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise HgmapError(f"inventory {path}: cannot be read ({exc})") from None
    return table, path


def _check_columns(table: pd.DataFrame, where: str) -> tuple[str, ...]:
    """Check the header (in place: names stripped, optional columns added empty); the
    warnings for unknown columns, which are ignored."""
    table.columns = [str(c).strip() for c in table.columns]
    for sep, name in ((";", "semicolons"), ("\t", "tabs")):
        if any(sep in c for c in table.columns):
            raise HgmapError(f"{where}: line 1 (header): the columns are separated by {name}, not commas "
                             f"({table.columns[0][:60]!r}); hgmap reads comma-separated CSV: save the file as "
                             "'CSV (comma delimited)' (a spreadsheet in a French or other locale writes ';' and a "
                             "decimal comma), and write numbers with a decimal point")
    has_key = "country_iso3" in table.columns or "origin_id" in table.columns
    missing = [c for c in INVENTORY_COLUMNS if c not in table.columns and (c != "country_iso3" or not has_key)]
    if missing:
        raise HgmapError(f"{where}: missing column(s) {', '.join(missing)}; expected {', '.join(INVENTORY_COLUMNS)} "
                         "(or origin_id in place of country_iso3)")
    known = (*INVENTORY_COLUMNS, "origin_id", "notes")
    warnings = tuple(f"header: unknown column {c!r} is ignored (columns: {', '.join(known)})"
                     for c in table.columns if c not in known)
    for col in ("country_iso3", "origin_id", "notes"):
        if col not in table.columns:
            table[col] = ""
    return warnings


def _country_problem(exc: HgmapError, line: int) -> str:
    """A country error as ``line N: country_iso3: ...`` (check_country may already say the line)."""
    return str(exc) if str(exc).startswith("line") else f"line {line}: country_iso3: {exc}"


def _resolve_site(rec: dict, line: int, *, sites: pd.DataFrame | None, site_of: dict, sites_where: str,
                  first_line: dict[tuple[str, str], int], problems: list[str]) -> bool:
    """Set a site row's country and name from its origin point; False when the row is bad."""
    ok = True
    oid = rec["origin_id"]
    site = site_of.get(oid)
    if sites is None:
        problems.append(f"line {line}: origin_id: {oid!r} given but no origins file (give the file of "
                        "sites with id, country, lat, lon: origins=... or --origins-file)")
        ok = False
    elif site is None:
        problems.append(f"line {line}: origin_id: {oid!r} is not an id in {sites_where}")
        ok = False
    else:
        if rec["country_iso3"]:
            try:
                given = check_country(rec["country_iso3"], field=f"line {line}: country_iso3")
            except HgmapError as exc:
                problems.append(_country_problem(exc, line))
                ok = False
            else:
                if given != site.country_iso3:
                    problems.append(f"line {line}: country_iso3: {given} but origin_id {oid!r} is a site in "
                                    f"{site.country_iso3} ({sites_where})")
                    ok = False
        rec["country_iso3"] = site.country_iso3
        rec["origin_name"] = str(site.name)
    key = (oid, rec["stream"])
    if key in first_line:
        problems.append(f"line {line}: origin_id: {oid!r} with stream {rec['stream']!r} is already given on "
                        f"line {first_line[key]} (one row per site and stream)")
        ok = False
    else:
        first_line[key] = line
    return ok


def _resolve_country(rec: dict, line: int, country_name: dict[str, str], problems: list[str]) -> bool:
    """Set a country row's ISO3 code and name; False when the row is bad."""
    if not rec["country_iso3"]:
        problems.append(f"line {line}: country_iso3: empty (give a country's ISO3 code, or an origin_id "
                        "from an origins file)")
        return False
    try:
        rec["country_iso3"] = check_country(rec["country_iso3"], field=f"line {line}: country_iso3")
        rec["origin_name"] = country_name.get(rec["country_iso3"], rec["country_iso3"])
    except HgmapError as exc:
        problems.append(_country_problem(exc, line))
        return False
    return True


def _check_fields(rec: dict, line: int, problems: list[str]) -> bool:
    """Check the stream, source and year of a row; False when one is bad."""
    ok = True
    if rec["stream"] not in STREAMS:
        problems.append(f"line {line}: stream: {rec['stream']!r} is not one of {', '.join(STREAMS)}")
        ok = False
    if not rec["source"]:
        problems.append(f"line {line}: source: empty (every figure, or its absence, needs a source)")
        ok = False
    year = rec["year"]
    this_year = _dt.date.today().year
    if year and not (len(year) == 4 and year.isdigit()):
        problems.append(f"line {line}: year: {year!r} is not a four-digit year (the year the figure is for, "
                        "e.g. 2024)")
        ok = False
    elif year and int(year) > this_year:
        problems.append(f"line {line}: year: {year} is in the future (after {this_year}): give the year the "
                        "figure was measured or estimated for (a typing error?)")
        ok = False
    elif year and int(year) < _FIRST_YEAR:
        problems.append(f"line {line}: year: {year} is before {_FIRST_YEAR}: give the year the figure was "
                        "measured or estimated for")
        ok = False
    return ok


def _quantity_problem(qty: str, line: int) -> str:
    """Why ``qty`` is not a positive number, with a hint for the usual slips (a decimal comma,
    a thousands separator, a unit)."""
    where = f"line {line}: tonnes_per_year: {qty!r}"
    if re.fullmatch(r"[+-]?\d+,\d+", qty):
        whole, frac = qty.lstrip("+-").split(",")
        alt = f" (or {whole}{frac}, if the comma separates thousands)" if len(frac) == 3 else ""
        return (f"{where} is not a number: a decimal comma? write {float(qty.replace(',', '.')):g}{alt}, with a point, "
                "and no thousands separator")
    if re.fullmatch(r"[+-]?\d{1,3}([ ,.\u00a0\u202f']\d{3})+([.,]\d+)?", qty):
        return f"{where} is not a number: write it without a thousands separator (e.g. 1500.5)"
    if re.fullmatch(r"[+-]?[\d.]+\s*[a-zA-Z/]+", qty):
        return f"{where} is not a number: give the number only, in tonnes a year (the unit is in the column name)"
    try:
        value = float(qty)
    except ValueError:
        return f"{where} is not a positive number (tonnes a year, e.g. 1.5)"
    if value == 0:
        return f"{where} is zero: leave the cell empty and say why in notes if there is no figure"
    return f"{where} is not a positive number (tonnes a year, e.g. 1.5)"


def _validate_rows(table: pd.DataFrame, sites: pd.DataFrame | None, sites_where: str
                   ) -> tuple[list[dict], list[dict], list[str]]:
    """Every row checked: the quantified rows, the rows with no figure, and every problem
    (``line N: field: problem``), in file order."""
    site_of = {} if sites is None else {r.id: r for r in sites.itertuples(index=False)}
    country_name = dict(zip(load_countries()["iso3"], load_countries()["name"]))
    problems: list[str] = []
    good: list[dict] = []
    blank: list[dict] = []
    first_line: dict[tuple[str, str], int] = {}
    for i, row in enumerate(table.to_dict(orient="records")):
        line = i + 2
        rec = {k: str(row.get(k, "")).strip() for k in (*INVENTORY_COLUMNS, "origin_id", "notes")}
        if rec["origin_id"]:
            ok = _resolve_site(rec, line, sites=sites, site_of=site_of, sites_where=sites_where,
                               first_line=first_line, problems=problems)
        else:
            ok = _resolve_country(rec, line, country_name, problems)
        fields_ok = _check_fields(rec, line, problems)
        ok = ok and fields_ok
        qty = rec["tonnes_per_year"]
        if qty == "":
            # No published figure: kept as unquantified, but only with notes saying why.
            if not rec["notes"]:
                problems.append(f"line {line}: tonnes_per_year: empty without notes saying why "
                                "(write what is missing in 'notes')")
                ok = False
            if ok:
                blank.append({"line": line, **rec, "tonnes_per_year": np.nan})
            continue
        try:
            value = float(qty)
            if not np.isfinite(value) or value <= 0:
                raise ValueError
        except ValueError:
            problems.append(_quantity_problem(qty, line))
            continue
        if ok:
            good.append({"line": line, **rec, "tonnes_per_year": value})
    return good, blank, problems


def _combine(rows: pd.DataFrame) -> pd.DataFrame:
    """Sum rows by country repeating a country and stream (lines, sources, years and notes joined)."""
    if rows.empty:
        return rows
    rows["line"] = rows["line"].astype(str)
    # A site is unique per stream (checked by _resolve_site), so its group is its own row.
    rows = (rows.groupby(["country_iso3", "origin_id", "stream"], sort=False, as_index=False)
            .agg({"line": ";".join, "origin_name": "first", "tonnes_per_year": "sum",
                  "source": lambda s: " ; ".join(dict.fromkeys(s)),
                  "year": lambda s: ";".join(dict.fromkeys(v for v in s if v)),
                  "notes": lambda s: " ; ".join(dict.fromkeys(v for v in s if v))}))
    return rows[list(ROW_COLUMNS)]


def load_inventory(source: str | os.PathLike | pd.DataFrame | Inventory, *,
                   origins: str | os.PathLike | pd.DataFrame | None = None) -> Inventory:
    """Read and validate an inventory (a CSV path or a DataFrame with the same columns).

    Parameters
    ----------
    source
        The inventory: columns ``country_iso3`` and/or ``origin_id``, ``stream``,
        ``tonnes_per_year``, ``source``, ``year`` (``notes`` optional). An
        :class:`Inventory` is returned as it is (its sites were joined when it was
        loaded, so ``origins`` must then be ``None``).
    origins
        The user origins file the ``origin_id`` rows refer to (CSV/GeoJSON/GeoPackage
        for :func:`hgmap.origins.load_origin_points_file`: ``id, country, lat, lon[,
        name]``), or the table that function returns. Needed only when a row gives an
        ``origin_id``.

    Raises
    ------
    ValidationError
        Listing every bad row as ``line N: field: problem``: an unknown country or
        stream, a quantity that is not a positive number (with a hint for a decimal
        comma, a thousands separator, a unit or a zero), no source, a year that is not
        a four-digit year or is in the future, an ``origin_id`` not in the origins file or given without one, a
        site given twice for one stream, a ``country_iso3`` that is not the site's
        country, a row with neither a country nor a site.
    HgmapError
        When the file cannot be read, a required column is missing, or the header is
        separated by ``;`` or tabs instead of commas.
    """
    if isinstance(source, Inventory):
        if origins is not None:
            raise HgmapError("origins: load the inventory with load_inventory(..., origins=...) when passing an "
                             "Inventory")
        return source
    table, path = _read_table(source)
    where = path or "inventory"
    warnings = _check_columns(table, where)
    sites, sites_where = (None, "") if origins is None else _load_sites(origins)
    good, blank, problems = _validate_rows(table, sites, sites_where)
    if problems:
        raise ValidationError(f"{where}: {len(problems)} problem(s)", problems)
    rows = _combine(_frame(good))
    used = None
    if sites is not None:
        ids = set(rows["origin_id"]) | set(_frame(blank)["origin_id"])
        used = sites[sites["id"].isin(ids)].reset_index(drop=True)
    return Inventory(rows.reset_index(drop=True), _frame(blank), path, used, warnings)


def _stream_bounds(facilities: pd.DataFrame) -> dict[str, tuple[float, str]]:
    """Per stream, the largest annual capacity any facility of ``facilities`` taking it states
    (``capacity_tpy``), with that facility's id; ``"*"``: the largest of any facility."""
    cap = pd.to_numeric(facilities["capacity_tpy"], errors="coerce").to_numpy(float)
    ids = facilities["id"].astype(str).to_numpy()
    known = np.isfinite(cap) & (cap > 0)
    out: dict[str, tuple[float, str]] = {}
    if known.any():
        j = int(np.nanargmax(np.where(known, cap, np.nan)))
        out["*"] = (float(cap[j]), ids[j])
    takes = [set(v) if isinstance(v, (list, tuple, set)) else set(str(v).split(";")) for v in facilities["streams"]]
    for stream in STREAMS:
        m = known & np.array([stream in t for t in takes], bool)
        if m.any():
            j = int(np.nanargmax(np.where(m, cap, np.nan)))
            out[stream] = (float(cap[j]), ids[j])
    return out


def implausible_rows(inventory: Inventory, facilities: pd.DataFrame) -> list[str]:
    """Warnings for rows whose tonnage no facility could take: more than the largest annual
    capacity any facility of the catalogue states for the row's stream (``capacity_tpy``, a
    sourced figure; for a stream with no stated capacity, the largest of any facility).

    The data hold no per-capita generation figure or national population to bound a
    country's waste, so this bound is the physical one the catalogue gives: a single
    country's or site's row above it is most often a unit slip (kilograms or grams entered
    as tonnes). The row is still planned as given (facilities with no known capacity are not
    limited), and the warning names its line and field; see ``docs/plan.md``.
    """
    rows = inventory.rows
    if rows.empty or facilities is None or "capacity_tpy" not in facilities.columns:
        return []
    bounds = _stream_bounds(facilities)
    if not bounds:
        return []
    limit = rows["stream"].map(lambda s: bounds.get(s, bounds["*"])[0]).to_numpy(float)
    over = np.flatnonzero(rows["tonnes_per_year"].to_numpy(float) > limit)
    out = []
    for i in over:
        r = rows.iloc[i]
        cap, fid = bounds.get(r["stream"], bounds["*"])
        scope = f"for {r['stream']}" if r["stream"] in bounds else "for any stream"
        who = r["country_iso3"] + (f" site {r['origin_id']}" if r["origin_id"] else "")
        out.append(f"line {r['line']}: tonnes_per_year: {r['tonnes_per_year']:,.12g} t a year ({who}, {r['stream']}) "
                   f"is implausible: more than any facility in the catalogue states it can take {scope} (the "
                   f"largest: {cap:,.0f} t a year, {fid}); check the figure and its unit (tonnes, not kg); "
                   "planned as given")
    return out
