"""hgmap.geo: antimeridian splitting (network routes) and seam splitting (map frames)."""

from __future__ import annotations

import numpy as np
import pytest

from hgmap.geo import split_antimeridian, split_dateline


def _max_jump(line: list) -> float:
    lons = np.array(line)[:, 0]
    return float(np.abs(np.diff(lons)).max()) if len(lons) > 1 else 0.0


def test_split_antimeridian_suva_to_apia():
    lines = split_antimeridian([(178.4, -18.1), (-171.8, -13.8)])
    assert len(lines.geoms) == 2
    (a, b) = lines.geoms
    assert a.coords[-1][0] == 180.0 and b.coords[0][0] == -180.0
    assert a.coords[-1][1] == pytest.approx(b.coords[0][1])


def test_split_dateline_cuts_long_jumps_at_plus_minus_180():
    parts = split_dateline([(178.0, -17.0), (-178.0, -19.0), (-175.0, -20.0)])
    assert parts == [[[178.0, -17.0], [180.0, -18.0]],
                     [[-180.0, -18.0], [-178.0, -19.0], [-175.0, -20.0]]]
    back = split_dateline([(-179.0, 0.0), (179.0, 2.0)])
    assert back == [[[-179.0, 0.0], [-180.0, 1.0]], [[180.0, 1.0], [179.0, 2.0]]]


def test_split_dateline_at_the_pacific_seam():
    # Jamaica (-77.3 -> 282.7) to Germany: cut where the line crosses 30 W.
    parts = split_dateline([(282.7, 18.0), (320.0, 35.0), (-5.0, 48.0)], west=-30.0)
    assert [p[-1][0] for p in parts] == [330.0, -5.0] and parts[1][0][0] == -30.0
    assert parts[0][-1][1] == pytest.approx(parts[1][0][1])
    assert all(_max_jump(p) <= 180.0 for p in parts)


def test_split_dateline_keeps_a_short_line_whole():
    assert split_dateline([(10.0, 0.0), (20.0, 1.0), (30.0, 2.0)]) == [[[10.0, 0.0], [20.0, 1.0], [30.0, 2.0]]]
    assert split_dateline([(10.0, 0.0)]) == []
