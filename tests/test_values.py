"""Value helpers of result tables (``hgmap._values``)."""

import numpy as np

from hgmap._values import rounded


def test_rounded_is_python_round_cell_for_cell():
    """User points' km cells are rounded for all rows at once; they must be the floats
    ``round(x, 1)`` gives, including where ``np.round`` differs (0.15 is 0.1499... in
    binary: Python rounds it to 0.1, ``np.round`` to 0.2) and NaN as None."""
    rng = np.random.default_rng(7)
    x = np.concatenate([rng.random(20000) * 20000, np.arange(0, 50, 0.05), [0.15, 2.675, 1e-9, np.nan]])
    got = rounded(x)
    want = [None if v != v else round(v, 1) for v in x.tolist()]
    assert got == want
    assert all(type(v) is float for v in got if v is not None)
    assert rounded(np.array([0.15]))[0] == 0.1 and np.round(0.15, 1) == 0.2
