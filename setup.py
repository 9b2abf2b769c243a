"""Package discovery: every ``hgmap`` sub-package, plus ``data/`` installed as ``hgmap.data``.

The rest of the configuration is in ``pyproject.toml``; this file only exists because
setuptools cannot combine automatic discovery with the ``data/`` -> ``hgmap.data`` mapping.
"""

from setuptools import find_packages, setup

setup(packages=find_packages(include=["hgmap", "hgmap.*"])
      + ["hgmap.data"] + ["hgmap.data." + p for p in find_packages("data")])
