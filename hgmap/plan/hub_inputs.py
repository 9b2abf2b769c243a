"""Inputs of the hub model: candidate hubs, tonnes per member and unit costs.

:func:`hgmap.plan.hubs` prices with the middle of each sourced low-high band (one
MILP, one cost figure per term). Hub capacity and storage have no sourced default:
they come only from a candidates file that gives their source, and :data:`HUB_UNKNOWNS`
names them in every result otherwise.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..countries import check_country
from ..errors import HgmapError, ValidationError
from ..origins import select_origins
from .costs import CostTable, payload_band
from .inventory import Inventory, load_inventory

__all__ = ["HUB_UNKNOWNS", "read_candidates", "candidate_hubs", "terminal_members", "TERMINAL_REASONS", "member_tonnes", "unit_costs", "per_t_rate",
           "hub_unknowns", "mid"]

log = logging.getLogger(__name__)

#: What a hub costs and holds that no source prices: named in every result, never guessed.
HUB_UNKNOWNS = {
    "storage": "storage and handling at the hub (no sourced figure; not in the totals unless the candidates "
               "file gives storage_usd_per_t with its source)",
    "capacity": "hub capacity (no sourced figure; not limited unless the candidates file gives capacity_tpy "
                "with its source)",
    "facility_capacity": "onward facility capacity (not modelled here; see hgmap plan)",
}

#: Figures a candidates file may give per hub (each needs the row's ``source``).
_FIGURES = ("capacity_tpy", "storage_usd_per_t")


def mid(pair) -> float:
    """The middle of a ``(low, high)`` band."""
    return (pair[0] + pair[1]) / 2


def _read_table(path) -> tuple[pd.DataFrame, list[str]]:
    """The candidates CSV with its columns checked, and the figure columns it has."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise HgmapError(f"candidates {path}: cannot be read ({exc})") from None
    table.columns = [str(c).strip() for c in table.columns]
    if "iso3" not in table.columns:
        raise HgmapError(f"candidates {path}: missing column 'iso3' (one candidate hub country per line)")
    figures = [c for c in _FIGURES if c in table.columns]
    if figures and "source" not in table.columns:
        raise HgmapError(f"candidates {path}: column(s) {', '.join(figures)} need a 'source' column "
                         "(where each figure comes from)")
    return table, figures


def _row_figures(row: dict, figures: list[str], line: int, problems: list[str]) -> dict:
    """The non-negative figures one candidates row gives (bad ones go to ``problems``)."""
    vals = {}
    for col in figures:
        raw = str(row[col]).strip()
        if not raw:
            continue
        try:
            v = float(raw)
            if not np.isfinite(v) or v < 0:
                raise ValueError
        except ValueError:
            problems.append(f"line {line}: {col}: {raw!r} is not a non-negative number")
            continue
        vals[col] = v
    return vals


def read_candidates(path) -> tuple[list[str], dict[str, dict]]:
    """Candidate hub countries of a CSV (``iso3``; optional ``capacity_tpy`` and
    ``storage_usd_per_t`` with the ``source`` of those figures), and the figures given."""
    table, figures = _read_table(path)
    out: list[str] = []
    extra: dict[str, dict] = {}
    problems: list[str] = []
    for i, row in enumerate(table.to_dict(orient="records")):
        line = i + 2
        try:
            code = check_country(row["iso3"], field=f"line {line}: iso3")
        except HgmapError as exc:
            problems.append(str(exc))
            continue
        if code in out:
            problems.append(f"line {line}: iso3: {code} is already a candidate")
            continue
        out.append(code)
        vals = _row_figures(row, figures, line, problems)
        if vals:
            src = str(row.get("source", "")).strip()
            if not src:
                problems.append(f"line {line}: source: empty (say where {', '.join(vals)} comes from)")
            extra[code] = {**vals, "source": src}
    if problems:
        raise ValidationError(f"candidates {path}: {len(problems)} problem(s)", problems)
    if not out:
        raise HgmapError(f"candidates {path}: no candidate")
    return out, extra


#: Why a member is not a default candidate hub (``terminal`` flag of its ports).
TERMINAL_REASONS = {
    "0": "no port with a terminal: data/ports.csv terminal = 0 for each of its ports",
    "": "no port known to have a terminal: data/ports.csv terminal unknown for its ports",
    None: "no port in data/ports.csv",
}


def terminal_members(members: list[str]) -> tuple[list[str], dict[str, str]]:
    """The members with a port that has a terminal (``terminal`` = 1 in ``data/ports.csv``:
    searoute 1.6.0's UN/LOCODE-derived terminal flag, the one its ``only_terminals``
    option uses), and why each other member is not a default candidate hub.

    A hub receives other members' containers and ships them on: a port where the flag is
    0 or unknown (Alofi, Niue; Aiwo and Yaren, Nauru) may have no berth for a container
    ship, so it is not a default candidate (a ``candidates`` list may still name it).
    """
    from ..ports import load_ports

    ports = load_ports()
    flags = ports.groupby("iso3")["terminal"].agg(lambda s: "1" if (s == "1").any() else "0" if (s == "0").any()
                                                  else "")
    keep = [m for m in members if flags.get(m) == "1"]
    why = {m: TERMINAL_REASONS[flags.get(m)] for m in members if flags.get(m) != "1"}
    return keep, why


def candidate_hubs(candidates: str | os.PathLike | Iterable[str] | None, members: list[str]
                   ) -> tuple[list[str], dict[str, dict], dict[str, str]]:
    """Candidate hub countries, the figures a candidates file gives for them, and the
    members left out of the default candidates with why.

    Default the members with a port that has a terminal (:func:`terminal_members`); a
    path that exists is a candidates CSV (:func:`read_candidates`); anything else is
    read as country codes (a user's choice is kept as it is).
    """
    if candidates is None:
        keep, why = terminal_members(list(members))
        return keep, {}, why
    if isinstance(candidates, (str, os.PathLike)) and os.path.exists(os.fspath(candidates)):
        cands, extra = read_candidates(candidates)
        return cands, extra, {}
    return select_origins(candidates), {}, {}


def member_tonnes(members: list[str], stream: str, *,
                  inventory: str | os.PathLike | pd.DataFrame | Inventory | None,
                  origins: str | os.PathLike | pd.DataFrame | None, tonnes: float, graph=None
                  ) -> tuple[list[str], dict[str, float], str, list[dict]]:
    """Tonnes a year per member: from the inventory, or ``tonnes`` each (nominal).

    Returns the members that have a quantity, ``{member: tonnes}``, the note saying
    where the tonnes come from, and the exclusions: members with no quantity, and sites
    (rows by ``origin_id``) whose point joins nothing on ``graph`` (no road of its
    country within the join limit, no port within :data:`hgmap.network.ROADLESS_PORT_KM`):
    :func:`hgmap.plan.plan` leaves those tonnes unmet (``no_route``), so hubs do not
    count them either.
    """
    excluded: list[dict] = []
    if inventory is None:
        if not tonnes > 0:
            raise HgmapError(f"tonnes must be above 0, got {tonnes}")
        q_of = {m: float(tonnes) for m in members}
        return members, q_of, f"nominal {tonnes:g} t a year per member (no inventory given): not a measured figure", []
    inv = load_inventory(inventory, origins=origins)
    rows = inv.rows[inv.rows["stream"] == stream]
    rows, lost = _joined_rows(rows, inv.sites, graph, stream)
    excluded += lost
    q_of = rows.groupby("country_iso3", sort=False)["tonnes_per_year"].sum().to_dict()
    for m in members:
        if m not in q_of and not any(e["iso3"] == m for e in lost):
            excluded.append({"iso3": m, "reason": f"no quantity for {stream} in the inventory"})
    members = [m for m in members if m in q_of]
    tonnage_note = f"tonnes from inventory {inv.path or '(table)'}"
    sites = rows[(rows["origin_id"] != "") & rows["country_iso3"].isin(members)]
    if len(sites):
        # Hubs are chosen per country: a site's own road leg to its country's hub point is
        # not priced here, so the note names every such site.
        tonnage_note += ("; sites counted at their country's hub point (their own road leg to it is not priced "
                         "here): " + ", ".join(f"{r.origin_id} ({r.country_iso3}, line {r.line})"
                                               for r in sites.itertuples()))
    return members, q_of, tonnage_note, excluded


def _joined_rows(rows: pd.DataFrame, sites: pd.DataFrame | None, graph, stream: str
                 ) -> tuple[pd.DataFrame, list[dict]]:
    """The rows without the sites whose point joins nothing on ``graph``, and their exclusions."""
    by_site = rows[rows["origin_id"] != ""]
    if graph is None or sites is None or by_site.empty:
        return rows, []
    from ..network import DEFAULT_MAX_JOIN_KM, ROADLESS_PORT_KM

    pts = sites.set_index("id").loc[by_site["origin_id"].tolist()]
    joins = graph.attach_points(pts["lon"].to_numpy(float), pts["lat"].to_numpy(float),
                                by_site["country_iso3"].to_numpy(object))
    lost = [not j for j in joins]
    out = []
    for r, (_, p) in zip(by_site[lost].itertuples(), pts[lost].iterrows()):
        out.append({"iso3": r.country_iso3, "reason": (
            f"site {r.origin_id!r} ({r.origin_name}; inventory line {r.line}, lat {p['lat']:g}, lon {p['lon']:g}) "
            f"joins no road of {r.country_iso3} within {DEFAULT_MAX_JOIN_KM:g} km and no port of {r.country_iso3} "
            f"within {ROADLESS_PORT_KM:g} km: its {r.tonnes_per_year:g} t of {stream} are left out (unreachable; "
            "hgmap plan reports them unmet, no_route)")})
    return rows.drop(index=by_site.index[lost]), out


def unit_costs(table: CostTable, stream: str) -> tuple[tuple[float, float], str, float]:
    """Payload (t per container, low and high, as :func:`hgmap.plan.plan` uses it), the
    note when the stream has none, and the fixed cost of one transboundary shipment
    (notification, documents, insurance; mid)."""
    payload, known = payload_band(table, stream)
    payload_note = "" if known else "payload unknown for the stream: full container weight used"
    fixed = sum(mid(v) for v in (table.lookup(k, stream) for k in (
        "notification_usd_per_shipment", "documents_usd_per_shipment", "insurance_usd_per_shipment")) if v)
    return tuple(payload), payload_note, fixed


def per_t_rate(table: CostTable, param: str, stream: str, op: str) -> float:
    """A per-tonne cost parameter (mid of its band), 0 when the table has none."""
    v = table.lookup(param, stream, op)
    return mid(v) if v else 0.0


def hub_unknowns(hub: str, extra: dict, collected_t: float) -> dict:
    """The hub's capacity and storage cost columns: the candidates file's figures, or unknown."""
    src = extra.get("source", "")
    cap = extra.get("capacity_tpy")
    rate = extra.get("storage_usd_per_t")
    return {"hub_capacity_tpy": np.nan if cap is None else cap,
            "hub_capacity_source": f"candidates file: {src}" if cap is not None else "unknown (not limited)",
            "collected_t": collected_t,
            "storage_usd": np.nan if rate is None else rate * collected_t,
            "storage_source": (f"candidates file: {src}" if rate is not None
                               else "unknown (no sourced figure; not in the totals)")}
