"""Write data/countries.geojson: simplified Natural Earth 1:110m country outlines for the maps.

Source: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain), as shipped
inside the geopandas 0.14.4 wheel (`geopandas/datasets/naturalearth_lowres/`). The wheel is
fetched from PyPI with `pip download --no-deps` into a temporary folder; geopandas itself is
never imported or installed.

Processing: ISO 3166 alpha-3 codes from `iso_a3`, fixing Natural Earth's `-99` entries (France
and Norway take the code from `adm0_a3`/`gu_a3`; Kosovo becomes the user-assigned `XKX`);
geometries simplified with a 0.25 degree tolerance (topology kept per polygon), coordinates
rounded to 2 decimals, properties reduced to {iso3, name}. Natural Earth's de facto units
without an ISO code (Northern Cyprus `CYN`, Somaliland `SOL`) are merged into the states ISO
3166 counts them in (Cyprus, Somalia), so every code is a real ISO 3166 alpha-3 code (plus
XKX). Output is compact JSON, sorted by iso3, about 105 KB (31 KB gzipped).

Needs pyshp and shapely in the running interpreter (see requirements). Re-run with:

    .venv/bin/python scripts/make_countries_geojson.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import shapefile  # pyshp
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "countries.geojson"
WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TOLERANCE = 0.25
DECIMALS = 2
MAX_BYTES = 120_000
NAME_FIXES = {"XKX": "Kosovo"}
MERGE_INTO = {"CYN": "CYP", "SOL": "SOM"}


def fetch_shapefile(workdir: Path) -> Path:
    """Download the geopandas wheel and unpack the Natural Earth shapefile; returns its stem."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(workdir),
            WHEEL,
        ],
        check=True,
    )
    wheel = next(workdir.glob("geopandas-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        for suffix in (".shp", ".shx", ".dbf", ".prj"):
            archive.extract(MEMBER + suffix, workdir)
    return workdir / MEMBER


def iso3(record: dict) -> str:
    """The alpha-3 code, repairing Natural Earth's -99 placeholders."""
    code = record.get("iso_a3", "-99")
    if code == "-99" and record.get("name") == "Kosovo":
        return "XKX"
    if code == "-99":
        for field in ("adm0_a3", "gu_a3", "sov_a3"):
            other = record.get(field)
            if other and other != "-99":
                return other
    return code


def rounded(coords, decimals: int = DECIMALS):
    if isinstance(coords[0], (int, float)):
        return [round(c, decimals) for c in coords]
    return [rounded(c, decimals) for c in coords]


def features(stem: Path) -> list[dict]:
    reader = shapefile.Reader(str(stem), encoding="latin-1")
    fields = [f[0] for f in reader.fields[1:]]
    geometries, names = {}, {}
    for shp_record in reader.shapeRecords():
        record = dict(zip(fields, shp_record.record))
        if record.get("name") == "Antarctica":
            continue  # no data attaches to it; it only takes room at the bottom of a world map
        code = iso3(record)
        geometry = shape(shp_record.shape.__geo_interface__)
        if code in MERGE_INTO:
            code = MERGE_INTO[code]
        else:
            names[code] = NAME_FIXES.get(code, record["name"])
        geometries[code] = geometries[code].union(geometry) if code in geometries else geometry
    out = []
    for code, geometry in geometries.items():
        simple = geometry.simplify(TOLERANCE, preserve_topology=True)
        geo = mapping(simple if not simple.is_empty else geometry)
        out.append(
            {
                "type": "Feature",
                "properties": {"iso3": code, "name": names[code]},
                "geometry": {"type": geo["type"], "coordinates": rounded(geo["coordinates"])},
            }
        )
    return sorted(out, key=lambda f: f["properties"]["iso3"])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        items = features(fetch_shapefile(Path(tmp)))
    codes = [f["properties"]["iso3"] for f in items]
    assert len(codes) == len(set(codes)), "duplicate iso3 codes"
    try:
        import pycountry

        unknown = [c for c in codes if c != "XKX" and pycountry.countries.get(alpha_3=c) is None]
    except ImportError:
        unknown = [c for c in codes if not (len(c) == 3 and c.isalpha())]
    assert not unknown, f"not ISO 3166 alpha-3: {unknown}"
    collection = {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain), 1:110m admin-0 countries",
        "features": items,
    }
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n"
    if len(text.encode()) > MAX_BYTES:
        raise SystemExit(f"countries.geojson would be {len(text.encode())} bytes (> {MAX_BYTES})")
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(items)} countries, {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
