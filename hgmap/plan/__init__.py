"""Planning: inventories, costs, least-cost allocation under capacity, regional hubs.

:func:`plan` turns accessibility into a budgeted allocation (tonnes and dollars, under
facility capacity); :func:`hubs` chooses regional consolidation hubs. Both read the
law through :mod:`hgmap.law` and routes through :class:`hgmap.AccessModel`, and resolve
their inputs (date, scenario, cost table, model) with
:func:`hgmap.plan.inputs.resolve_inputs`. An inventory row names a country
(``country_iso3``) or a site of a user origins file (``origin_id``), which is planned
from its own point. Not legal advice.
"""

from __future__ import annotations

from .allocate import plan
from .costs import CostTable, load_plan_costs
from .hubs import hubs
from .inventory import Inventory, load_inventory
from .model import HubResult, PlanResult

__all__ = ["plan", "hubs", "load_inventory", "Inventory", "load_plan_costs", "CostTable", "PlanResult", "HubResult"]


class _CallablePackage(__import__("types").ModuleType):
    """Lets ``hgmap.plan(...)`` call :func:`plan` while ``hgmap.plan`` stays the package."""

    def __call__(self, *args, **kwargs) -> PlanResult:
        return plan(*args, **kwargs)


__import__("sys").modules[__name__].__class__ = _CallablePackage
