"""The dossier as a format-neutral document: headings, paragraphs, lists and tables of text.

:func:`compose` writes every sentence once, in the chosen language; the HTML, Markdown
and DOCX writers (:mod:`hgmap.dossier.render`) only lay the blocks out. Cells are plain
text, :class:`Link` (a URL with its text) or :data:`BLANK` (a field hgmap does not know,
left blank and marked for the reader to complete).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence

from ..i18n import N_, translation, whole_number
from .build import ANNEX_VA_SOURCE, BASEL_CONTACTS_URL, WAIGANI_PROCEDURES_URL
from .model import Dossier, Leg, NotificationField, Option, PortCall, StreamSection
from .texts import (
    ACCESS_STATUS, AGREEMENT_TITLES, CONFIDENCE, FIELD_LABELS, INSTRUMENT_TITLES, LEG_LABELS, LEGAL_STATUS,
    OPERATION_LABELS, RULE_TITLES, SERVICE_KINDS, STREAM_TITLES, agreement_name, cite_text, closed_text,
    basel_known_to, coverage_text, in_english, joined, membership_text, not_basel_party, open_basel, outside_basel,
    state_list, step_text, tr, what_if_text,
)
from .itinerary import INLAND_KM
from .unknowns import scope_flag_text, unknown_text

__all__ = ["Link", "Blank", "BLANK", "Heading", "Para", "Bullets", "Steps", "Table", "MapBlock", "Document",
           "compose", "localize", "round_legs"]


@dataclasses.dataclass(frozen=True)
class Link:
    """A URL (or reference) to show as a link where the format allows."""

    url: str
    text: str = ""


@dataclasses.dataclass(frozen=True)
class Blank:
    """A notification field hgmap does not know: blank, marked for completion."""

    mark: str


BLANK = Blank("")

Cell = str | Link | Blank | list


@dataclasses.dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str = ""


@dataclasses.dataclass(frozen=True)
class Para:
    text: str
    kind: str = ""  # "" | note | warn | meta
    links: tuple[Link, ...] = ()


@dataclasses.dataclass(frozen=True)
class Bullets:
    items: tuple[Cell, ...]


@dataclasses.dataclass(frozen=True)
class Steps:
    items: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kind: str = ""  # "" | legs | notification
    numeric: tuple[int, ...] = ()  # right-aligned columns


@dataclasses.dataclass(frozen=True)
class MapBlock:
    caption: str
    legend: tuple[str, ...]


Block = Heading | Para | Bullets | Steps | Table | MapBlock


@dataclasses.dataclass
class Document:
    """The composed dossier in one language."""

    lang: str
    title: str
    blocks: list[Block]
    labels: dict[str, str]  # the page chrome's own words (e.g. "Contents")

    def text(self) -> str:
        """All text of the document, one block per line (for tests and search)."""
        out = [self.title]
        for b in self.blocks:
            if isinstance(b, (Heading, Para)):
                out.append(b.text)
            elif isinstance(b, (Bullets, Steps)):
                out += [_cell_text(c) for c in b.items]
            elif isinstance(b, Table):
                out.append(" | ".join(b.head))
                out += [" | ".join(_cell_text(c) for c in row) for row in b.rows]
            elif isinstance(b, MapBlock):
                out += [b.caption, *b.legend]
        return "\n".join(out)


def _cell_text(c: Cell) -> str:
    if isinstance(c, Link):
        return c.text or c.url
    if isinstance(c, Blank):
        return c.mark
    if isinstance(c, list):
        return " ".join(_cell_text(x) for x in c)
    return str(c)


def round_legs(legs: Sequence[Leg], total: float) -> list[int]:
    """Whole kilometres per leg that add up exactly to the rounded total (largest remainder)."""
    target = int(round(total))
    floors = [math.floor(leg.km) for leg in legs]
    rest = target - sum(floors)
    order = sorted(range(len(legs)), key=lambda i: -(legs[i].km - floors[i]))
    out = list(floors)
    for i in order[:max(0, rest)]:
        out[i] += 1
    if rest < 0:  # "other" can be negative: take from the largest remainders' opposite
        for i in sorted(range(len(legs)), key=lambda i: legs[i].km - floors[i])[:(-rest)]:
            out[i] -= 1
    return out


def _km(value: float | None, _: Callable[[str], str], num: Callable[[float], str] = "{:,.0f}".format) -> str:
    return _("unknown") if value is None else f"{num(round(value))} km"


def _sources(urls: Sequence[str]) -> list:
    return [Link(u) for u in dict.fromkeys(u for u in urls if u)]


def _cost(o: Option, _: Callable[[str], str], num: Callable[[float], str]) -> str:
    if o.cost_low is None and o.cost_high is None:
        return _("unknown")
    lo = num(round(o.cost_low)) if o.cost_low is not None else "?"
    hi = num(round(o.cost_high)) if o.cost_high is not None else "?"
    return _("{low}-{high} USD per tonne").format(low=lo, high=hi)


def _option_rows(d: Dossier, s: StreamSection, _: Callable[[str], str],
                 num: Callable[[float], str]) -> tuple[tuple[str, ...], list, bool]:
    kinds = ["sea", "road", "access"]
    if any(leg.kind == "other" for o in s.options for leg in o.legs):
        kinds.append("other")
    head = (_("No."), _("Facility"), _("Country"), *[_(LEG_LABELS[k]) for k in kinds], _("Total"),
            _("Transit States"), _("Estimated transport cost"), _("Legal status"), _("Confidence"))
    rows = []
    for o in s.options:
        legs = {leg.kind: leg for leg in o.legs}
        chosen = [legs.get(k, Leg(k, 0.0)) for k in kinds]
        whole = round_legs(chosen, o.distance_km)
        rows.append((str(o.rank), o.facility_name, f"{d.name_of(o.facility_iso3)} ({o.facility_iso3})",
                     *[f"{num(w)} km" for w in whole], f"{num(sum(whole))} km",
                     ", ".join(f"{d.name_of(t)} ({t})" for t in o.transit) or _("none"),
                     _cost(o, _, num), tr(_, LEGAL_STATUS, o.legal_status), tr(_, CONFIDENCE, o.legal_confidence)))
    return head, rows, "other" in kinds


def localize(d: Dossier, lang: str) -> Dossier:
    """The dossier with country names in ``lang`` (ISO 3166 names; data text stays as it is)."""
    from ..countries import country_articles, country_names

    if lang == "en":
        return dataclasses.replace(d, articles=country_articles("en"))

    local = country_names(lang)
    return dataclasses.replace(d, names={**d.names, **{k: v for k, v in local.items() if k in d.names}},
                               name=local.get(d.iso3, d.name), articles=country_articles(lang))


# The three callables every section helper takes: gettext, the locale's number format, blocks.append.
_Gettext = Callable[[str], str]
_Num = Callable[[float], str]
_Add = Callable[[Block], None]


def compose(d: Dossier, lang: str = "en") -> Document:
    """Write the dossier's sentences in ``lang`` (``en``, ``fr`` or ``es``)."""
    _ = translation(lang).gettext
    d = localize(d, lang)
    num = whole_number(lang)
    blocks: list[Block] = []
    add = blocks.append
    title = _("Mercury waste dossier: {country}").format(country=d.name)
    # The sections in reading order; each helper appends its own blocks.
    _front_blocks(d, _, add)
    _summary_blocks(d, _, num, add)
    _map_blocks(d, _, num, add)
    _legal_blocks(d, _, add)
    _authority_blocks(d, _, add)
    for s in d.streams:
        _stream_blocks(d, s, _, num, add)
    _notification_blocks(d, _, num, add)
    _regional_blocks(d, _, add)
    _about_blocks(d, _, add)
    labels = {"contents": _("Contents"), "print": _("Print or save as PDF"), "lang": lang,
              "map_alt": _("Map of the routes")}
    return Document(lang, title, blocks, labels)


def _front_blocks(d: Dossier, _: _Gettext, add: _Add) -> None:
    """The line of dates and options, then the not-legal-advice warning."""
    meta = _("Law as of {as_of}; legal data as of {data_date}; up to {k} options per stream.").format(
        as_of=d.as_of, data_date=d.data_date, k=d.k)
    if d.scenario:
        meta += " " + _("Scenario: {name}.").format(name=d.scenario)
    add(Para(meta, "meta"))
    dates = d.facilities_dates
    if dates is not None and d.as_of < dates[1]:
        span = dates[0] if dates[0] == dates[1] else _("{first} to {last}").format(first=dates[0], last=dates[1])
        add(Para(_("The law is read as of {as_of}; the facilities, their statuses and what they accept are the "
                   "catalogue's as its records were checked ({dates}), not as they were on {as_of}.").format(
                       as_of=d.as_of, dates=span), "warn"))
    add(Para(_("Not legal advice: check every shipment with the competent authorities of the States of "
               "export, transit and import. Legal data as of {date}.").format(date=d.data_date), "warn"))


def _summary_blocks(d: Dossier, _: _Gettext, num: _Num, add: _Add) -> None:
    """One row per stream: its result and its first legal option (rank 1 by the objective)."""
    add(Heading(2, _("Summary"), "summary"))
    rows = []
    for s in d.streams:
        first = s.options[0] if s.options else None
        rows.append((_(STREAM_TITLES.get(s.stream, s.stream)), tr(_, ACCESS_STATUS, s.status),
                     f"{first.facility_name} ({first.facility_iso3})" if first else "-",
                     _km(first.distance_km, _, num) if first else "-"))
    best = (_("Best legal option (shortest)") if d.objective == "distance"
            else _("Best legal option (lowest estimated cost)"))
    add(Table((_("Waste stream"), _("Result"), best, _("Distance")), tuple(rows),
              numeric=(3,)))


def _map_blocks(d: Dossier, _: _Gettext, num: _Num, add: _Add) -> None:
    """The route map's caption and its numbered legend (the image itself is the renderer's)."""
    add(Heading(2, _("Map of the routes"), "map"))
    from .mapping import route_map

    rm = route_map(d)
    legend = []
    for r in rm.routes:
        uses = ", ".join(f"{_(STREAM_TITLES.get(st, st))} #{rank}" for st, rank in r.uses)
        legend.append(_("{n}. {facility} ({iso3}), {km}: {uses}").format(
            n=r.number, facility=r.facility_name, iso3=r.facility_iso3, km=_km(r.distance_km, _, num), uses=uses))
    caption = _("Every option's route, numbered by facility, shortest route first (the options themselves are "
                "ranked {ranking}). Distances follow sea lanes and roads on hgmap's network; they are not sailing "
                "schedules.").format(ranking=_ranking(d, _))
    inland = sorted({p for s in d.streams for o in s.options for pair in o.sea_ports for p in pair
                     if p is not None and p.inland}, key=lambda p: (p.iso3, p.port_id))
    if inland and rm.routes:
        caption += " " + _("Caveat, inland ports: UN/LOCODE lists inland places among its ports, and a sea leg "
                           "of these routes starts or ends at one more than {limit} from the coast: {ports}. That "
                           "sea leg stands in for the inland leg (river, rail or road) of a real shipment, so its "
                           "length, cost and transit States may be wrong.").format(
                               ports=", ".join(f"{p.name} ({p.port_id}, {_km(p.coast_km, _, num)})" for p in inland),
                               limit=_km(INLAND_KM, _, num))
    lakes = sorted({p for s in d.streams for o in s.options for pair in o.sea_ports for p in pair
                    if p is not None and p.inland_waters}, key=lambda p: (p.iso3, p.port_id))
    if lakes and rm.routes:
        caption += " " + _("Caveat, lake and river ports: {ports} are reached along a lane through inland waters "
                           "(such as the St Lawrence); the States whose land or internal waters the drawn lane "
                           "crosses are counted as transit States of the route, from the countries' outlines at "
                           "1:10m; canal and strait treaty regimes are not modelled.").format(
                               ports=", ".join(f"{p.name} ({p.port_id}, {_km(p.coast_km, _, num)})" for p in lakes))
    if not rm.routes:
        caption = _("No option has a route to draw.")
    add(MapBlock(caption, tuple(legend)))


def _cost_note(_: _Gettext) -> str:
    """What the estimated transport cost covers (:mod:`hgmap.costs`, ``data/costs.csv``)."""
    return _("Estimated transport cost: USD per tonne of a full 20-foot container (20 t), low to high, for "
             "transport and port costs only: sea freight per tonne-km, road per tonne-km (road legs and the "
             "join legs), each port call, each transshipment, a dangerous-goods surcharge once per sea route and "
             "each transit State. It excludes the treatment (gate) fee, insurance, packaging and permits. A "
             "smaller consignment costs far more per tonne (a part-filled container costs about as much as a "
             "full one): price a real shipment with hgmap plan.")


def _ranking(d: Dossier, _: _Gettext) -> str:
    """How the options are ranked: the results' objective (estimated transport cost by default)."""
    if d.objective == "distance":
        return _("by route length, shortest first")
    return _("by estimated transport cost, lowest first, so option 1 is not always the shortest route")


def _legal_blocks(d: Dossier, _: _Gettext, add: _Add) -> None:
    """Treaty memberships, territory coverage, Article 11 / regional agreements and national bans."""
    add(Heading(2, _("Legal position on {date}").format(date=d.as_of), "legal"))
    prow = []
    for m in d.position.memberships:
        prow.append((_(INSTRUMENT_TITLES.get(m.instrument, m.instrument)), membership_text(_, d, m),
                     tr(_, CONFIDENCE, m.confidence), _sources(m.sources) or _("no source: not recorded")))
    add(Table((_("Instrument"), _("Status"), _("Confidence"), _("Sources")), tuple(prow)))
    # The law's note, where it has a code to word it in the dossier's language (the status cell
    # already says the rest: "Unknown (not a Party on DATE; not established since)").
    notes = [unknown_text(_, d, m.note) for m in d.position.memberships if m.undetermined and m.note]
    if any(known for _t, known in notes):
        add(Bullets(tuple(t for t, known in notes if known)))
    if d.position.sovereign:
        add(Para(_("{country} is a territory of {sovereign}; its treaty status follows the sovereign's "
                   "ratifications where they extend to it (Basel coverage: {coverage}).").format(
                       country=d.named((d.iso3,), code=False), sovereign=d.named((d.position.sovereign,), code=False),
                       coverage=tr(_, {"covered": N_("covered"), "not_covered": N_("not covered"),
                                       "unknown": N_("unknown")}, d.position.basel_coverage or "unknown")),
                 "note"))
    add(Heading(3, _("Article 11 and regional agreements")))
    if d.position.agreements:
        add(Bullets(tuple([f"{_agreement_title(_, a)} [{a.agreement_id}]" + _agreement_dates(d, a, _),
                           *_sources(a.sources)] for a in d.position.agreements)))
    else:
        add(Para(_("No agreement recorded in hgmap's data.")))
    add(Heading(3, _("National bans")))
    if d.position.bans:
        measures = {"import_ban": N_("import ban"), "export_ban": N_("export ban"), "transit_ban": N_("transit ban")}
        add(Bullets(tuple([f"{tr(_, measures, b.measure)}: {b.legal_basis} ({in_english(_, b.scope)}) [{b.ban_id}]",
                           *_sources(b.sources)] for b in d.position.bans)))
    else:
        add(Para(_("No national ban recorded in hgmap's data.")))


def _authority_blocks(d: Dossier, _: _Gettext, add: _Add) -> None:
    """The competent authorities and focal points of every State the options involve."""
    add(Heading(2, _("Competent authorities"), "authorities"))
    roles = {"competent_authority": N_("Competent authority"), "focal_point": N_("Focal point")}
    arow = []
    for iso in d.states():
        known = d.authorities.get(iso, ())
        if not known and iso in d.outside_basel:
            # Not a Basel Party: the Basel contact list does not name its authority.
            conventions = d.outside_basel[iso]
            # Its Basel status as the law knows it: "not known to be a Basel Party (not a Party on
            # DATE; ...)" past the list's evidence date, never "not a Basel Party" as a fact.
            status = not_basel_party(_, d, iso)
            if "waigani" in conventions:
                where = _("not in hgmap's data; {status}: its competent authority and focal point are those it "
                          "designates under the Waigani Convention (SPREP, the Convention's Secretariat)").format(
                              status=status)
                links = [Link(WAIGANI_PROCEDURES_URL)]
            elif "bamako" in conventions:
                where = _("not in hgmap's data; {status}: its competent authority is the one it designates under "
                          "the Bamako Convention, or its national law").format(status=status)
                links = []
            else:
                where = _("not in hgmap's data; {status}: its authority for these movements is the one its "
                          "national law designates (and the Article 11 agreement the movement goes under, if any, "
                          "see the procedure)").format(status=status)
                links = []
            arow.append((f"{d.name_of(iso)} ({iso})", _("unknown"), where, links))
        elif not known:
            arow.append((f"{d.name_of(iso)} ({iso})", _("unknown"),
                         _("not in hgmap's data: see the Basel Convention country contacts"),
                         [Link(BASEL_CONTACTS_URL)]))
        for a in known:
            arow.append((f"{d.name_of(iso)} ({iso})", tr(_, roles, a.role), in_english(_, a.name) if a.lang == "en"
                         else a.name,
                         _sources(a.source_url.split(" ; ")) + [f"({tr(_, CONFIDENCE, a.confidence)}, {a.as_of})"]))
    add(Table((_("State"), _("Role"), _("Authority"), _("Source")), tuple(arow)))
    for iso, later in d.later_authorities.items():
        # A row whose legal basis took effect after the law date: not named, but said.
        for a in later:
            add(Para(_("Not named for {a}: {authority} (hgmap's data, as of {checked}); its legal basis took effect "
                       "on {date}, after {as_of}. Its authority on {as_of} is not in hgmap's data.").format(
                           a=d.named((iso,)), authority=in_english(_, a.name) if a.lang == "en" else a.name,
                           checked=a.as_of, date=a.valid_from, as_of=d.as_of), "note",
                     tuple(_sources(a.source_url.split(" ; ")))))
    add(Para(_("The Basel Convention's country contacts list every Party's competent authorities and focal "
               "point; check them before notifying."), "note", (Link(BASEL_CONTACTS_URL),)))


def _stream_blocks(d: Dossier, s: StreamSection, _: _Gettext, num: _Num, add: _Add) -> None:
    """One stream's section: codes, options (or why none), closed facilities, what-ifs and services."""
    anchor = f"stream-{s.stream.replace('_', '-')}"
    add(Heading(2, _(STREAM_TITLES.get(s.stream, s.stream)), anchor))
    add(Para(_("Result: {status}.").format(status=tr(_, ACCESS_STATUS, s.status))))
    _codes_blocks(s, _, add)
    if s.options:
        head, rows, other = _option_rows(d, s, _, num)
        add(Table(head, tuple(rows), "legs", numeric=tuple(range(3, 3 + (4 if other else 3) + 1))))
        add(Para(_("Options are ranked {ranking}.").format(ranking=_ranking(d, _)), "note"))
        if any(o.cost_low is not None or o.cost_high is not None for o in s.options):
            add(Para(_cost_note(_), "note"))
        _feeder_notes(s.options, _, add)
        if other:
            add(Para(_("Part of the distance is not broken down into legs by the route result."), "note"))
        for o in s.options:
            _option_blocks(d, o, _, add)
    elif s.status == "no_facility_for_stream":
        add(Para(_("No operating facility in the catalogue accepts this stream."), "warn"))
    else:
        add(Para(_("No facility that accepts this stream can be reached legally."), "warn"))
    if s.closed:
        add(Heading(3, _("Closed facilities with a shorter route than option 1") if s.options
                    else _("Closed facilities")))
        add(Table((_("Facility"), _("Country"), _("Distance"), _("Why it is closed")),
                  tuple((c.facility_name, f"{d.name_of(c.facility_iso3)} ({c.facility_iso3})",
                         _km(c.distance_km, _, num), closed_text(_, d, c)) for c in s.closed), numeric=(2,)))
    if s.what_if:
        _what_if_blocks(d, s, _, num, add)
    _services_blocks(d, s, _, add)


def _feeder_notes(options: Sequence[Option], _: _Gettext, add: _Add) -> None:
    """Where an option's port of loading or discharge has no container terminal known or is
    served by feeders (:func:`hgmap.route_ports.feeder_port`): a feeder leg to a hub port is
    likely (or may be needed) and is not priced, so the cost is a lower bound (the result's
    ``route_notes``). One note per port, naming the options that use it."""
    from ..route_ports import feeder_port

    by_port: dict = {}
    for o in options:
        if not o.sea_ports:
            continue
        for role, p in ((_("port of loading"), o.sea_ports[0][0]), (_("port of discharge"), o.sea_ports[-1][1])):
            if p is not None and feeder_port(p.port_id) is not None:
                by_port.setdefault((role, p), []).append(o.rank)
    for (role, p), ranks in by_port.items():
        terminal, via, url = feeder_port(p.port_id)
        if via:
            fact = _("served by feeders via {hub}").format(hub=via)
        elif terminal == "0":
            fact = _("no container terminal (data/ports.csv)")
        else:
            fact = _("no container terminal known (data/ports.csv)")
        which = (_("Option {rank}").format(rank=ranks[0]) if len(ranks) == 1
                 else _("Options {ranks}").format(ranks=", ".join(map(str, ranks))))
        if via or terminal == "0":
            msg = _("{options}, {role} {port}: {fact}. A feeder to a hub port is likely and is not priced: "
                    "the estimated cost is a lower bound, and no transshipment is counted.")
        else:
            msg = _("{options}, {role} {port}: {fact}. A leg to or from a hub port may be needed and is not "
                    "priced: the estimated cost may be a lower bound.")
        add(Para(msg.format(options=which, role=role, port=f"{p.name} ({p.port_id})", fact=fact), "note",
                 (Link(url),) if url else ()))


def _codes_blocks(s: StreamSection, _: _Gettext, add: _Add) -> None:
    """The stream's Basel codes and its UN transport classification (or who must establish it)."""
    codes = joined(_, s.basel_codes) or _("unknown")
    add(Para(_("Basel codes (Y and Annex VIII entries): {codes}.").format(codes=codes), "",
             tuple(Link(u) for u in s.basel_codes_sources)))
    if s.transport is not None and s.transport.un_number:
        t = s.transport
        add(Para(_("UN number: {un} {name}; hazard class {cls}; packing group {pg} (confidence: {conf})."
                   ).format(un=t.un_number, name=t.shipping_name or "", cls=t.hazard_class or "?",
                            pg=t.packing_group or "?", conf=tr(_, CONFIDENCE, t.confidence)), "",
                 tuple(Link(u) for u in t.sources)))
        # Every route of the dossier crosses the sea: the IMDG Code governs that leg, and its
        # Dangerous Goods List entry is the one hgmap has not read (data/transport_codes.csv:
        # the class and packing group are from ADR Table A, the IATA DGR or the UN Model
        # Regulations). Say so first, in so many words, where the options have a sea leg.
        by_sea = [o for o in s.options if any(leg.kind == "sea" and leg.km > 0 for leg in o.legs)]
        if by_sea:
            which = (_("Every option of this stream goes by sea") if len(by_sea) == len(s.options)
                     else _("Some options of this stream go by sea"))
            add(Para(_("{which}: check the IMDG Code's Dangerous Goods List entry for {un} first (class, "
                       "packing group, special provisions, stowage and segregation). hgmap has not read it: the "
                       "entries above come from the sources linked, not from the IMDG Code.").format(
                           which=which, un=t.un_number), "warn"))
        if "366" in t.special_provisions:
            add(Para(_("Special provision 366 (ADR, road transport): manufactured instruments and articles "
                       "containing no more than 1 kg of mercury are not subject to ADR; check the mercury content "
                       "of each package. hgmap read it in ADR only: whether the IMDG Code exempts the same articles on "
                       "the sea leg is not checked by hgmap."), "note",
                     tuple(Link(u) for u in t.sources)))
    else:
        add(Para(_("UN number: not established by hgmap; the consignor classifies the waste by its "
                   "composition under the UN Model Regulations and the IMDG Code."), "note"))


def _rule_text(d: Dossier, o: Option, rule: str, _: _Gettext) -> str:
    """A rule of the legal basis: its title and id; the stream-scope flag worded from the
    option's own scope flags (the State and its ban), not a title that names neither."""
    if rule == "FLAG-stream-scope" and o.scope_flags:
        return joined(_, (_("the ban of {a} may reach part of this stream [{ban}]").format(
            a=d.named((f.state,)), ban=f.ban_id) if f.ban_id else
            _("a mercury rule of {a} may reach part of this stream [{basis}]").format(
                a=d.named((f.state,)), basis=f.basis) for f in o.scope_flags))
    if rule == "R2-not-governed" and any(basel_known_to(d, x) for x in (d.iso3, o.facility_iso3)):
        # The title would state as fact what the law cannot establish on the date.
        return _("Neither State is known to be a Basel Party") + f" [{rule}]"
    return tr(_, RULE_TITLES, rule) + f" [{rule}]"


def _waters_unknowns(d: Dossier, o: Option, _: _Gettext) -> tuple[str, ...]:
    """The transit the route does not model, one unknown per flagged port of the itinerary: a lane
    through inland waters (a lake or river port), or a sea leg that ends at an inland place."""
    basis = _transit_basis(o, _)
    out = []
    for p in _unmodelled_ports(o):
        if p.inland:
            out.append(_("Transit not modelled: {port} ({code}), {country}, is an inland place; the seaport where "
                         "the shipment lands, and its country if it is another State (a State of transit, {basis}), "
                         "are not known to hgmap: establish them and the consent they need before "
                         "notifying.").format(port=p.name, code=p.port_id, country=d.name_of(p.iso3), basis=basis))
        else:
            out.append(_("Internal waters: {port} ({code}), {country}, is a lake or river port reached along a lane "
                         "through inland waters (such as the St Lawrence); hgmap counts the States whose land or "
                         "internal waters the drawn lane crosses as transit States ({basis}), from the countries' "
                         "outlines at 1:10m: confirm the ship's track and the consent each State on it needs before "
                         "notifying.").format(
                             port=p.name, code=p.port_id, country=d.name_of(p.iso3), basis=basis))
    return tuple(out)


def _option_blocks(d: Dossier, o: Option, _: _Gettext, add: _Add) -> None:
    """One option: its legal basis, operation, unknown facts and the steps of its procedure."""
    add(Heading(3, _("Option {n}: {facility}, {country}").format(
        n=o.rank, facility=o.facility_name, country=d.name_of(o.facility_iso3))))
    basis = joined(_, (_rule_text(d, o, r, _) for r in o.rules)) or _("unknown")
    add(Para(_("Legal basis: {basis}. Status: {status}; confidence: {conf}.").format(
        basis=basis, status=tr(_, LEGAL_STATUS, o.legal_status),
        conf=tr(_, CONFIDENCE, o.legal_confidence))))
    op = tr(_, OPERATION_LABELS, o.operation) if o.operation else _("unknown")
    add(Para(_("Operation: {operation}. Facility record confidence: {conf}.").format(
        operation=op, conf=tr(_, CONFIDENCE, o.facility_confidence)), "",
        tuple(Link(u) for u in o.facility_sources)))
    unconfirmed = o.acceptance == "unknown"
    waters = _waters_unknowns(d, o, _)
    if o.unknowns or unconfirmed or o.scope_flags or waters:
        add(Para(_("The legal answer rests on {n} unknown fact(s): check them first.").format(
            n=len(o.unknowns) + unconfirmed + len(o.scope_flags) + len(waters)), "warn"))
    if unconfirmed:
        add(Bullets((_("No source confirms that the facility takes waste from {country}: ask it before "
                       "notifying.").format(country=d.named((d.iso3,), code=False)),)))
    written = [unknown_text(_, d, u) for u in o.unknowns]
    flagged = tuple(scope_flag_text(_, d, f) for f in o.scope_flags)
    if any(known for _t, known in written) or flagged or waters:
        add(Bullets(flagged + waters + tuple(t for t, known in written if known)))
    if not all(known for _t, known in written):
        # Unknowns the law gives no code for: as the law states them.
        add(Para(_("As hgmap's data records them:"), "meta"))
        add(Bullets(tuple(in_english(_, t) for t, known in written if not known)))
    add(Heading(4, _("Procedure")))
    add(Steps(tuple(step_text(_, d, st) for st in o.steps)))
    if o.sources:
        add(Para(_("Sources of the legal answer:"), "meta", tuple(Link(u) for u in o.sources)))


def _what_if_blocks(d: Dossier, s: StreamSection, _: _Gettext, num: _Num, add: _Add) -> None:
    """The changes (accession, agreement, lifted ban...) that would open a route, and what each opens."""
    add(Heading(3, _("What would open a route")))
    items = []
    for w in s.what_if:
        change = what_if_text(_, d, w)
        change = change[:1].upper() + change[1:]
        if w.opens:
            items.append(_("{change}: would open {facility} ({iso3}), {km}.").format(
                change=change, facility=w.facility_name, iso3=w.facility_iso3,
                km=_km(w.distance_km, _, num)))
        else:
            items.append(_("{change}: still no legal route.").format(change=change))
    add(Bullets(tuple(items)))


def _notification_blocks(d: Dossier, _: _Gettext, num: _Num, add: _Add) -> None:
    """The draft Annex V A notification of each stream's first option, unknown fields left blank."""
    outside = [n for n in d.notifications if _basel_governs_neither(_option_of(d, n))]
    if d.notifications and len(outside) == len(d.notifications):
        # Basel governs neither end of any of them: national law (or a regional agreement) does.
        title = _("Draft notification under national law or the agreement (following Basel Annex V A's fields)")
    elif outside:
        title = _("Draft notification (Basel Annex V A; where Basel governs neither end, under national law or "
                  "the agreement, following its fields)")
    else:
        title = _("Draft Basel notification (Annex V A)")
    add(Heading(2, title, "notification"))
    add(Para(_("Pre-filled with what hgmap knows for the first option (option 1) of each stream. Fields marked "
               "\"to be completed\" are unknown to hgmap and must be filled in by the exporter. This is a "
               "draft, not the official form: use the notification and movement documents of the "
               "competent authority."), "note", tuple(Link(u) for u in ANNEX_VA_SOURCE.split(" ; "))))
    mark = _("to be completed")
    for n in d.notifications:
        opt = _option_of(d, n)
        head = _("{stream}: to {facility} ({iso3})").format(
            stream=_(STREAM_TITLES.get(n.stream, n.stream)), facility=opt.facility_name, iso3=opt.facility_iso3)
        if _basel_governs_neither(opt):
            head = _("{heading} (not a Basel notification)").format(heading=head)
        add(Heading(3, head))
        codes = {st.code: st for st in opt.steps}
        if "notify_agreement" in codes:
            st = codes["notify_agreement"]
            iso = opt.facility_iso3 if st.variant == "destination" else d.iso3
            lead = outside_basel(_, d, iso, d.named((iso,), code=False))
            add(Para(_("{lead}: this option is notified under the {agreement} ({cite}). The fields below follow "
                       "Basel Annex V A; check them against that agreement's form.").format(
                           lead=lead, agreement=agreement_name(_, st.ref), cite=cite_text(_, st.cite)), "note"))
        elif "not_governed" in codes and (codes.get("regional_own") or codes.get("regional")) is not None \
                and (codes.get("regional_own") or codes["regional"]).ref:
            own = codes.get("regional_own") or codes["regional"]
            add(Para(_("{neither}; both are in the {agreement}, whose notification applies. The fields below "
                       "follow Basel Annex V A; check them against that agreement's form.").format(
                           neither=_neither_basel(d, opt, _), agreement=agreement_name(_, own.ref)), "note"))
        elif "not_governed" in codes:
            add(Para(_("{neither}: the fields below list what a notification asks; use the forms the national "
                       "authorities require.").format(neither=_neither_basel(d, opt, _)), "note"))
        section = next(s for s in d.streams if s.stream == n.stream)
        frows = [(str(f.number), _(FIELD_LABELS[f.key]), _notification_value(d, f, mark, _, opt, num, section),
                  _sources(f.sources)) for f in n.fields]
        add(Table((_("No."), _("Field"), _("Value"), _("Source")), tuple(frows), "notification"))
    if not d.notifications:
        add(Para(_("No transboundary option to notify.")))


def _neither_basel(d: Dossier, opt: Option, _: _Gettext) -> str:
    """"Neither State of this option is a Basel Party", or, when the law cannot establish it for
    one of them (:func:`texts.basel_known_to`), "... is known to be a Basel Party (Haiti (HTI): not
    a Party on 2024-12-31; ...)"."""
    known = open_basel(_, d, (d.iso3, opt.facility_iso3))
    if not known:
        return _("Neither State of this option is a Basel Party")
    return _("Neither State of this option is known to be a Basel Party ({known}; hgmap's list is complete to "
             "then)").format(known=known)


def _option_of(d: Dossier, n) -> Option:
    """The option a notification is drafted for (its stream's option at its facility)."""
    return next(o for s in d.streams if s.stream == n.stream for o in s.options if o.facility_id == n.facility_id)


def _basel_governs_neither(opt: Option | None) -> bool:
    """Neither end of the option is a Basel Party (the procedure's ``not_governed`` step):
    national law, or a regional agreement both ends are in, governs the movement."""
    return opt is not None and any(st.code == "not_governed" for st in opt.steps)


def _transit_basis(opt: Option | None, _: _Gettext) -> str:
    """What makes a State of transit one for this option: Basel Art 6(4), or, where Basel governs
    neither end, the agreement both ends are in or the national law of the States concerned."""
    if not _basel_governs_neither(opt):
        return cite_text(_, "Basel Art 6(4)")
    own = next((st for st in opt.steps if st.code in ("regional_own", "regional") and st.ref), None)
    if own is not None:
        return _("under the {agreement}").format(agreement=agreement_name(_, own.ref))
    return _("under the national law of the States concerned; Basel does not apply")


def _notification_value(d: Dossier, f: NotificationField, mark: str, _: _Gettext, opt: Option | None = None,
                        num: _Num = "{:,.0f}".format, section: StreamSection | None = None) -> Cell:
    """One notification field's value as the reader sees it (blank and marked when unknown);
    ``section`` is the notification's own stream (its UN class and packing group)."""
    if f.value is None:
        return Blank(mark)
    if f.key == "classification":
        # hgmap knows the UN class (data/transport_codes.csv), not the Annex III characteristic the
        # consignment shows (H number): that part is the consignor's to fill in.
        # The notification's own stream: another stream may hold an equal option (same facility,
        # same route) with another UN entry.
        tc = section.transport if section is not None else None
        known = (_("UN class {cls}, packing group {pg}").format(cls=tc.hazard_class, pg=tc.packing_group)
                 if tc is not None and tc.hazard_class else f.value)
        return [_("{known}; hazardous characteristic and H number (Basel Annex III):").format(known=known),
                Blank(mark)]
    if f.key == "disposal_method":
        return tr(_, OPERATION_LABELS, f.value) + " " + _("(exact code to be confirmed by the facility)")
    if f.key == "transport_means":
        means = ", ".join(_(LEG_LABELS.get(x.strip(), x.strip())) for x in f.value.split(";"))
        if opt is not None and opt.has_join_legs:
            means += " " + _("(the legs joining the origin and the facility to the road and sea network are by "
                             "road)")
        return means
    if f.key in ("states_transit", "dates_itinerary") and opt is not None and _unmodelled_ports(opt):
        # A sea leg to an inland place, or a lane through inland waters: a real shipment lands at a
        # seaport, or passes States, that the route does not model (Basel Art 6(4): every transit State).
        why = [_port_caveat(d, p, _, num, _transit_basis(opt, _)) for p in _unmodelled_ports(opt)]
        cell: list = [Blank(mark), "(" + joined(_, why) + ")."]
        if f.key == "dates_itinerary":
            cell.append(_("hgmap's route, for reference: {route}").format(
                route=_notification_value(d, dataclasses.replace(f, key="itinerary_ref"), mark, _, opt, num)))
        return cell
    if f.key in ("dates_itinerary", "itinerary_ref") and opt is not None and opt.sea_ports:
        return joined(_, (f.value, _("ports of exit and entry: {ports}").format(ports=joined(_, (
            _("{exit} to {entry}").format(exit=_port_text(d, a, _, num), entry=_port_text(d, b, _, num))
            for a, b in opt.sea_ports)))))
    if f.key in ("state_export", "state_import", "states_transit"):
        return _notification_states(d, f, _)
    if f.key == "designation" and f.value:
        return joined(_, f.value.split("; "))  # the Basel entries and the UN number, as a list
    return f.value


def _unmodelled_ports(opt: Option) -> list[PortCall]:
    """The option's ports where the route stops modelling the shipment: inland places and lake or
    river ports reached through inland waters."""
    return list(dict.fromkeys(p for pair in opt.sea_ports for p in pair
                              if p is not None and (p.inland or p.inland_waters)))


def _port_caveat(d: Dossier, p: PortCall, _: _Gettext, num: _Num, basis: str = "") -> str:
    """Why a notification field naming the transit States or the itinerary is left to the exporter;
    ``basis`` is what makes a State of transit one (:func:`_transit_basis`)."""
    basis = basis or cite_text(_, "Basel Art 6(4)")
    if p.inland:
        return _("{name} ({code}), {country}, is an inland place {km} from the coast: the seaport where the "
                 "shipment lands and its country, a State of transit if it is another one ({basis}), are "
                 "not modelled").format(name=p.name, code=p.port_id, country=d.name_of(p.iso3),
                                        km=_km(p.coast_km, _, num), basis=basis)
    return _("{name} ({code}), {country}, is a lake or river port {km} from the coast: the States whose internal "
             "waters the lane crosses (such as the St Lawrence), States of transit ({basis}), are not "
             "modelled").format(name=p.name, code=p.port_id, country=d.name_of(p.iso3), km=_km(p.coast_km, _, num),
                                basis=basis)


def _port_text(d: Dossier, p: PortCall | None, _: _Gettext, num: _Num = "{:,.0f}".format) -> str:
    """"Suva (FJSUV), Fiji" -- or that the route's port is not identified; a port far inland
    (UN/LOCODE lists inland places among its ports) says so."""
    if p is None:
        return _("port not identified")
    if p.inland:
        return _("{name} ({code}; an inland place {km} from the coast: the sea leg stands in for an inland leg, "
                 "see the caveat under the route map), {country}").format(
                     name=p.name, code=p.port_id, km=_km(p.coast_km, _, num), country=d.name_of(p.iso3))
    return f"{p.name} ({p.port_id}), {d.name_of(p.iso3)}"


def _regional_blocks(d: Dossier, _: _Gettext, add: _Add) -> None:
    """How the region's other SIDS fare on the same streams (nothing when there are none)."""
    if not d.regional:
        return
    add(Heading(2, _("Regional context"), "region"))
    add(Para(_("Other small island developing States of the region, for the same streams:")))
    add(Table((_("Country"), _("Streams with a legal route")),
              tuple((f"{d.name_of(p.iso3)} ({p.iso3})", f"{p.reachable} / {p.streams}") for p in d.regional),
              numeric=(1,)))


def _about_blocks(d: Dossier, _: _Gettext, add: _Add) -> None:
    """Where the dossier's data come from, and why services are not options."""
    add(Heading(2, _("About this dossier"), "about"))
    add(Para(_("Written by hgmap from published treaty, membership, facility and route data ({source}). Facility "
               "names, notes, legal bases and citations are quoted as the data gives them.").format(
                   source=tr(_, _SOURCES, d.facilities_source))))
    add(Para(_("Services and technologies ({source}) are listed for the streams they serve. They treat no "
               "waste at a site, so they are not options and enter no route or legal assessment; their "
               "descriptions are quoted as the catalogue gives them.").format(
                   source=tr(_, _SOURCES, d.services_source))))


_SOURCES = {"shipped catalogue": N_("shipped catalogue"), "user catalogue": N_("user catalogue"),
            "shipped list": N_("shipped list")}


def _services_blocks(d: Dossier, s: StreamSection, _: Callable[[str], str], add: Callable[[Block], None]) -> None:
    """The catalogue's services and technologies for one stream, or a sentence saying there are none."""
    add(Heading(3, _("Services and technologies")))
    if not s.services:
        add(Para(_("No service or technology in the catalogue is recorded for this stream in {country}.").format(
            country=d.named((d.iso3,), code=False)), "note"))
        return
    rows = []
    for sv in s.services:
        base = f"{d.name_of(sv.based_iso3)} ({sv.based_iso3})" if sv.based_iso3 else ""
        who = f"{sv.operator} — {base}" if sv.operator and base else (sv.operator or base or _("not stated"))
        site: Cell = Link(sv.website) if sv.website else _("none recorded")
        sources = _sources([*sv.sources, *sv.coverage_sources]) + [
            f"({tr(_, CONFIDENCE, sv.confidence)}, {sv.as_of})"]
        offers: Cell = in_english(_, sv.description) or "-"
        if sv.notes:
            offers = [offers, _("Note: {text}").format(text=in_english(_, sv.notes))]
        closed = [(dest, rules) for dest, rules in sv.ships_to if rules]
        if closed:
            # Its source names where it ships: this dossier's own legal answer closes that State.
            warn = [_("It ships to {a}, which this dossier finds closed to {b} for this stream: {rules}.").format(
                a=state_list(d, (dest,)), b=state_list(d, (d.iso3,)),
                rules=joined(_, (tr(_, RULE_TITLES, r) + f" [{r}]" for r in rules))) for dest, rules in closed]
            offers = [*(offers if isinstance(offers, list) else [offers]), *warn]
            sources = sources[:-1] + [u for u in _sources(sv.ships_to_sources) if u not in sources] + sources[-1:]
        rows.append((sv.name, tr(_, SERVICE_KINDS, sv.kind), who, coverage_text(_, d, sv), offers, site, sources))
    add(Table((_("Name"), _("Kind"), _("Operator (based in)"), _("Serves"), _("What it offers"), _("Website"),
               _("Sources (confidence, date checked)")), tuple(rows), "services"))
    if not any(sv.kind == "service" for sv in s.services):
        add(Para(_("No service in the catalogue is recorded as serving {country} for this stream.").format(
            country=d.named((d.iso3,), code=False)), "note"))


def _agreement_dates(d: Dossier, a, _: _Gettext) -> str:
    """" in force from DATE": a regional convention's own entry into force and, when the country
    joined later, the date it applies to the country (its membership, as the legal position gives
    it), so the line never contradicts the country's "Party since" row."""
    if not a.in_force_from:
        return ""
    out = " " + _("in force from {date}").format(date=a.in_force_from)
    group = a.partners[0][1:] if len(a.partners) == 1 and a.partners[0].startswith("@") else None
    own = next((m.since for m in d.position.memberships if group and m.instrument == group and m.member
                and m.since), None)
    if own and own > a.in_force_from:
        out += _("; for {a} from {date}").format(a=d.named((d.iso3,)), date=own)
    return out


def _agreement_title(_: Callable[[str], str], a) -> str:
    """A regional convention's own (translated) name; an Art 11 agreement's title as the data gives it."""
    group = a.partners[0][1:] if len(a.partners) == 1 and a.partners[0].startswith("@") else None
    if group in INSTRUMENT_TITLES:  # the OECD's instrument is its Council Decision, not the organisation
        return _(AGREEMENT_TITLES.get(group) or INSTRUMENT_TITLES[group])
    return a.title


def _notification_states(d: Dossier, f: NotificationField, _: Callable[[str], str]) -> str:
    """Fields 6-8: each State with its competent authorities, from the (ISO3, names) pairs the
    build carries (an authority's name may contain "; ": never split a joined string)."""
    if f.value == "-" or (f.key == "states_transit" and not f.states):
        return _("none (direct shipment)")
    out = []
    for iso, known in f.states:
        auth_text = (joined(_, (in_english(_, a.name) if a.lang == "en" else a.name for a in known))
                     or _("competent authority not in hgmap's data"))
        out.append(_("{state}: {authority}").format(state=f"{d.name_of(iso)} ({iso})", authority=auth_text))
    return joined(_, out)
