"""Build ``data/country_names_fr.csv``: every code's French name and the article French gives it.

Usage::

    python data/build_country_names_fr.py

French writes "les autorités de la France", "du Japon", "des Comores", "d'Haïti", "à la
Guadeloupe": a country's name takes its definite article, contracted with *de* and *à*
(:func:`hgmap.i18n.french_de`). The dossiers need it for every State they name.

* ``article``: from the ISO 3166-1 French short name, which gives it in parentheses
  ("Comores (les)", "Japon (le)", "Haïti": none): ``ISO_FR`` below, as the ISO Online
  Browsing Platform publishes it (read in the copy held in the asaskevich/govalidator
  repository, ``types.go`` ``ISO3166List``). Where the name hgmap shows is not the ISO
  form's head noun ("Îles Marshall" for "Marshall (Îles)", "Moldavie" for "Moldova,
  République de") the article is the one French grammar gives that name: ``DISPLAY_ARTICLE``
  (a name starting "Îles" takes *les*, "Île" or "État" *l'*, "République" or "Fédération" *la*)
  and ``MANUAL``, each with its reason; ``basis`` says which.
* ``elide``: a name without article that starts with a vowel, or with a mute h (Haïti),
  elides *de* ("d'Haïti", "d'Aruba"); "Hong Kong" (aspirated h) does not.
* ``name``: pycountry's French ISO 3166 name in natural order, as :func:`hgmap.countries.country_name`
  gave it so far; where pycountry has none (it returned the English name: "Solomon Islands"),
  the ISO French short name in natural order (``NAMES``).
"""

from __future__ import annotations

import csv
import gettext
import sys
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
OUT = HERE / "country_names_fr.csv"
AS_OF = "2026-12-02"
ISO_SRC = ("ISO 3166-1 French short names (https://www.iso.org/obp/ui/#search/code/), read in "
           "https://github.com/asaskevich/govalidator/blob/a2aa46c022cf1ac238a10b010a446c91c6e41a60/types.go "
           "(ISO3166List)")
GRAMMAR = "French grammar for the name as shown (the ISO form's head noun differs)"

#: ISO3 -> the ISO 3166-1 French short name, verbatim (its article in parentheses).
ISO_FR: dict[str, str] = dict(line.split("|", 1) for line in [
    'ABW|Aruba',
    "AFG|Afghanistan (l')",
    "AGO|Angola (l')",
    'AIA|Anguilla',
    'ALA|Åland(les Îles)',
    "ALB|Albanie (l')",
    "AND|Andorre (l')",
    'ARE|Émirats arabes unis (les)',
    "ARG|Argentine (l')",
    "ARM|Arménie (l')",
    'ASM|Samoa américaines (les)',
    'ATF|Terres australes françaises (les)',
    'ATG|Antigua-et-Barbuda',
    "AUS|Australie (l')",
    "AUT|Autriche (l')",
    "AZE|Azerbaïdjan (l')",
    'BDI|Burundi (le)',
    'BEL|Belgique (la)',
    'BEN|Bénin (le)',
    'BFA|Burkina Faso (le)',
    'BGD|Bangladesh (le)',
    'BGR|Bulgarie (la)',
    'BHR|Bahreïn',
    'BHS|Bahamas (les)',
    'BIH|Bosnie-Herzégovine (la)',
    'BLM|Saint-Barthélemy',
    'BLR|Bélarus (le)',
    'BLZ|Belize (le)',
    'BMU|Bermudes (les)',
    'BOL|Bolivie (État plurinational de)',
    'BRA|Brésil (le)',
    'BRB|Barbade (la)',
    'BRN|Brunéi Darussalam (le)',
    'BTN|Bhoutan (le)',
    'BWA|Botswana (le)',
    'CAF|République centrafricaine (la)',
    'CAN|Canada (le)',
    'CCK|Cocos (les Îles)/ Keeling (les Îles)',
    'CHE|Suisse (la)',
    'CHL|Chili (le)',
    'CHN|Chine (la)',
    "CIV|Côte d'Ivoire (la)",
    'CMR|Cameroun (le)',
    'COD|Congo (la République démocratique du)',
    'COG|Congo (le)',
    'COK|Cook (les Îles)',
    'COL|Colombie (la)',
    'COM|Comores (les)',
    'CPV|Cabo Verde',
    'CRI|Costa Rica (le)',
    'CUB|Cuba',
    'CUW|Curaçao',
    "CXR|Christmas (l'Île)",
    'CYM|Caïmans (les Îles)',
    'CYP|Chypre',
    'CZE|tchèque (la République)',
    "DEU|Allemagne (l')",
    'DJI|Djibouti',
    'DMA|Dominique (la)',
    'DNK|Danemark (le)',
    'DOM|dominicaine (la République)',
    "DZA|Algérie (l')",
    "ECU|Équateur (l')",
    "EGY|Égypte (l')",
    "ERI|Érythrée (l')",
    'ESH|Sahara occidental (le)*',
    "ESP|Espagne (l')",
    "EST|Estonie (l')",
    "ETH|Éthiopie (l')",
    'FIN|Finlande (la)',
    'FJI|Fidji (les)',
    'FLK|Falkland (les Îles)/Malouines (les Îles)',
    'FRA|France (la)',
    'FRO|Féroé (les Îles)',
    'FSM|Micronésie (États fédérés de)',
    'GAB|Gabon (le)',
    "GBR|Royaume-Uni de Grande-Bretagne et d'Irlande du Nord (le)",
    'GEO|Géorgie (la)',
    'GGY|Guernesey',
    'GHA|Ghana (le)',
    'GIB|Gibraltar',
    'GIN|Guinée (la)',
    'GLP|Guadeloupe (la)',
    'GMB|Gambie (la)',
    'GNB|Guinée-Bissau (la)',
    'GNQ|Guinée équatoriale (la)',
    'GRC|Grèce (la)',
    'GRD|Grenade (la)',
    'GRL|Groenland (le)',
    'GTM|Guatemala (le)',
    'GUF|Guyane française (la )',
    'GUM|Guam',
    'GUY|Guyana (le)',
    'HKG|Hong Kong',
    "HMD|Heard-et-Îles MacDonald (l'Île)",
    'HND|Honduras (le)',
    'HRV|Croatie (la)',
    'HTI|Haïti',
    'HUN|Hongrie (la)',
    "IDN|Indonésie (l')",
    'IMN|Île de Man',
    "IND|Inde (l')",
    "IOT|Indien (le Territoire britannique de l'océan)",
    "IRL|Irlande (l')",
    "IRN|Iran (République Islamique d')",
    "IRQ|Iraq (l')",
    "ISL|Islande (l')",
    'ISR|Israël',
    "ITA|Italie (l')",
    'JAM|Jamaïque (la)',
    'JEY|Jersey',
    'JOR|Jordanie (la)',
    'JPN|Japon (le)',
    'KAZ|Kazakhstan (le)',
    'KEN|Kenya (le)',
    'KGZ|Kirghizistan (le)',
    'KHM|Cambodge (le)',
    'KIR|Kiribati',
    'KNA|Saint-Kitts-et-Nevis',
    'KOR|Corée (la République de)',
    'KWT|Koweït (le)',
    'LAO|Lao, République démocratique populaire',
    'LBN|Liban (le)',
    'LBR|Libéria (le)',
    'LBY|Libye (la)',
    'LCA|Sainte-Lucie',
    'LIE|Liechtenstein (le)',
    'LKA|Sri Lanka',
    'LSO|Lesotho (le)',
    'LTU|Lituanie (la)',
    'LUX|Luxembourg (le)',
    'LVA|Lettonie (la)',
    'MAC|Macao',
    'MAF|Saint-Martin (partie française)',
    'MAR|Maroc (le)',
    'MCO|Monaco',
    'MDA|Moldova , République de',
    'MDG|Madagascar',
    'MDV|Maldives (les)',
    'MEX|Mexique (le)',
    'MHL|Marshall (Îles)',
    "MKD|Macédoine (l'ex‑République yougoslave de)",
    'MLI|Mali (le)',
    'MLT|Malte',
    'MMR|Myanmar (le)',
    'MNE|Monténégro (le)',
    'MNG|Mongolie (la)',
    'MNP|Mariannes du Nord (les Îles)',
    'MOZ|Mozambique (le)',
    'MRT|Mauritanie (la)',
    'MSR|Montserrat',
    'MTQ|Martinique (la)',
    'MUS|Maurice',
    'MWI|Malawi (le)',
    'MYS|Malaisie (la)',
    'MYT|Mayotte',
    'NAM|Namibie (la)',
    'NCL|Nouvelle-Calédonie (la)',
    'NER|Niger (le)',
    "NFK|Norfolk (l'Île)",
    'NGA|Nigéria (le)',
    'NIC|Nicaragua (le)',
    'NIU|Niue',
    'NLD|Pays-Bas (les)',
    'NOR|Norvège (la)',
    'NPL|Népal (le)',
    'NRU|Nauru',
    'NZL|Nouvelle-Zélande (la)',
    'OMN|Oman',
    'PAK|Pakistan (le)',
    'PAN|Panama (le)',
    'PCN|Pitcairn',
    'PER|Pérou (le)',
    'PHL|Philippines (les)',
    'PLW|Palaos (les)',
    'PNG|Papouasie-Nouvelle-Guinée (la)',
    'POL|Pologne (la)',
    'PRI|Porto Rico',
    'PRK|Corée (la République populaire démocratique de)',
    'PRT|Portugal (le)',
    'PRY|Paraguay (le)',
    'PSE|Palestine, État de',
    'PYF|Polynésie française (la)',
    'QAT|Qatar (le)',
    'REU|Réunion (La)',
    'ROU|Roumanie (la)',
    'RUS|Russie (la Fédération de)',
    'RWA|Rwanda (le)',
    "SAU|Arabie saoudite (l')",
    'SDN|Soudan (le)',
    'SEN|Sénégal (le)',
    'SGP|Singapour',
    'SGS|Géorgie du Sud-et-les Îles Sandwich du Sud (la)',
    'SHN|Sainte-Hélène, Ascension et Tristan da Cunha',
    'SLB|Salomon (Îles)',
    'SLE|Sierra Leone (la)',
    'SLV|El Salvador',
    'SMR|Saint-Marin',
    'SOM|Somalie (la)',
    'SPM|Saint-Pierre-et-Miquelon',
    'SRB|Serbie (la)',
    'SSD|Soudan du Sud (le)',
    'STP|Sao Tomé-et-Principe',
    'SUR|Suriname (le)',
    'SVK|Slovaquie (la)',
    'SVN|Slovénie (la)',
    'SWE|Suède (la)',
    'SWZ|Swaziland (le)',
    'SXM|Saint-Martin (partie néerlandaise)',
    'SYC|Seychelles (les)',
    'SYR|République arabe syrienne (la)',
    'TCA|Turks-et-Caïcos (les Îles)',
    'TCD|Tchad (le)',
    'TGO|Togo (le)',
    'THA|Thaïlande (la)',
    'TJK|Tadjikistan (le)',
    'TKM|Turkménistan (le)',
    'TLS|Timor-Leste (le)',
    'TON|Tonga (les)',
    'TTO|Trinité-et-Tobago (la)',
    'TUN|Tunisie (la)',
    'TUR|Turquie (la)',
    'TUV|Tuvalu (les)',
    'TWN|Taïwan (Province de Chine)',
    'TZA|Tanzanie, République-Unie de',
    "UGA|Ouganda (l')",
    "UKR|Ukraine (l')",
    'UMI|Îles mineures éloignées des États-Unis (les)',
    "URY|Uruguay (l')",
    "USA|États-Unis d'Amérique (les)",
    "UZB|Ouzbékistan (l')",
    'VCT|Saint-Vincent-et-les Grenadines',
    'VEN|Venezuela (République bolivarienne du)',
    'VGB|Vierges britanniques (les Îles)',
    'VIR|Vierges des États-Unis (les Îles)',
    'VNM|Viet Nam (le)',
    'VUT|Vanuatu (le)',
    'WLF|Wallis-et-Futuna',
    'WSM|Samoa (le)',
    'YEM|Yémen (le)',
    "ZAF|Afrique du Sud (l')",
    'ZMB|Zambie (la)',
    'ZWE|Zimbabwe (le)',
])

#: Names pycountry does not translate (it returns the English one): the ISO French short
#: name in natural order.
NAMES: dict[str, str] = {
    "ALA": "Îles Åland", "CCK": "Îles Cocos (Keeling)", "CXR": "Île Christmas",
    "FLK": "Îles Falkland (Malouines)", "FSM": "États fédérés de Micronésie",
    "IRN": "Iran (République islamique d')", "LAO": "République démocratique populaire lao",
    "PSE": "État de Palestine", "RUS": "Fédération de Russie",
    "SHN": "Sainte-Hélène, Ascension et Tristan da Cunha", "SLB": "Îles Salomon",
    "VIR": "Îles Vierges des États-Unis", "NGA": "Nigéria",
}

#: The first word of a name as shown -> its article (the head noun decides).
DISPLAY_ARTICLE = {"Îles": "les", "Île": "l'", "États": "les", "État": "l'", "République": "la",
                   "Fédération": "la", "Territoire": "le", "Terres": "les"}

#: Codes whose ISO form gives no article for the name shown, or is out of date: (article, reason).
MANUAL: dict[str, tuple[str, str]] = {
    "BOL": ("la", "la Bolivie (ISO gives the long form 'Bolivie (État plurinational de)' only)"),
    "IRN": ("l'", "l'Iran (ISO gives the long form 'Iran (République Islamique d\')' only)"),
    "VEN": ("le", "le Venezuela (ISO gives the long form only)"),
    "MDA": ("la", "la Moldavie (ISO: 'Moldova, République de')"),
    "TZA": ("la", "la Tanzanie (ISO: 'Tanzanie, République-Unie de')"),
    "MKD": ("la", "ISO 3166-1 since Feb 2019: 'Macédoine du Nord (la)'"),
    "CZE": ("la", "ISO 3166-1 since 2016: 'Tchéquie (la)'"),
    "SWZ": ("l'", "ISO 3166-1 since 2018: 'Eswatini (l\')'"),
    "XKX": ("le", "le Kosovo (not an ISO 3166-1 code)"),
    "TWN": ("", "Taïwan takes no article (ISO: 'Taïwan (Province de Chine)')"),
    "CPV": ("le", "le Cap-Vert, the name shown (ISO: 'Cabo Verde', no article)"),
    "SLV": ("le", "le Salvador, the name shown (ISO: 'El Salvador', no article)"),
    "MMR": ("la", "la Birmanie, the name shown (ISO: 'Myanmar (le)')"),
}

_VOWELS = set("AEIOUYÂÀÄÉÈÊËÎÏÔÖÛÙÜŸ")
_H_MUET = {"Haïti"}


def iso_article(form: str) -> str:
    """The article in an ISO French short name's parentheses ("" when it gives none)."""
    inside = form[form.find("(") + 1: form.rfind(")")] if "(" in form else ""
    head = inside.strip().lower()
    for art in ("les ", "le ", "la ", "l'"):
        if head == art.strip() or head.startswith(art):
            return art.strip() if art != "l'" else "l'"
    return ""


def french_names() -> dict[str, str]:
    trans = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    out = {}
    for iso3 in ISO_FR:
        rec = pycountry.countries.get(alpha_3=iso3)
        for attr in ("common_name", "name"):
            source = getattr(rec, attr, None) if rec is not None else None
            if source:
                local = trans.gettext(source)
                if local != source and ", " not in local:
                    out[iso3] = local
                    break
    return out


def rows() -> list[dict[str, str]]:
    local = french_names()
    out = []
    for iso3 in sorted({*ISO_FR, *MANUAL}):
        iso_form = ISO_FR.get(iso3, "")
        if iso3 in NAMES:
            name, name_basis = NAMES[iso3], "iso_fr_natural_order"
        elif iso3 in local:
            name, name_basis = local[iso3], "pycountry_fr"
        else:  # French and English agree (Aruba, Canada, France ...) or pycountry has none
            name, name_basis = (pycountry.countries.get(alpha_3=iso3).name if iso3 != "XKX" else "Kosovo",
                                "same_as_english")
        first = name.split()[0]
        if iso3 in MANUAL:
            article, basis, note = MANUAL[iso3][0], "manual", MANUAL[iso3][1]
        elif first in DISPLAY_ARTICLE:
            article, basis, note = DISPLAY_ARTICLE[first], "grammar", f"'{first} ...' takes '{DISPLAY_ARTICLE[first]}'"
        else:
            article, basis, note = iso_article(iso_form), "iso", ""
        elide = article == "" and (name[0] in _VOWELS or name in _H_MUET)
        out.append({"iso3": iso3, "name": name, "name_basis": name_basis, "article": article,
                    "elide": "yes" if elide else "no", "basis": basis, "iso_fr_short_name": iso_form,
                    "source_url": ISO_SRC if basis == "iso" else f"{GRAMMAR}; {ISO_SRC}",
                    "confidence": "high" if basis == "iso" else "medium", "as_of": AS_OF, "notes": note})
    return out


def main() -> int:
    out = rows()
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(out[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    by: dict[str, int] = {}
    for r in out:
        by[r["article"] or "none"] = by.get(r["article"] or "none", 0) + 1
    print(f"wrote {OUT.name}: {len(out)} names; articles {by}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
