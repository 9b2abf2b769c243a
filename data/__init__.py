"""Datasets shipped with hgmap (the repository's ``data/`` folder); see DATA.md."""
