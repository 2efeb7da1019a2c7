"""The course maps (shared_future.maps): layers and feature counts follow the data files,
text from the data is escaped, and a rendered map asks no CDN for anything."""

from __future__ import annotations

import gzip
import html
import json
import re

import pandas as pd
import pytest

from shared_future import map_assets, map_display, maps
from shared_future import map_elements as elements
from shared_future.data import data_dir

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(data_dir() / name, dtype=str, keep_default_na=False)


def shapes() -> set[str]:
    collection = json.loads((data_dir() / "countries.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["iso3"] for f in collection["features"]}


def located(frame: pd.DataFrame) -> int:
    return int(
        (
            pd.to_numeric(frame["lat"], errors="coerce").notna() & pd.to_numeric(frame["lon"], errors="coerce").notna()
        ).sum()
    )


def spec_of(m) -> str:
    """The map's document (its files linked, not inline) with folium's random element ids made equal."""
    return re.sub(r"_[0-9a-f]{32}", "_ID", m.get_root().render())


def time_control(m) -> elements.TimeControl:
    return next(c for c in m._children.values() if isinstance(c, elements.TimeControl))


def html_strings(m):
    """Every string of a map that is used as HTML: legend, notes, chart, area tooltips and
    popups, marker and line popups and labels (marker titles are set as DOM text)."""
    yield elements.legend_rows(m.legend.rows())
    yield m.legend.notes
    yield m.legend.chart
    for name in m.layers:
        for feature in m.features(name):
            if isinstance(feature, dict):
                yield feature["tip"]
                yield feature["popup"]
            else:
                for child in feature._children.values():
                    if isinstance(child, elements.Bind):
                        yield json.loads(child.content)


# ------------------------------------------------------------------ countries.geojson


def test_countries_geojson_is_small_and_keyed_by_iso3():
    path = data_dir() / "countries.geojson"
    assert path.stat().st_size <= 120_000
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    codes = [f["properties"]["iso3"] for f in features]
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert {"FRA", "NOR", "XKX", "CHN"} <= set(codes)
    assert all(set(f["properties"]) == {"iso3", "name"} for f in features)


# ------------------------------------------------------------------ counts follow the data


def test_key_moments_markers_follow_the_timeline():
    m = maps.key_moments_map()
    assert isinstance(m, maps.CourseMap)
    assert sum(m.layers.values()) == located(csv("timeline.csv"))
    categories = {e["label"] for e in m.legend.entries}
    assert len(categories) == csv("timeline.csv")["category"].nunique()


def test_bri_layers_per_period_follow_the_countries():
    frame = csv("bri_countries.csv")
    m = maps.bri_participation_map()
    assert list(m.layers) == [f"Signed {a}–{str(b)[2:]}" for a, b in maps.BRI_PERIODS]
    dated = frame[frame["first_signed"].str.match(r"\d{4}")]
    assert sum(m.layers.values()) + m.not_drawn == len(dated)
    assert sum(m.layers.values()) == int(dated["iso3"].isin(shapes()).sum())
    first_end = maps.BRI_PERIODS[0][1]
    assert m.layers[list(m.layers)[0]] == int(
        (dated["first_signed"].str[:4].astype(int).le(first_end) & dated["iso3"].isin(shapes())).sum()
    )
    assert time_control(m).labels[0] == f"{maps.BRI_PERIODS[0][0]}–{str(maps.BRI_PERIODS[0][1])[2:]}"
    assert [period for _, period in time_control(m).layers] == list(range(len(maps.BRI_PERIODS)))
    withdrawn = [i for name in m.layers for i in m.features(name) if "wp" in i]
    assert all(i["dashed"] for i in withdrawn), "the map opens on the last period: every withdrawal dashed"
    assert len(withdrawn) == int(((frame["status"] == "withdrawn") & frame["iso3"].isin(shapes())).sum())


def test_projects_follow_the_projects_file():
    frame = csv("projects.csv")
    m = maps.projects_map()
    assert m.layers == {"Projects": located(frame)}
    items = m.features("Projects")
    pairs = {(i.shape, i.colour) for i in items}
    assert len(pairs) == frame["type"].nunique(), "each type needs its own shape and colour"
    assert len({i.shape for i in items}) == frame["type"].nunique(), "shape alone must tell the types apart"


def test_corridors_lines_and_project_layer():
    collection = json.loads((data_dir() / "corridors.geojson").read_text(encoding="utf-8"))
    m = maps.corridors_map()
    parts = sum(
        1 if f["geometry"]["type"] == "LineString" else len(f["geometry"]["coordinates"])
        for f in collection["features"]
    )
    assert m.layers == {"Corridors and maritime route": parts, "Projects": located(csv("projects.csv"))}
    maritime = [line for line in m.features("Corridors and maritime route") if line.dash]
    assert len(maritime) >= sum("maritime" in f["properties"]["kind"] for f in collection["features"])


def test_aiib_classes_and_chart():
    frame = csv("aiib_members.csv")
    m = maps.aiib_members_map()
    assert sum(m.layers.values()) + m.not_drawn == len(frame)
    founding = frame["founding"].str.lower().eq("true") & frame["iso3"].isin(shapes())
    assert m.layers["Founding members, regional"] + m.layers["Founding members, non-regional"] == int(founding.sum())
    counts = csv("aiib_membership_counts.csv")
    assert m.legend.chart.count("<circle") == int(counts["members"].str.strip().ne("").sum())


def test_communities_bilateral_and_regional():
    frame = csv("communities.csv")
    m = maps.communities_map()
    bilateral = set(frame.loc[frame["scope"] == "bilateral", "partner"]) & shapes()
    regional = set(frame.loc[frame["scope"] == "regional", "partner"]) & set(maps.REGION_POINTS)
    assert m.layers == {"Bilateral communities": len(bilateral), "Regional groupings": len(regional)}


# ------------------------------------------------------------------ every map


@pytest.mark.parametrize("make", maps.ALL_MAPS, ids=lambda f: f.__name__)
def test_every_map_has_title_legend_attribution_and_no_cdn(make):
    m = make()
    assert m.title and len(m.legend.entries) >= 2
    tiles = [c for c in m._children.values() if isinstance(c, elements.Tiles)]
    assert len(tiles) == 1 and tiles[0].tiles.startswith("https://tile.openstreetmap.org/")
    page = m._repr_html_()
    assert page.startswith(f'<div class="{map_assets.MARKER_CLASS}" data-sf-map="{m.sf_name}">')
    document = m.document()
    external = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', document)
    assert external == [], f"the map loads {external}"
    for name in ("leaflet.js", "sf-maps.js", "countries.js"):
        assert f"<!--sf-asset:{name}-->" in document
    assert "Natural Earth" in document and f"SF.frame({m.get_name()}, " in document
    for needle in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers", "cdn."):
        assert needle not in document.lower(), needle
    bare = make(tiles=False)
    assert not [c for c in bare._children.values() if isinstance(c, elements.Tiles)]
    assert "tile.openstreetmap.org" not in bare.get_root().render()


def test_build_links_replace_inline_assets():
    m = maps.projects_map()
    files = map_assets.vendor_files()
    linked = map_assets.link_assets(m._repr_html_(), "../../", files)
    assert "sf-asset:" not in linked
    assert html.escape('<script src="../../_vendor/leaflet/leaflet.js?v=', quote=True) in linked
    # the map's own share of its page, within the 60 KB gzip budget; inline, the files make it far larger
    assert len(gzip.compress(linked.encode(), 6)) < 60_000 < len(m._repr_html_())


# ------------------------------------------------------------------ escaping


def hostile_frames():
    """Frames of text (as pd.read_csv gives them) with hostile text in every free-text field;
    the maps validate and type them like the files."""
    timeline = pd.DataFrame(
        [
            {
                "date": "2020-01-01",
                "title": HOSTILE,
                "description": HOSTILE,
                "place": HOSTILE,
                "lat": "10",
                "lon": "20",
                "category": "speech",
                "source_url": "https://x.org/?q=1&r=2",
                "note": "",
            }
        ]
    )
    projects = pd.DataFrame(
        [
            {
                "name": HOSTILE,
                "iso3": "KEN",
                "type": "railway",
                "lat": "1",
                "lon": "36",
                "start": "2014",
                "completed": "",
                "status": "operational",
                "cost_usd_bn": "3.6",
                "cost_note": HOSTILE,
                "description": HOSTILE,
                "source_url": "https://x.org/?a=1&b=2",
            }
        ]
    )
    countries = pd.DataFrame(
        [
            {
                "iso3": "KEN",
                "country": HOSTILE,
                "region": "Sub-Saharan Africa",
                "first_signed": "2018",
                "status": "withdrawn",
                "withdrawn": "2023",
                "source_url": "https://x.org",
                "note": HOSTILE,
            }
        ]
    )
    members = pd.DataFrame(
        [
            {
                "iso3": "KEN",
                "country": HOSTILE,
                "founding": "false",
                "regional": "false",
                "approved": "2018",
                "status": "member",
                "source_url": "https://x.org",
                "note": HOSTILE,
            }
        ]
    )
    counts = pd.DataFrame(
        [{"as_of": "2016-01-16", "members": "57", "counts_what": HOSTILE, "source_url": "https://x.org", "note": ""}]
    )
    communities = pd.DataFrame(
        [
            {
                "partner": "KEN",
                "partner_name": HOSTILE,
                "scope": "bilateral",
                "date": "2020",
                "document": "joint statement",
                "title": HOSTILE,
                "source_url": "https://x.org",
                "note": "",
            },
            {
                "partner": "Africa",
                "partner_name": HOSTILE,
                "scope": "regional",
                "date": "2021",
                "document": "declaration",
                "title": HOSTILE,
                "source_url": "https://x.org",
                "note": "",
            },
        ]
    )
    corridors = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": HOSTILE, "kind": "land corridor", "via": HOSTILE, "source_url": "https://x.org"},
                "geometry": {"type": "LineString", "coordinates": [[10, 10], [20, 20]]},
            }
        ],
    }
    return [
        maps.key_moments_map(timeline=timeline),
        maps.projects_map(projects=projects),
        maps.bri_participation_map(countries=countries),
        maps.aiib_members_map(members=members, counts=counts),
        maps.communities_map(communities=communities),
        maps.corridors_map(corridors=corridors, projects=projects),
    ]


@pytest.mark.parametrize("m", hostile_frames(), ids=lambda m: m.sf_name)
def test_data_text_is_escaped(m):
    for key_text in html_strings(m):
        assert "<script" not in key_text and "<img" not in key_text, key_text
    html_texts = "".join(html_strings(m))
    assert "&lt;script&gt;" in html_texts or "&lt;img" in html_texts
    assert "javascript:" not in html_texts
    document = m.document()
    # Raw data text appears only in JSON-escaped form inside the script: no live tag anywhere.
    assert "<img src=x" not in document and "<script>alert" not in document
    assert "\\u0026lt;script\\u0026gt;" in document  # &lt;script&gt; inside JSON


@pytest.mark.parametrize(
    "column,value",
    [("source_url", "javascript:alert(3)"), ("category", HOSTILE), ("lat", "1e3"), ("date", "<b>2020</b>")],
)
def test_a_frame_of_text_with_bad_values_is_refused_naming_row_and_column(column, value):
    from shared_future.data import DataError

    timeline = pd.DataFrame(
        [
            {
                "date": "2020-01-01",
                "title": "t",
                "description": "d",
                "place": "p",
                "lat": "10",
                "lon": "20",
                "category": "speech",
                "source_url": "https://x.org",
                "note": "",
                column: value,
            }
        ]
    )
    with pytest.raises(DataError, match=f"the timeline frame given:2:{column}: "):
        maps.key_moments_map(timeline=timeline)


def test_marker_titles_carry_plain_text():
    m = hostile_frames()[1]
    marker = m.features("Projects")[0]
    assert marker.title == marker.options["title"] == HOSTILE  # set as a DOM attribute by Leaflet: stays text
    popup = json.loads(next(c for c in marker._children.values() if isinstance(c, elements.Bind)).content)
    assert "&lt;script&gt;" in popup  # popups are HTML: escaped
    assert 'href="https://x.org/?a=1&amp;b=2"' in popup


def test_data_text_is_never_template_source():
    """branca renders a MacroElement's output as a new template: data text must not reach it."""
    timeline = pd.DataFrame(
        [
            {
                "date": "2020-01-01",
                "title": "{{ 7*7 }} t",
                "description": "{{ 6*7 }} d",
                "place": "{% if true %}p{% endif %}",
                "lat": "10",
                "lon": "20",
                "category": "speech",
                "source_url": "https://x.org",
                "note": "",
            }
        ]
    )
    document = maps.key_moments_map(timeline=timeline).document()
    assert "{{ 7*7 }} t" in document and "{{ 6*7 }} d" in document and "{% if true %}p{% endif %}" in document
    assert "49 t" not in document and "42 d" not in document


# ------------------------------------------------------------------ typed frames from data.load

TYPED_INPUTS = {  # map function -> (argument name, dataset) it can be given as a typed frame
    maps.key_moments_map: ("timeline", "timeline"),
    maps.bri_participation_map: ("countries", "bri_countries"),
    maps.projects_map: ("projects", "projects"),
    maps.corridors_map: ("projects", "projects"),
    maps.aiib_members_map: ("members", "aiib_members"),
    maps.communities_map: ("communities", "communities"),
}


@pytest.mark.parametrize("make", maps.ALL_MAPS, ids=lambda f: f.__name__)
def test_a_frame_from_load_draws_the_same_map_as_the_file(make):
    """Students pass filtered `load()` frames (dates as dates, booleans as bools) to the maps."""
    from shared_future.data import load

    argument, dataset = TYPED_INPUTS[make]
    assert spec_of(make(**{argument: load(dataset)})) == spec_of(make())


# ------------------------------------------------------------------ folium's own API, offline


def student_additions(m):
    import folium
    from folium import plugins

    group = folium.FeatureGroup(name="Mine <b>`${x}`</b>").add_to(m)
    folium.Marker([1, 2], popup="Hello").add_to(group)
    plugins.MarkerCluster().add_to(m)
    folium.LayerControl().add_to(m)
    return m


def linked_files(document: str) -> list[str]:
    return re.findall(r"<!--sf-asset:([\w.\-]+)-->", document)


def test_folium_classes_are_never_changed():
    import folium
    from folium import plugins

    before = (
        list(folium.Map.default_js),
        list(folium.Map.default_css),
        list(plugins.MarkerCluster.default_js),
        list(plugins.MarkerCluster.default_css),
    )
    student_additions(maps.projects_map()).document()
    scratch = folium.Map()
    folium.Marker([0, 0], popup="x").add_to(scratch)
    map_display.document(scratch)
    assert (
        folium.Map.default_js,
        folium.Map.default_css,
        plugins.MarkerCluster.default_js,
        plugins.MarkerCluster.default_css,
    ) == before
    assert "cdn" in folium.Map().get_root().render()  # a map the course never showed is folium's own


def test_student_elements_get_course_files_only_where_needed():
    plain = maps.communities_map().document()
    assert "jquery.js" not in linked_files(plain) and "markercluster.js" not in linked_files(plain)
    assert "leaflet-icons.js" not in linked_files(plain), "course markers are DivIcons: no marker images"
    clustered = linked_files(maps.key_moments_map().document())
    assert "markercluster.js" in clustered and "markercluster-default.css" not in clustered
    assert "leaflet-icons.js" not in clustered
    extended = student_additions(maps.communities_map()).document()
    assert {"jquery.js", "leaflet-icons.js", "markercluster.js", "markercluster-default.css"} <= set(
        linked_files(extended)
    )
    assert re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', extended) == []
    assert len(linked_files(extended)) == len(set(linked_files(extended))), "a file twice"
    for needle in ("bootstrap", "awesome-markers", "font-awesome", "cdn."):
        assert needle not in extended.lower()


def test_one_layer_control_with_the_students_layer_escaped():
    m = student_additions(maps.corridors_map())
    document = m.get_root().render()
    assert document.count("L.control.layers(") == 1
    control = document.split("L.control.layers(")[0].rsplit("var layer_control_", 1)[1]
    escaped = "Mine \\u0026lt;b\\u0026gt;`${x}`\\u0026lt;/b\\u0026gt;"
    assert escaped in control and "Corridors and maritime route" in control and maps.TILES["name"] in control
    legend = document.split("SF.legend(", 1)[1].split(");", 1)[0]
    assert escaped in legend, "the student's layer is not in the legend"
    again = m.get_root().render()  # shown twice: still one course frame, legend and control
    assert again.count("L.control.layers(") == again.count("SF.frame(map_") == again.count("SF.legend(map_") == 1


def test_editing_the_map_after_creation_changes_what_is_shown():
    m = maps.projects_map()
    m.title = "Edited <title>"
    m.legend.entries.append({"fill": "#000", "label": "an added entry"})
    document = m.document()
    assert (
        '"title":"Edited \\u0026lt;title\\u0026gt;"' in document and "<title>Edited &lt;title&gt;</title>" in document
    )
    assert "an added entry" in document


@pytest.mark.parametrize("make", maps.ALL_MAPS, ids=lambda f: f.__name__)
def test_every_course_layer_is_a_folium_layer_in_the_layer_control(make):
    import folium
    from folium import plugins

    m = make()
    assert m.course_layers and all(layer._parent is m for layer in m.course_layers)
    document = m.get_root().render()
    control = document.split("L.control.layers(")[0].rsplit("var layer_control_", 1)[1]
    for layer in m.course_layers:
        drawn = m.features(layer.layer_name)
        if isinstance(layer, elements.CountryAreas):
            assert isinstance(layer, folium.GeoJson) and len(layer.data["features"]) == len(drawn)
        else:
            assert isinstance(layer, (folium.FeatureGroup, plugins.MarkerCluster))
            assert all(isinstance(f, (folium.Marker, folium.PolyLine)) for f in drawn) and drawn
            for marker in drawn:
                if isinstance(marker, folium.Marker):
                    assert isinstance(marker.icon, folium.DivIcon) and marker.shape in elements.SHAPES
        if layer.control:
            assert f"{json.dumps(layer.layer_name)} : {layer.get_name()}" in control, layer.layer_name
        else:  # the time control shows and hides the timed layers
            assert make is maps.bri_participation_map
    layers = ", ".join(layer.get_name() for layer in m.course_layers)
    frame_on = json.dumps(m.frame_on, separators=(",", ":"))
    assert f'SF.finish({m.get_name()}, [{layers}], {frame_on}, {{"layers":"Layers"}});' in document
    if make is maps.corridors_map:
        assert {"CHN", "IDN", "VNM", "PHL"} <= set(m.frame_on)


@pytest.mark.parametrize("make", maps.ALL_MAPS, ids=lambda f: f.__name__)
def test_country_areas_ship_no_outlines(make):
    """Outlines come once per site (countries.js); a map's own script stays small."""
    m = make()
    document = m.get_root().render()
    for layer in m.course_layers:
        if isinstance(layer, elements.CountryAreas):
            assert all(f["geometry"]["coordinates"] == [] for f in layer.data["features"])
    assert "SF.withOutline" in document or not any(
        isinstance(layer, elements.CountryAreas) for layer in m.course_layers
    )
    own = len(gzip.compress(document.encode(), 6))
    assert own < 30_000, f"{m.sf_name}: {own} bytes gzip of its own"


def test_a_students_folium_map_shows_with_the_course_files_on_import():
    """`import shared_future` in a kernel registers the display of every folium.Map."""
    import subprocess
    import sys

    code = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "import folium, shared_future\n"
        "m = folium.Map()\nfolium.Marker([0, 0], popup='Hi').add_to(m)\n"
        "print(shell.display_formatter.format(m)[0]['text/html'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith(f'<div class="{map_assets.MARKER_CLASS}" data-sf-map="folium">')
    assert "&lt;!--sf-asset:leaflet.js--&gt;" in out and "&lt;!--sf-asset:jquery.js--&gt;" in out
    assert "cdn.jsdelivr" not in out and "code.jquery.com" not in out


def test_a_live_kernel_reads_the_package_never_node_modules(monkeypatch):
    from pathlib import Path

    read = []
    for method in ("read_text", "read_bytes"):
        original = getattr(Path, method)
        monkeypatch.setattr(
            Path, method, lambda self, *a, _o=original, **k: read.append(str(self)) or _o(self, *a, **k)
        )
    student_additions(maps.key_moments_map())._repr_html_()
    assert read and not any("node_modules" in path for path in read), read


def test_without_the_install_step_a_map_says_so_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr(map_assets, "INSTALLED", tmp_path / "vendor")
    shown = maps.key_moments_map()._repr_html_()
    assert shown == map_assets.missing_line()
    assert "\n" not in shown and "python -m shared_future.assets install" in shown
    with pytest.raises(FileNotFoundError, match="shared_future.assets install"):
        map_assets.vendor_files()


def test_the_install_step_copies_every_npm_file(monkeypatch, tmp_path):
    from shared_future import assets

    target = tmp_path / "vendor"
    monkeypatch.setattr(map_assets, "INSTALLED", target)
    monkeypatch.setattr(assets, "INSTALLED", target)
    assert assets.main(["check"]) == 1
    assert assets.main(["install"]) == 0
    assert assets.main(["check"]) == 0
    assert map_assets.missing() == []
    assert (target / "leaflet" / "leaflet.js").read_bytes() == (
        assets.ROOT / "node_modules/leaflet/dist/leaflet.js"
    ).read_bytes()


@pytest.mark.parametrize("make", maps.ALL_MAPS, ids=lambda f: f.__name__)
def test_a_frame_of_text_is_validated_and_draws_the_same_map(make):
    """A frame read with pandas alone (text, or pandas' own guesses at types) goes through the same checks."""
    argument, dataset = TYPED_INPUTS[make]
    assert spec_of(make(**{argument: csv(f"{dataset}.csv")})) == spec_of(make())
    guessed = pd.read_csv(data_dir() / f"{dataset}.csv")
    assert spec_of(make(**{argument: guessed})) == spec_of(make())


# ------------------------------------------------------------------ marker shapes and legend swatches


def test_every_shape_draws_its_own_svg_unknown_shapes_are_circles():
    drawn = [elements.shape_svg(s, "#E69F00", 18) for s in elements.SHAPES]
    assert len(set(drawn)) == len(elements.SHAPES)
    for svg in drawn:
        assert svg.startswith('<svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true">')
        assert 'fill="#E69F00"' in svg
    assert elements.shape_svg("no-such-shape", "#000") == elements.shape_svg("circle", "#000")


def test_legend_swatches_shape_line_area_and_a_students_layer():
    assert elements.swatch({"shape": "star", "c": "#111"}) == elements.shape_svg("star", "#111", 16)
    assert re.search(
        r'<line [^>]*stroke="#0072B2"[^>]*stroke-dasharray="8 6"', elements.swatch({"line": "#0072B2", "dash": "8 6"})
    )
    assert "dasharray" not in elements.swatch({"line": "#0072B2"})
    assert re.search(r'<rect [^>]*fill="#440154" stroke="#555" stroke-width="1"', elements.swatch({"fill": "#440154"}))
    assert 'fill="none" stroke="#000" stroke-width="2" stroke-dasharray="5 4"' in elements.swatch(
        {"fill": "none", "stroke": "#000", "dash": "5 4"}
    )
    assert 'class="sf-added"' in elements.swatch({"added": True})
    legend = elements.Legend("t", [{"fill": "#000", "label": "a"}])
    legend.added = ["<b>mine</b>"]
    assert legend.rows()[-1]["label"] == "&lt;b&gt;mine&lt;/b&gt;"
