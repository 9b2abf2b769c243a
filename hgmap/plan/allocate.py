"""Least-cost allocation of an inventory to facilities under capacity (a linear programme).

For every inventory row (origin country, stream, tonnes a year) the options are the
facilities :meth:`hgmap.AccessModel.solve` finds legally and physically reachable
(``k`` = every facility, so each option has its route, transit states and legal
status). Each option is priced for the row's tonnage shipped once a year (containers
rounded up, gate fee, packaging, per-shipment fixed costs), which makes the cost per
tonne of a row linear, and the LP

    minimise    sum c[r,f] x[r,f] + M sum u[r]
    subject to  sum_f x[r,f] + u[r] = tonnes[r]          (every tonne placed or unmet)
                sum_r x[r,f] <= capacity[f]               (facilities with a known capacity)
                x, u >= 0

is solved with HiGHS (:func:`scipy.optimize.linprog`). ``M`` exceeds every option's
cost, so a tonne is left unmet only when no capacity is left on any legal option.
Facilities with no known capacity are not limited (and the output says so). The result
tables are built from the LP's solution in :mod:`hgmap.plan.plan_tables`.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import linprog

from .. import law
from ..access import MAX_BLOCKED, AccessModel
from ..errors import HgmapError, ValidationError
from .._values import text
from ..facilities import unconfirmed_note
from ..labels import NOT_LEGAL_ADVICE, stream_title
from .costs import CostTable, load_plan_costs, option_costs
from .inputs import resolve_inputs
from .inventory import Inventory, implausible_rows, load_inventory
from .model import PlanResult, UNMET_REASONS
from .plan_tables import facility_load, flow_unknowns, plan_flows, row_points, row_totals, unmet_table
from ..costs import Costs
from .transport import teu_cost_of_results, transport_note

__all__ = ["plan", "build_options", "load_capacities", "solve_allocation", "blocked_detail", "unmet_reason"]

log = logging.getLogger(__name__)

_TOL = 1e-7


#: Why a facility that does not take part in a stream's plan at all is closed (the router's
#: ``blocked_reasons`` kinds): it does not take the stream, is not operating, or has no known
#: operation for it. Every other kind closes a facility that does treat the stream.
_NOT_TREATING = ("stream", "status", "operation")


def _stream_words(stream: str) -> str:
    """``dental amalgam``: the stream's label inside a sentence (``hgmap.labels``)."""
    title = stream_title(stream)
    return title[:1].lower() + title[1:] if title != stream else stream


def blocked_detail(items, stream: str | None = None) -> str:
    """The closed facilities of an unmet row in words: ``ID (ISO3, N km): why [rules]; ...``
    (``why`` is the router's own sentence, e.g. ``HTI -> DEU is prohibited for dental
    amalgam (disposal/recovery)`` or ``does not accept dental amalgam``).

    The facilities that treat the stream and are closed (by law, a transit State, the
    facility's acceptance, the route) come first, in the router's order: they are why the row is
    unmet; then those that do not treat the stream at all. With ``stream``, the stream is
    named by its label, not its key."""
    items = list(items or [])
    order = sorted(range(len(items)), key=lambda j: (items[j].get("reason") in _NOT_TREATING, j))
    words = _stream_words(stream) if stream else None
    parts = []
    for j in order:
        b = items[j]
        km = f", {b['distance_km']:,.0f} km" if b.get("distance_km") is not None else ""
        rules = f" [{', '.join(b['rules'])}]" if b.get("rules") else ""
        why = text(b.get("detail")) or b["reason"]
        if words:
            why = re.sub(rf"\b{re.escape(stream)}\b", words, why)
        parts.append(f"{b['facility_id']} ({b['facility_iso3']}{km}): {why}{rules}")
    return "; ".join(parts)


def unmet_reason(status: str, items) -> str:
    """The reason a row has no option, from why its facilities are closed (``items``, the
    router's ``blocked_reasons``): ``no_route`` as the router says; else, by the facilities
    that treat the stream, ``no_legal_route`` when one is closed by the law (or a transit
    State, an avoided State), ``not_accepted`` when every one refuses the origin, and
    ``no_facility_for_stream`` when none is listed (none operating takes the stream: only
    facilities that do not take it, are not operating or lack its operation are closed)."""
    if status in ("no_route", "no_facility_for_stream"):
        return status
    kinds = [b.get("reason") for b in items or []]
    treating = [k for k in kinds if k not in _NOT_TREATING]
    if not kinds or status not in ("no_legal_route",):
        return status
    if not treating and len(kinds) < MAX_BLOCKED:
        return "no_facility_for_stream"
    if treating and all(k == "acceptance" for k in treating):
        return "not_accepted"
    if treating and all(k == "route" for k in treating):
        return "no_route"
    return status


def load_capacities(source: str | os.PathLike | Mapping[str, float] | None, facilities: pd.DataFrame
                    ) -> tuple[np.ndarray, list[str]]:
    """Capacity (t/yr, NaN = unknown) and its origin for every facility of ``facilities``.

    ``source`` overrides the catalogue's ``capacity_tpy``: a mapping ``{facility_id: t}``
    or a CSV with ``facility_id``, ``capacity_tpy`` and ``source`` (where the figure
    comes from). Unknown ids, negative or non-numeric capacities raise
    :class:`ValidationError` naming the line.
    """
    ids = facilities["id"].tolist()
    cap = pd.to_numeric(facilities["capacity_tpy"], errors="coerce").to_numpy(dtype=float).copy()
    origin = ["catalogue" if np.isfinite(c) else "unknown (not limited)" for c in cap]
    if source is None:
        return cap, origin
    index = {f: i for i, f in enumerate(ids)}
    problems: list[str] = []
    if isinstance(source, Mapping):
        items = [(f"{k!r}", k, v, "argument") for k, v in source.items()]
    else:
        path = os.fspath(source)
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False)
        except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise HgmapError(f"capacities {path}: cannot be read ({exc})") from None
        missing = [c for c in ("facility_id", "capacity_tpy", "source") if c not in table.columns]
        if missing:
            raise HgmapError(f"capacities {path}: missing column(s) {', '.join(missing)}")
        items = []
        for i, row in table.iterrows():
            if not row["source"].strip():
                problems.append(f"line {i + 2}: source: empty (say where the capacity comes from)")
            items.append((f"line {i + 2}", row["facility_id"].strip(), row["capacity_tpy"], f"override: {row['source']}"))
    for where, fid, value, src in items:
        if fid not in index:
            problems.append(f"{where}: facility_id: {fid!r} is not in the facility catalogue")
            continue
        try:
            v = float(value)
            if not np.isfinite(v) or v < 0:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(f"{where}: capacity_tpy: {value!r} is not a non-negative number")
            continue
        cap[index[fid]] = v
        origin[index[fid]] = src
    if problems:
        raise ValidationError("capacities: bad rows", problems)
    return cap, origin


def _solve_rows(model: AccessModel, inventory: Inventory, group: pd.DataFrame, stream: str, *, as_of, scenario,
                k: int) -> pd.DataFrame:
    """:meth:`AccessModel.solve` for the rows of one stream: rows by country from their
    default origin, rows by site from the site's own point (its road and access legs).
    Adds ``row`` (the inventory row label) and sets ``origin_id`` (empty for a country)."""
    parts = []
    by_country = group[group["origin_id"] == ""]
    by_site = group[group["origin_id"] != ""]
    if len(by_country):
        res = model.solve(stream, as_of=as_of, origins=by_country["country_iso3"].tolist(), k=k, scenario=scenario)
        res["row"] = res["origin_iso3"].map(dict(zip(by_country["country_iso3"], by_country.index)))
        res["origin_id"] = ""
        parts.append(res)
    if len(by_site):
        known = set() if inventory.sites is None else set(inventory.sites["id"])
        lost = [f"line {r.line}: origin_id: {r.origin_id!r}" for r in by_site.itertuples() if r.origin_id not in known]
        if lost:
            raise ValidationError("inventory: rows name sites the inventory has no origin point for "
                                  "(load it with load_inventory(..., origins=...))", lost)
        points = inventory.sites.set_index("id").loc[by_site["origin_id"].tolist()].reset_index()
        res = model.solve(stream, as_of=as_of, points=points, k=k, scenario=scenario)
        res["row"] = res["origin_id"].map(dict(zip(by_site["origin_id"], by_site.index)))
        parts.append(res)
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _origin_label(row) -> str:
    """How messages name an inventory row's origin: the site (id, name, line) or the country."""
    if row["origin_id"]:
        return (f"site {row['origin_id']!r} ({row['origin_name']}, {row['country_iso3']}; "
                f"inventory line {row['line']}, origin_id)")
    return row["country_iso3"]


def build_options(model: AccessModel, inventory: Inventory, *, as_of=None, scenario=None,
                  costs: CostTable | None = None, k: int | None = None) -> tuple[pd.DataFrame, dict]:
    """Every legal option of every inventory row, priced; and why rows have none.

    Rows by country start at the country's default origin; rows by site
    (``origin_id``) at the site's own point, with its own road and access legs.

    Returns
    -------
    options : pandas.DataFrame
        ``row`` (index into ``inventory.rows``), origin (``origin_iso3``,
        ``origin_id``, ``origin_name``), stream, facility, route and legal columns,
        the terms of :func:`hgmap.plan.costs.option_costs`, and ``geometry`` (the
        route). ``k`` limits each row to its ``k`` nearest legal facilities (default:
        every facility).
    no_option : dict
        ``{row: (status, detail)}`` for rows with no reachable facility; the detail of
        a site names the site and its inventory line.
    """
    costs = costs or load_plan_costs()
    rows = inventory.rows
    k = max(len(model.facilities), 1) if k is None else int(k)
    parts: list[pd.DataFrame] = []
    no_option: dict[int, tuple[str, str]] = {}
    for stream, group in rows.groupby("stream", sort=False):
        res = _solve_rows(model, inventory, group, stream, as_of=as_of, scenario=scenario, k=k)
        bad = res[res["status"] != "reachable"]
        for r in bad.itertuples():
            reason = unmet_reason(r.status, r.blocked_reasons)
            why = blocked_detail(r.blocked_reasons, stream) or UNMET_REASONS.get(reason, reason)
            row = rows.loc[r.row]
            no_option[r.row] = (reason, f"{_origin_label(row)}: {why}" if row["origin_id"] else why)
        # The solver has already closed facilities that refuse the origin (facility
        # catalogue acceptance); say which open ones are unconfirmed.
        ok = res[res["status"] == "reachable"].copy()
        ok["acceptance"] = [("confirmed" if a == "yes" else unconfirmed_note(o) if a == "unknown" else text(a))
                            for a, o in zip(ok["acceptance"], ok["origin_iso3"])]
        if ok.empty:
            continue
        q = rows.loc[ok["row"], "tonnes_per_year"].to_numpy(float)
        lo, hi = teu_cost_of_results(ok, model.costs)
        priced = option_costs(costs, stream, ok["operation"].to_numpy(object), q, lo, hi)
        ok = ok.reset_index(drop=True)
        ok["teu_usd_low"], ok["teu_usd_high"] = lo, hi
        ok = pd.concat([ok, priced], axis=1)
        parts.append(ok)
    if parts:
        options = pd.concat(parts, ignore_index=True)
    else:
        options = pd.DataFrame(columns=["row", "origin_iso3", "origin_id", "stream", "facility_id", "usd_per_t_low",
                                        "usd_per_t_high", "geometry"])
    return options, no_option


def solve_allocation(options: pd.DataFrame, tonnes: np.ndarray, fac_index: Mapping[str, int],
                     capacity: np.ndarray, *, basis: str = "mid") -> dict:
    """Solve the LP; returns ``x`` (per option), ``u`` (per row), objective and size."""
    n_opt, n_rows = len(options), len(tonnes)
    if basis == "mid":
        c_opt = (options["usd_per_t_low"].to_numpy(float) + options["usd_per_t_high"].to_numpy(float)) / 2
    elif basis in ("low", "high"):
        c_opt = options[f"usd_per_t_{basis}"].to_numpy(float)
    else:
        raise HgmapError(f"cost basis {basis!r}: expected 'low', 'mid' or 'high'")
    big = 10.0 * (float(c_opt.max()) if n_opt else 1.0) + 1e6
    c = np.concatenate([c_opt, np.full(n_rows, big)])
    row_idx = options["row"].to_numpy(int) if n_opt else np.zeros(0, int)
    A_eq = sp.csr_array((np.ones(n_opt + n_rows),
                         (np.concatenate([row_idx, np.arange(n_rows)]), np.arange(n_opt + n_rows))),
                        shape=(n_rows, n_opt + n_rows))
    fac = options["facility_id"].map(fac_index).to_numpy(int) if n_opt else np.zeros(0, int)
    capped = np.isfinite(capacity)
    cap_rows = np.full(len(capacity), -1)
    cap_rows[capped] = np.arange(int(capped.sum()))
    use = capped[fac] if n_opt else np.zeros(0, bool)
    n_cap = int(capped.sum())
    A_ub = sp.csr_array((np.ones(int(use.sum())), (cap_rows[fac[use]], np.flatnonzero(use))),
                        shape=(n_cap, n_opt + n_rows))
    b_ub = capacity[capped]
    if n_opt == 0:
        # No option at all (no row has a legal, reachable facility, or the inventory has no
        # quantified row): nothing to optimise. Every tonne is unmet; linprog is not called
        # (it refuses a problem with no variables, or only slack ones to fix).
        return {"x": np.zeros(0), "u": np.asarray(tonnes, float).copy(), "objective": 0.0,
                "placed_objective": 0.0,
                "status": "not solved: no row has a legal option (every tonne unmet)" if n_rows
                else "not solved: the inventory has no quantified row",
                "n_variables": 0, "n_constraints": 0, "n_nonzeros": 0, "capped": capped, "basis": basis}
    res = linprog(c, A_ub=A_ub if n_cap else None, b_ub=b_ub if n_cap else None, A_eq=A_eq, b_eq=tonnes,
                  bounds=(0, None), method="highs")
    if res.status != 0:
        raise HgmapError(f"allocation LP failed: {res.message}")
    x = np.where(res.x[:n_opt] > _TOL, res.x[:n_opt], 0.0)
    u = np.where(res.x[n_opt:] > _TOL, res.x[n_opt:], 0.0)
    return {"x": x, "u": u, "objective": float(res.fun), "placed_objective": float(c_opt @ x),
            "status": res.message, "n_variables": n_opt + n_rows, "n_constraints": n_rows + n_cap,
            "n_nonzeros": int(A_eq.nnz + A_ub.nnz), "capped": capped, "basis": basis}


def _solve_widening(model: AccessModel, inv: Inventory, options: pd.DataFrame, no_option: dict, *,
                    tonnes: np.ndarray, fac_index: Mapping[str, int], capacity: np.ndarray, as_of, scenario,
                    costs: CostTable, basis: str, k: int | None) -> tuple[pd.DataFrame, dict, set[int]]:
    """Solve the LP; with ``k``, re-plan with every facility the rows left short of capacity.

    Returns the options finally used, the LP solution and the rows widened.
    """
    rows = inv.rows
    sol = solve_allocation(options, tonnes, fac_index, capacity, basis=basis)
    widened: set[int] = set()
    while k is not None and k < len(capacity):  # one capacity per catalogue facility
        short = [int(r) for r in np.flatnonzero(sol["u"] > 0) if r not in no_option]
        if not short:
            break
        if widened & set(short) or len(widened) + len(short) >= len(rows):
            # Rows limited to k options hold capacity that others need: plan every row
            # with every facility (exact), so k never leaves a tonne unmet that k=None places.
            short = [r for r in range(len(rows)) if r not in widened]
            k = None
        # Capacity ran out among the k nearest: give those rows every facility and solve again
        # (sub keeps the inventory's row labels, so its options' ``row`` needs no remapping).
        sub = inv.subset(rows.index[short])
        more, _ = build_options(model, sub, as_of=as_of, scenario=scenario, costs=costs)
        options = pd.concat([options[~options["row"].isin(short)], more], ignore_index=True)
        widened |= set(short)
        sol = solve_allocation(options, tonnes, fac_index, capacity, basis=basis)
    return options, sol, widened


def _plan_attrs(sol: dict, flows: pd.DataFrame, inv: Inventory, assumptions: pd.DataFrame, *, day, scenario,
                basis: str, k: int | None, widened: set[int], tonnes: np.ndarray, transport: Costs,
                implausible: list[str]) -> dict:
    """The plan's settings, LP size and totals (:attr:`PlanResult.attrs`)."""
    return {
        "as_of": (day or _dt.date.today()).isoformat(), "data_date": law.data_date(),
        "scenario": getattr(scenario, "name", None), "solver": "HiGHS (scipy.optimize.linprog)",
        "status": sol["status"], "objective_usd": sol["placed_objective"], "cost_basis": basis,
        "k": k, "rows_widened": len(widened),
        "n_variables": sol["n_variables"], "n_constraints": sol["n_constraints"], "n_nonzeros": sol["n_nonzeros"],
        "total_usd_low": float(flows["cost_usd_low"].sum()) if len(flows) else 0.0,
        "total_usd_high": float(flows["cost_usd_high"].sum()) if len(flows) else 0.0,
        "inventory_t": float(tonnes.sum()), "transport_model": transport_note(transport),
        "oldest_cost_as_of": min(assumptions["as_of"]) if len(assumptions) else None,
        "capacity_note": "capacity_tpy is read as total tonnes a year across streams; facilities with no "
                         "known capacity are not limited",
        "inventory_warnings": [*inv.warnings, *implausible],
        "not_legal_advice": NOT_LEGAL_ADVICE,
    }


def plan(
    inventory: str | os.PathLike | pd.DataFrame | Inventory,
    *,
    origins: str | os.PathLike | pd.DataFrame | None = None,
    capacities: str | os.PathLike | Mapping[str, float] | None = None,
    as_of=None,
    scenario=None,
    costs: str | os.PathLike | CostTable | None = None,
    transport_costs: str | os.PathLike | Costs | None = None,
    facilities=None,
    model: AccessModel | None = None,
    basis: str = "mid",
    k: int | None = None,
) -> PlanResult:
    """Assign every tonne of an inventory to legal facilities at least cost, under capacity.

    Parameters
    ----------
    inventory
        A CSV path, a DataFrame or an :class:`~hgmap.plan.inventory.Inventory`
        (columns ``country_iso3`` or ``origin_id``, ``stream, tonnes_per_year,
        source, year``).
    origins
        The user origins file (``id, country, lat, lon[, name]``, as for ``hgmap
        access --origins-file``) that ``origin_id`` rows name; such a row is planned
        from the site's own point. Not with an :class:`Inventory` (load it with
        ``load_inventory(..., origins=...)``).
    capacities
        Overrides of the catalogue's ``capacity_tpy``: a CSV (``facility_id,
        capacity_tpy, source``) or a mapping.
    as_of
        Date the law is read at (``YYYY-MM-DD``; default today).
    scenario
        A scenario file or :class:`hgmap.law.Scenario` (legal and facility changes).
    costs
        A plan cost override file (columns of ``data/plan_costs.csv``) or a
        :class:`~hgmap.plan.costs.CostTable`.
    transport_costs
        A transport cost override file for :func:`hgmap.costs.load_costs`, or
        :class:`hgmap.costs.Costs` (the routes are then also chosen with them).
    facilities
        A user facility catalogue (path or GeoDataFrame); default the shipped one.
    model
        A prebuilt :class:`hgmap.AccessModel` (reused across calls).
    basis
        Which cost the LP minimises: ``low``, ``mid`` (default, the band's middle) or ``high``.
    k
        Options per row: the ``k`` nearest legal facilities by route length (faster
        for large inventories, but the nearest is not always the cheapest, so the cost
        may be above the least); rows left unmet for capacity are then re-planned with
        every facility, so no tonne is left unmet that ``k=None`` would place. Default
        ``None``: every facility (exact least cost).

    Returns
    -------
    PlanResult
        Flows, unmet tonnes with reasons, facility loads, per-country totals and the
        cost assumptions. Not legal advice.
    """
    inv = load_inventory(inventory, origins=origins)
    inputs = resolve_inputs(as_of=as_of, scenario=scenario, costs=costs, transport_costs=transport_costs,
                            facilities=facilities, model=model)
    day, scenario, table, model = inputs.day, inputs.scenario, inputs.costs, inputs.model
    fac = model.facilities
    capacity, cap_origin = load_capacities(capacities, fac)
    fac_index = {f: i for i, f in enumerate(fac["id"])}
    rows = inv.rows
    options, no_option = build_options(model, inv, as_of=day, scenario=scenario, costs=table, k=k)
    tonnes = rows["tonnes_per_year"].to_numpy(float)
    options, sol, widened = _solve_widening(model, inv, options, no_option, tonnes=tonnes, fac_index=fac_index,
                                            capacity=capacity, as_of=day, scenario=scenario, costs=table,
                                            basis=basis, k=k)
    x, u = sol["x"], sol["u"]

    options = options.assign(legal_unknowns=flow_unknowns(options, x, as_of=day, scenario=scenario))
    chosen, flows = plan_flows(options, x, table)
    site_lon, site_lat = row_points(inv)
    load, fl = facility_load(fac, chosen, fac_index, capacity, cap_origin)
    full = np.isfinite(capacity) & (load >= capacity - 1e-6)
    unmet_df = unmet_table(rows, u, no_option, options, full, fac_index, site_lon, site_lat)
    tot = row_totals(rows, site_lon, site_lat, flows, u)

    assumptions = inputs.cost_assumptions(rows["stream"].unique().tolist())
    implausible = implausible_rows(inv, fac)
    for w in implausible:
        log.info("inventory: %s", w)  # in attrs["inventory_warnings"] and the summary
    attrs = _plan_attrs(sol, flows, inv, assumptions, day=day, scenario=scenario, basis=basis, k=k,
                        widened=widened, tonnes=tonnes, transport=inputs.transport, implausible=implausible)
    return PlanResult(flows, unmet_df, fl, tot, inv.unquantified, assumptions, attrs)
