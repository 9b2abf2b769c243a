"""Compare two folders of hgmap maps by content (the before/after proof of the maps refactor).

Run:  python benchmarks/compare_maps.py BEFORE/maps AFTER/maps

For every map in BEFORE: the embedded features (ids, geometry, every property, with
popup/tooltip HTML compared after unescaping entities and collapsing whitespace), the
title and legend panels and the layer names must equal AFTER's. Prints one line per map.
"""
import re, json, html, sys, glob, os
def feats(page):
    out = {}
    for m in re.finditer(r"var (\w+) = L\.geoJson\(hgmap\.decode\((\{.*?\})\), \{", page):
        for f in json.loads(m.group(2))["features"]:
            out[f.get("id")] = f
    return out
def panels(page):
    return [json.loads(x) for x in re.findall(r"div\.innerHTML = (\".*?\");", page)]
def names(page):
    return re.findall(r'^\s*"([^"]+)" : hgmap_geo_json', page, re.M)
norm = lambda s: re.sub(r"\s+", " ", html.unescape(s)) if isinstance(s, str) else s
a_dir, b_dir = sys.argv[1], sys.argv[2]
for pa in sorted(glob.glob(a_dir + "/*.html")):
    pb = os.path.join(b_dir, os.path.basename(pa))
    A, B = open(pa).read(), open(pb).read()
    fa, fb = feats(A), feats(B)
    nd = 0
    if fa.keys() != fb.keys(): print("ids differ"); nd += 1
    for k in fa:
        x, y = fa[k], fb.get(k, {})
        if x.get("geometry") != y.get("geometry"): nd += 1
        for p in set(x["properties"]) | set(y.get("properties", {})):
            if norm(x["properties"].get(p)) != norm(y["properties"].get(p)):
                nd += 1
                if nd < 4: print("  DIFF", k, p, "\n   a:", x["properties"].get(p)[:300], "\n   b:", y["properties"].get(p)[:300])
    pn = [norm(x) for x in panels(A)] == [norm(x) for x in panels(B)]
    print(os.path.basename(pa), "features", len(fa), "diffs", nd, "panels same", pn, "layer names same", names(A) == names(B), len(A), len(B))
