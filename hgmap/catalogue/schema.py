"""What a catalogue database holds: entry kinds, columns and the two tables.

An entry is one row of the facility catalogue schema (:data:`hgmap.facilities.COLUMNS`)
plus ``kind`` and ``description``; the database adds ``version`` (for optimistic
locking) and ``updated_at``. Every change is a row of ``edit_log``. Values are stored as
the catalogue's CSV text (lists joined with ``;`` and `` | ``), so an export is the same
file a contributor edits.
"""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa

from .. import facilities

__all__ = ["KINDS", "Kind", "ENTRY_COLUMNS", "SYSTEM_COLUMNS", "LOG_COLUMNS", "tables"]

Kind = Literal["facility", "service", "technology"]
#: ``facility`` treats waste at a site (the only kind the analyses use); ``service``
#: collects, transports, brokers exports or advises; ``technology`` is equipment or a
#: process on offer.
KINDS: tuple[str, ...] = ("facility", "service", "technology")

#: Columns a contributor edits, in file order.
ENTRY_COLUMNS: tuple[str, ...] = ("id", "kind", *[c for c in facilities.COLUMNS if c != "id"], "description")
#: Columns the database keeps for itself.
SYSTEM_COLUMNS: tuple[str, ...] = ("version", "updated_at")
#: Columns of the edit log, in order.
LOG_COLUMNS: tuple[str, ...] = ("seq", "entry_id", "version", "action", "field", "old_value", "new_value",
                                "changed_at", "source", "organisation")

SCHEMA_VERSION = "1"


def tables(dialect: str, metadata: sa.MetaData | None = None) -> tuple[sa.Table, sa.Table, sa.Table]:
    """The ``entries``, ``edit_log`` and ``hgmap_catalogue`` tables for a database dialect.

    In a GeoPackage (``sqlite``) the point geometry is a GeoPackage binary blob in the
    ``geom`` column GDAL created; in PostgreSQL it is a PostGIS ``geometry(Point, 4326)``.
    """
    md = metadata or sa.MetaData()
    if dialect == "postgresql":
        from geoalchemy2 import Geometry

        geom_type: sa.types.TypeEngine = Geometry("POINT", srid=4326, spatial_index=True)
    else:
        geom_type = sa.LargeBinary()
    entries = sa.Table(
        "entries", md,
        sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("geom", geom_type, nullable=True),
        *[sa.Column(c, sa.Text, nullable=False, unique=(c == "id")) for c in ENTRY_COLUMNS],
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
    )
    log = sa.Table(
        "edit_log", md,
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.Text, nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("field", sa.Text, nullable=False),
        sa.Column("old_value", sa.Text, nullable=True),
        sa.Column("new_value", sa.Text, nullable=True),
        sa.Column("changed_at", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("organisation", sa.Text, nullable=False),
    )
    meta = sa.Table(
        "hgmap_catalogue", md,
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    return entries, log, meta
