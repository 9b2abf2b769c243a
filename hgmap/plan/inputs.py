"""The inputs every planner resolves the same way: law date, scenario, cost table, model.

:func:`hgmap.plan.plan` and :func:`hgmap.plan.hubs` both read a date the law is read
at, an optional what-if scenario, the plan cost table (defaults with any override
file) and the :class:`hgmap.AccessModel` that routes (built from the facility
catalogue and the transport cost file, or given). :func:`resolve_inputs` is that one
step, so the two planners cannot drift apart.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass

import pandas as pd

from .. import law
from ..access import AccessModel
from ..costs import Costs
from ..errors import HgmapError
from ..vocab import parse_date
from .costs import CostTable, load_plan_costs
from .transport import transport_assumptions

__all__ = ["PlanInputs", "resolve_inputs"]


@dataclass(frozen=True)
class PlanInputs:
    """Resolved planner inputs.

    Attributes
    ----------
    day
        The date the law is read at, or ``None`` for today.
    scenario
        The loaded :class:`hgmap.law.Scenario`, or ``None``.
    costs
        The plan cost table in force (defaults with overrides applied).
    model
        The routing model (its ``costs`` are the transport costs in force).
    """

    day: _dt.date | None
    scenario: law.Scenario | None
    costs: CostTable
    model: AccessModel

    @property
    def transport(self) -> Costs:
        """The transport cost parameters the model routes and prices with."""
        return self.model.costs

    def cost_assumptions(self, streams, *, today: _dt.date | None = None) -> pd.DataFrame:
        """Every cost figure that prices ``streams``: the plan cost rows and the transport
        parameters, each with its source, confidence, as-of date, ``age_days`` and
        ``origin`` (``default`` or the override), as the outputs list them."""
        table = pd.concat([self.costs.used(list(streams)), transport_assumptions(self.transport)],
                          ignore_index=True)
        today = today or _dt.date.today()
        table["age_days"] = [(today - parse_date(d)).days if d else None for d in table["as_of"]]
        return table


def resolve_inputs(
    *,
    as_of=None,
    scenario=None,
    costs: str | os.PathLike | CostTable | None = None,
    transport_costs: str | os.PathLike | Costs | None = None,
    facilities=None,
    model: AccessModel | None = None,
) -> PlanInputs:
    """Parse the date, load the scenario and cost table, and build (or check) the model.

    Parameters
    ----------
    as_of
        ``YYYY-MM-DD`` or a date; ``None`` means today.
    scenario
        A scenario file or :class:`hgmap.law.Scenario`.
    costs
        A plan cost override file or a :class:`~hgmap.plan.costs.CostTable`.
    transport_costs
        A transport cost override file (:func:`hgmap.costs.load_costs`) or
        :class:`hgmap.costs.Costs`; only when ``model`` is not given (a model routes
        with its own costs).
    facilities
        A user facility catalogue (path or GeoDataFrame) for the model built here.
    model
        A prebuilt :class:`hgmap.AccessModel` to reuse.

    Raises
    ------
    HgmapError
        A bad date or scenario (from :func:`hgmap.vocab.parse_date` and
        :func:`hgmap.law.load_scenario`), a bad cost file (``ValidationError`` naming
        the line), or ``transport_costs``/``facilities`` given together with ``model``.
    """
    day = parse_date(as_of, field="as_of") if as_of is not None else None
    if scenario is not None and not isinstance(scenario, law.Scenario):
        scenario = law.load_scenario(scenario)
    table = costs if isinstance(costs, CostTable) else load_plan_costs(costs)
    if model is None:
        from ..access import shared_model

        model = shared_model(facilities, None, costs=transport_costs)
    else:
        if transport_costs is not None:
            raise HgmapError("transport_costs: give them to the AccessModel (AccessModel(costs=...)) "
                             "when passing model")
        if facilities is not None:
            raise HgmapError("facilities: give them to the AccessModel (AccessModel(facilities=...)) "
                             "when passing model")
    return PlanInputs(day, scenario, table, model)
