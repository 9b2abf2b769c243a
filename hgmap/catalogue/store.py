"""A catalogue database: a GeoPackage file by default, or a shared PostgreSQL/PostGIS server.

:class:`Catalogue` is the one object that reads and changes a catalogue database.
Every change is logged field by field in ``edit_log`` with its source and the
contributor's organisation, and every update names the version it was made from:
an update made from an older version than the database holds is refused with a
:class:`~hgmap.errors.ConflictError` (optimistic locking), never silently applied.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
import sqlalchemy as sa

from .. import facilities as _facilities
from ..errors import ConflictError, DataError, ValidationError
from .entries import check_table, temp_csv
from .schema import ENTRY_COLUMNS, LOG_COLUMNS, SCHEMA_VERSION, tables

__all__ = ["Catalogue", "init_catalogue", "open_catalogue", "is_catalogue", "source_stamp", "EditResult"]

log = logging.getLogger(__name__)


def _is_url(db: str | os.PathLike[str]) -> bool:
    return str(db).startswith(("postgresql://", "postgresql+psycopg://", "postgres://"))


def _engine_url(db: str | os.PathLike[str]) -> str:
    text = str(db)
    if text.startswith("postgres://"):
        text = "postgresql://" + text[len("postgres://"):]
    if text.startswith("postgresql://"):
        return "postgresql+psycopg://" + text[len("postgresql://"):]
    if text.startswith("postgresql+psycopg://"):
        return text
    return f"sqlite:///{Path(text).resolve()}"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _gpkg_point(lon: float, lat: float) -> bytes:
    """A point as a GeoPackage geometry blob: header (magic, version, flags, SRS 4326) + WKB."""
    # flags 0b00000001: little-endian header, no envelope, not empty.
    return b"GP" + bytes([0, 1]) + struct.pack("<i", 4326) + shapely.to_wkb(shapely.Point(lon, lat), byte_order=1)


def _coords(row: Mapping[str, str]) -> tuple[float, float] | None:
    try:
        lon, lat = float(row.get("lon", "")), float(row.get("lat", ""))
    except (TypeError, ValueError):
        return None
    return (lon, lat) if -180 <= lon <= 180 and -90 <= lat <= 90 else None


def is_catalogue(source: str | os.PathLike[str]) -> bool:
    """True for a PostgreSQL URL or a GeoPackage that ``hgmap catalogue init`` made."""
    if _is_url(source):
        return True
    p = Path(source)
    if p.suffix.lower() != ".gpkg" or not p.is_file():
        return False
    engine = sa.create_engine(_engine_url(p))
    try:
        with engine.connect() as conn:
            return sa.inspect(conn).has_table("hgmap_catalogue")
    except sa.exc.SQLAlchemyError:
        return False
    finally:
        engine.dispose()


def source_stamp(source: str | os.PathLike[str]) -> tuple[str, object]:
    """``(where, last change number)`` of a catalogue database: a key for caches."""
    where = str(source) if _is_url(source) else str(Path(source).resolve())
    with open_catalogue(source) as cat:
        return (where, cat.revision())


@dataclass
class EditResult:
    """What an import did: ids created and updated, fields changed, rows left out and why."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    fields_changed: int = 0
    skipped: list[str] = field(default_factory=list)

    def format(self) -> str:
        lines = [f"{len(self.created)} created, {len(self.updated)} updated ({self.fields_changed} fields), "
                 f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped"]
        lines += [f"  skipped: {s}" for s in self.skipped]
        return "\n".join(lines)


class Catalogue:
    """An open catalogue database (use :func:`open_catalogue` or :func:`init_catalogue`).

    Parameters
    ----------
    db
        Path of a GeoPackage, or a ``postgresql://user:password@host/dbname`` URL.
    """

    def __init__(self, db: str | os.PathLike[str]) -> None:
        self.db = str(db)
        self.engine = sa.create_engine(_engine_url(db))
        self.dialect = self.engine.dialect.name
        self.entries, self.edit_log, self.meta = tables(self.dialect)

    def __repr__(self) -> str:
        where = self.db.split("@")[-1] if _is_url(self.db) else self.db
        return f"<Catalogue {where} ({self.dialect})>"

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- creation and schema ------------------------------------------------------

    def _create(self) -> None:
        if self.dialect == "postgresql":
            with self.engine.begin() as conn:
                conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
                if sa.inspect(conn).has_table("hgmap_catalogue"):
                    raise DataError(f"{self}: already a catalogue database")
            self.entries.metadata.create_all(self.engine)
        else:
            self._create_gpkg()
        with self.engine.begin() as conn:
            conn.execute(sa.insert(self.meta), [{"key": "schema_version", "value": SCHEMA_VERSION},
                                                {"key": "created_at", "value": _now()}])

    def _create_gpkg(self) -> None:
        path = Path(self.db)
        if path.exists():
            raise DataError(f"{path}: already exists; a catalogue is created in a new file")
        path.parent.mkdir(parents=True, exist_ok=True)
        empty = gpd.GeoDataFrame({c: pd.Series(dtype=object) for c in ENTRY_COLUMNS}
                                 | {"version": pd.Series(dtype="int64"), "updated_at": pd.Series(dtype=object)},
                                 geometry=gpd.GeoSeries([], crs=4326))
        # No R-tree: its triggers call GDAL's SQL functions, which plain SQLite lacks.
        empty.to_file(path, layer="entries", driver="GPKG", engine="pyogrio", geometry_type="Point",
                      layer_options={"SPATIAL_INDEX": "NO", "FID": "fid", "GEOMETRY_NAME": "geom"})
        self.edit_log.create(self.engine)
        self.meta.create(self.engine)
        with self.engine.begin() as conn:
            conn.execute(sa.text("CREATE UNIQUE INDEX entries_id ON entries(id)"))
            for name in ("edit_log", "hgmap_catalogue"):
                conn.execute(sa.text("INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                                     "VALUES (:t, 'attributes', :t)"), {"t": name})

    def _migrate(self) -> None:
        """Add entry columns that a newer hgmap knows and this database lacks (as empty text)."""
        with self.engine.begin() as conn:
            insp = sa.inspect(conn)
            if not insp.has_table("hgmap_catalogue"):
                raise DataError(f"{self.db}: not an hgmap catalogue database (run `hgmap catalogue init`)")
            have = {c["name"] for c in insp.get_columns("entries")}
            for col in ENTRY_COLUMNS:
                if col not in have:
                    log.info("catalogue %s: adding column %s", self, col)
                    conn.execute(sa.text(f'ALTER TABLE entries ADD COLUMN "{col}" TEXT NOT NULL DEFAULT \'\''))

    # --- reading ------------------------------------------------------------------

    def frame(self, *, kind: str | None = None) -> pd.DataFrame:
        """All entries as text columns (:data:`ENTRY_COLUMNS` + ``version``, ``updated_at``), by id."""
        cols = [self.entries.c[c] for c in (*ENTRY_COLUMNS, "version", "updated_at")]
        query = sa.select(*cols).order_by(self.entries.c.id)
        if kind is not None:
            query = query.where(self.entries.c.kind == kind)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return pd.DataFrame(rows, columns=[*ENTRY_COLUMNS, "version", "updated_at"])

    def revision(self) -> int:
        """Number of the last logged change (0 for an empty catalogue)."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(self.edit_log.c.seq), 0))).scalar())

    def history(self, entry_id: str | None = None) -> pd.DataFrame:
        """The edit log (every field change), oldest first; only ``entry_id``'s when given."""
        query = sa.select(*[self.edit_log.c[c] for c in LOG_COLUMNS]).order_by(self.edit_log.c.seq)
        if entry_id is not None:
            query = query.where(self.edit_log.c.entry_id == entry_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return pd.DataFrame(rows, columns=list(LOG_COLUMNS))

    def facilities(self) -> gpd.GeoDataFrame:
        """The ``facility`` entries as a validated facility catalogue (what analyses use)."""
        table = self.frame(kind="facility")
        if table.empty:
            raise DataError(f"{self}: the catalogue has no facility entries")
        with temp_csv(table[list(_facilities.COLUMNS)]) as path:
            return _facilities.load_facilities(path)

    # --- writing ------------------------------------------------------------------

    def _geom(self, row: Mapping[str, str]) -> object:
        xy = _coords(row)
        if xy is None:
            return None
        if self.dialect == "postgresql":
            from geoalchemy2 import WKTElement

            return WKTElement(f"POINT({xy[0]!r} {xy[1]!r})", srid=4326)
        return _gpkg_point(*xy)

    def apply(self, rows: Sequence[Mapping[str, str]], *, source: str, organisation: str,
              skip_conflicts: bool = False, now: str | None = None) -> EditResult:
        """Create or update entries in one transaction, logging every changed field.

        Parameters
        ----------
        rows
            Entries as text (:data:`ENTRY_COLUMNS`; missing columns are empty). A row
            whose id exists must carry ``version``: the version the change was made from.
        source, organisation
            Recorded with every change (where the new facts come from; who sends them).
        skip_conflicts
            Leave out rows in conflict (listed in the result) instead of refusing all.

        Raises
        ------
        ConflictError
            When a row was edited from an older version than the database holds (or has
            no version for an existing entry); nothing is written.
        """
        if not source.strip() or not organisation.strip():
            raise DataError("every change needs a source and the contributor's organisation")
        stamp = now or _now()
        result = EditResult()
        t, lg = self.entries, self.edit_log
        with self.engine.begin() as conn:
            current = {r["id"]: dict(r) for r in conn.execute(sa.select(t)).mappings()}
            logs: list[dict] = []
            inserts: list[dict] = []
            for row in rows:
                new = {c: str(row.get(c, "") or "") for c in ENTRY_COLUMNS}
                new["kind"] = new["kind"] or "facility"
                eid = new["id"]
                old = current.get(eid)
                if old is None:
                    inserts.append({**new, "version": 1, "updated_at": stamp, "geom": self._geom(new)})
                    current[eid] = {**new, "version": 1}  # a repeated id in ``rows`` is then an update
                    result.created.append(eid)
                    logs += [dict(entry_id=eid, version=1, action="create", field=c, old_value=None,
                                  new_value=new[c], changed_at=stamp, source=source, organisation=organisation)
                             for c in ENTRY_COLUMNS if new[c]]
                    continue
                problem = _version_problem(eid, row.get("version"), int(old["version"]))
                if problem:
                    if skip_conflicts:
                        result.skipped.append(problem)
                        continue
                    raise ConflictError(problem)
                changed = {c: new[c] for c in ENTRY_COLUMNS if new[c] != (old.get(c) or "")}
                if not changed:
                    result.unchanged.append(eid)
                    continue
                version = int(old["version"]) + 1
                stmt = (sa.update(t).where(t.c.id == eid, t.c.version == int(old["version"]))
                        .values(**changed, version=version, updated_at=stamp, geom=self._geom(new)))
                if inserts:  # an update may follow the creation of the same id in ``rows``
                    conn.execute(sa.insert(t), inserts)
                    inserts.clear()
                if conn.execute(stmt).rowcount != 1:  # another writer got there first
                    raise ConflictError(f"{eid}: changed by another editor while importing; try again")
                result.updated.append(eid)
                result.fields_changed += len(changed)
                logs += [dict(entry_id=eid, version=version, action="update", field=c,
                              old_value=old.get(c) or "", new_value=v, changed_at=stamp, source=source,
                              organisation=organisation) for c, v in changed.items()]
            # One executemany each: new entries and log rows are most of a first import.
            if inserts:
                conn.execute(sa.insert(t), inserts)
            if logs:
                conn.execute(sa.insert(lg), logs)
        return result

    def update(self, entry_id: str, changes: Mapping[str, str], *, version: int, source: str,
               organisation: str) -> int:
        """Change some fields of one entry edited from ``version``; return the new version.

        Raises
        ------
        ConflictError
            When the entry is no longer at ``version`` (someone else changed it).
        DataError
            When the entry does not exist or a field is not an entry column.
        """
        bad = sorted(set(changes) - set(ENTRY_COLUMNS) - {"version"}) + (["id"] if "id" in changes else [])
        if bad:
            raise DataError(f"cannot change field(s) {', '.join(bad)} of {entry_id!r}")
        row = self.frame().set_index("id")
        if entry_id not in row.index:
            raise DataError(f"no catalogue entry {entry_id!r}")
        merged = {**row.loc[entry_id].to_dict(), **{k: str(v) for k, v in changes.items()}, "id": entry_id,
                  "version": str(version)}
        checked = check_table(pd.DataFrame([merged]).astype(str), [f"entry {entry_id}"], "update")
        errors = [p for p in checked.problems if ": error: " in p]
        if errors:
            raise ValidationError(f"{entry_id}: the change would make the entry invalid; nothing written", errors)
        res = self.apply([merged], source=source, organisation=organisation)
        return version + (1 if res.updated else 0)


def _version_problem(eid: str, given: object, current: int) -> str | None:
    text = "" if given is None else str(given).strip()
    if not text:
        return (f"{eid}: version: this entry exists (version {current}); give the version you edited "
                "so that nobody's change is overwritten")
    try:
        number = int(text)
    except ValueError:
        return f"{eid}: version: {text!r} is not a whole number"
    if number != current:
        return (f"{eid}: version: edited from version {number}, but the catalogue is at version {current} "
                "(someone changed it since): export the current entry and redo the edit")
    return None


def init_catalogue(db: str | os.PathLike[str]) -> Catalogue:
    """Create an empty catalogue database (a new ``.gpkg`` file, or tables on a PostgreSQL server)."""
    if not _is_url(db) and Path(db).suffix.lower() != ".gpkg":
        raise DataError(f"{db}: a catalogue database is a .gpkg file or a postgresql:// URL")
    cat = Catalogue(db)
    try:
        cat._create()
    except sa.exc.OperationalError as exc:
        cat.close()
        raise DataError(f"{cat}: cannot create the catalogue: {exc.orig}") from None
    return cat


def open_catalogue(db: str | os.PathLike[str]) -> Catalogue:
    """Open an existing catalogue database (GeoPackage path or PostgreSQL URL)."""
    if not _is_url(db) and not Path(db).is_file():
        raise DataError(f"{db}: no such catalogue (create it with `hgmap catalogue init {db}`)")
    cat = Catalogue(db)
    try:
        cat._migrate()
    except sa.exc.OperationalError as exc:
        cat.close()
        raise DataError(f"{db}: cannot open the catalogue: {exc.orig}") from None
    return cat
