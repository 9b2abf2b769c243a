import numpy as np
import pytest

from hgmap.costs import PARAMETERS, load_costs, route_cost
from hgmap.errors import ValidationError


def test_defaults_are_sourced_and_ordered():
    costs = load_costs()
    assert tuple(costs.params) == PARAMETERS
    for p in costs.params.values():
        assert p.low <= p.high and p.source.startswith("http") and p.confidence in {"high", "medium", "low"}
        assert len(p.as_of) == 10
    # Sea is far cheaper per tonne-km than road: the reason routes go by sea.
    assert costs.value("road_usd_per_tkm", "low") > 10 * costs.value("sea_usd_per_tkm", "high")
    # Transshipment is priced from hub handling costs (LINER-LIB), no longer the unsourced
    # import-side placeholder (15-32.5 USD/t); one transit State mixes a consent fee and a
    # road border's delay, and says it is low.
    t = costs["transshipment_usd_per_t"]
    assert t.confidence == "medium" and "LINERLIB" in t.source and (t.low, t.high) == (1.2, 12.0)
    assert costs["transit_state_usd_per_t"].confidence == "low"


def test_route_cost_terms_and_vectorised():
    costs = load_costs()
    w = costs.weights("low")
    one = route_cost(costs, sea_km=1000, road_km=100, access_km=10, port_calls=2, transshipments=1,
                     transit_states=1, level="low")
    expect = (1000 * w["sea_usd_per_tkm"] + 110 * w["road_usd_per_tkm"] + 2 * w["port_call_usd_per_t"]
              + w["transshipment_usd_per_t"] + w["transit_state_usd_per_t"] + w["dangerous_goods_usd_per_t"])
    assert float(one) == pytest.approx(expect)
    many = route_cost(costs, sea_km=np.array([0.0, 500.0]), road_km=np.array([300.0, 0.0]), level="high")
    assert many.shape == (2,)
    assert many[0] == pytest.approx(300 * costs.value("road_usd_per_tkm", "high"))  # no DG surcharge by road
    lo = route_cost(costs, sea_km=5000, road_km=50, port_calls=2, level="low")
    hi = route_cost(costs, sea_km=5000, road_km=50, port_calls=2, level="high")
    assert lo < hi


def test_override_file(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("parameter,low,high,source\nroad_usd_per_tkm,0.5,0.9,my quote 2026\n")
    costs = load_costs(f)
    assert costs["road_usd_per_tkm"].low == 0.5 and costs["road_usd_per_tkm"].user
    assert costs["road_usd_per_tkm"].source == "my quote 2026"
    assert costs["sea_usd_per_tkm"].low == load_costs()["sea_usd_per_tkm"].low


def test_bad_override_rows_named_by_line_and_field(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("parameter,low,high\nroad_usd_per_tkm,abc,1\nwarp_drive,1,2\nsea_usd_per_tkm,3,1\n"
                 "port_call_usd_per_t,-1,2\n")
    with pytest.raises(ValidationError) as err:
        load_costs(f)
    msg = str(err.value)
    assert "line 2, field low" in msg and "line 3, field parameter" in msg and "warp_drive" in msg
    assert "line 4, field low" in msg and "line 5, field low" in msg
