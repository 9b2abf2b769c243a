"""The legal engine: may mercury waste stream S move from A to B (through T...) on date D?

Every answer carries the rules that fired, with article citations, plain-language
sentences, structured fields (kind, instrument, agreement, bans, States), sources and a
confidence; unknown facts are reported, never guessed. The rules (R1-R10, from the
project's legal research) are documented in ``docs/law.md``.

One concept per module:

* :mod:`~hgmap.law.tables` — the legal tables and dated membership facts;
* :mod:`~hgmap.law.scenario` — what-if scenarios (parsing, applying);
* :mod:`~hgmap.law.state` — facts and per-State arrays for one date and scenario;
* :mod:`~hgmap.law.rules` — one :class:`~hgmap.law.rules.Rule` per rule (mask + explanation);
* :mod:`~hgmap.law.transit` — transit States;
* :mod:`~hgmap.law.decision` — :func:`assess` and :class:`Decision`;
* :mod:`~hgmap.law.matrix` — :func:`matrix` and :class:`LegalMatrix`;
* :mod:`~hgmap.law.procedure` — :func:`procedure`: the steps of a movement as data.

Not legal advice.

Examples
--------
>>> from hgmap import law
>>> law.assess("NZL", "FJI", "lamps", "disposal", as_of="2025-01-01").status
'prohibited'
>>> law.assess("FJI", "AUS", "lamps", "disposal", as_of="2025-01-01").status
'permitted_with_consent'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..vocab import check_stream, parse_date

from .decision import NOT_ADVICE, Decision, assess
from .matrix import LegalMatrix, matrix
from .procedure import Procedure, Step, agreement_label, procedure
from .reason import Condition, Reason, TransitAssessment
from .rules import PAIR_RULES, RULE_IDS, RULES, STATUSES, Rule
from .scenario import FACILITY_ACTIONS, Change, Scenario, load_scenario
from .state import known_codes
from .tables import Agreement, Ban, Fact, Membership, Tables, Territory, Unknown, load_tables, membership_term

__all__ = [
    "assess", "matrix", "procedure", "load_scenario", "load_tables", "Scenario", "Change", "Decision", "Reason",
    "Condition", "TransitAssessment", "LegalMatrix", "Procedure", "Step", "Rule", "RULES", "PAIR_RULES",
    "RULE_IDS", "STATUSES", "DATA_DATE", "data_date", "known_codes", "agreement_label", "territory_sovereigns",
    "Fact", "Unknown", "Membership", "Agreement", "Ban", "Territory", "Tables", "FACILITY_ACTIONS", "NOT_ADVICE",
    "basel_entries", "membership_term",
]


def data_date() -> str:
    """The as-of date of the legal data: the newest evidence date in the shipped tables."""
    return load_tables().data_date


def basel_entries(stream: str, *, as_of: str | dt.date | None = None) -> tuple[str, ...]:
    """The Basel Annex I / VIII entries of ``stream`` in force on ``as_of`` (default today).

    ``streams.csv`` dates an entry that an amendment of the annexes replaced: decision
    BC-15/18 replaced A1180 with A1181 from 1 Jan 2025 (lamps, batteries:
    ``("Y29", "A1030", "A1180")`` in 2024, ``("Y29", "A1030", "A1181")`` from 2025).

    Raises
    ------
    HgmapError
        On an unknown stream or an invalid date.
    """
    on = parse_date(as_of) if as_of is not None else dt.date.today()
    return load_tables().basel_entries(check_stream(stream), on)


def territory_sovereigns(*, coverage_settable: bool = True) -> dict[str, str]:
    """Territory ISO3 -> sovereign ISO3 from the legal tables.

    With ``coverage_settable`` (the default), only the territories whose Basel coverage a
    scenario ``set_coverage`` can extend: not already covered, and without a treaty
    status of their own (Niue and the Cook Islands accede in their own name).
    """
    out = {}
    for iso, t in load_tables().territories.items():
        if coverage_settable and (t.basel_coverage == "covered" or t.own_treaty_status):
            continue
        out[iso] = t.sovereign
    return out


def __getattr__(name: str) -> Any:
    # DATA_DATE is read from the shipped tables on first use, not at import.
    if name == "DATA_DATE":
        return data_date()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
