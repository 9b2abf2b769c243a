"""Dated legal facts shipped with hgmap; built by ``data/build_law.py``."""
