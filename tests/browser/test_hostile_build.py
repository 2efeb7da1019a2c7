"""A book built from hostile data runs no code, at build time or in the browser.

A copy of `data/` whose text cells carry payloads (markup that would run script, `{{ 7*7 }}`,
a Jinja expression that would create a file, MyST roles and fences) and a hostile quiz file
are built into a small book with the course's own `_config.yml` settings and page generators
(glossary, objectives, answer keys) plus one notebook that draws every map, the timeline, the
quiz and a capstone map and brief. The build must succeed, create no file, show the payloads
as literal text, and in Chromium no payload may run on any page or map, with every popup,
tooltip and quiz answer opened.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from tools.browser import EAGER_MAPS, MAP_READY, keep_local, serve

ROOT = Path(__file__).resolve().parents[2]
TRAP = "window.top.__pwned"
PAYLOAD = (
    f'<img src=x onerror="{TRAP}=1"> <script>{TRAP}=2</script> {{{{ 7*7 }}}} '
    f"`code` *stars* {{term}}`Belt and Road Initiative` ${{{TRAP}=3}} </title></script> ' \" &amp;"
)


def jinja_shell(marker: Path) -> str:
    return "{{ lipsum.__globals__['os'].popen('touch " + str(marker) + "').read() }}"


# the text columns of each file that reach a page, a map, a timeline or a brief
TEXT_COLUMNS = {
    "glossary": ("term", "chinese", "pinyin", "definition"),
    "course_outline": ("title",),
    "timeline": ("title", "description", "place", "note"),
    "projects": ("name", "description", "cost_note"),
    "communities": ("partner_name", "title", "note"),
    "bri_countries": ("country", "note"),
    "aiib_members": ("country", "note"),
    "aiib_membership_counts": ("counts_what", "note"),
}


def hostile_text(marker: Path, row: int) -> str:
    return f"{PAYLOAD} {jinja_shell(marker)} #{row}"  # the row number keeps keys unique


def poison_csv(folder: Path, name: str, columns, marker: Path) -> None:
    path = folder / f"{name}.csv"
    with open(path, newline="", encoding="utf-8") as source:
        table = list(csv.reader(source))
    for number, row in enumerate(table[1:]):
        for column in columns:
            row[table[0].index(column)] = hostile_text(marker, number)
    with open(path, "w", newline="", encoding="utf-8") as out:
        csv.writer(out, lineterminator="\n").writerows(table)


def poison_geojson(folder: Path, name: str, properties, marker: Path) -> None:
    path = folder / f"{name}.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    for number, feature in enumerate(collection["features"]):
        for prop in properties:
            feature["properties"][prop] = hostile_text(marker, number)
    path.write_text(json.dumps(collection), encoding="utf-8")


def hostile_quiz(marker: Path) -> dict:
    text = hostile_text(marker, 0)
    base = {
        "prompt": text,
        "explanation": text,
        "source": "https://example.org/?a='1'&b=2",
        "objective": text,
        "level": "remember",
    }
    options = [
        {"text": f"{text} A", "correct": True, "feedback": text},
        {"text": f"{text} B", "correct": False, "feedback": text},
    ]
    return {
        "chapter": "what_is_it",
        "title": text,
        "questions": [
            {"id": "what-is-it-1", "type": "single", "options": options, **base},
            {"id": "what-is-it-2", "type": "multiple", "options": options, **base},
            {
                "id": "what-is-it-3",
                "type": "true_false",
                **base,
                "options": [
                    {"text": "True", "correct": True, "feedback": text},
                    {"text": "False", "correct": False, "feedback": text},
                ],
            },
            {
                "id": "what-is-it-4",
                "type": "numeric",
                "answer": 49,
                "tolerance": 0,
                "unit": "<b>u</b> {{ 7*7 }}",
                **base,
            },
            {
                "id": "what-is-it-5",
                "type": "ordering",
                "items": [f"{text} 1", f"{text} 2", f"{text} 3"],
                "feedback": text,
                **base,
            },
            {"id": "what-is-it-6", "type": "data", "refers_to": text, "options": options, **base},
        ],
    }


NOTEBOOK_CELLS = [
    "from IPython.display import Markdown\nfrom shared_future import capstone, maps\n"
    "from shared_future.timeline import timeline\nfrom shared_future.quiz import quiz",
    "maps.key_moments_map()",
    "maps.bri_participation_map()",
    "maps.projects_map()",
    "maps.corridors_map()",
    "maps.aiib_members_map()",
    "maps.communities_map()",
    "profile = capstone.country_profile('PAK')\ncapstone.profile_map(profile)",
    "Markdown(capstone.brief_template(profile))",
    "timeline()",
    "quiz('what_is_it')",
]


def write_book(book: Path) -> None:
    """A small book with the course's configuration, generators and chapters (for the objectives)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["cache"] = str(book / "_build" / ".jupyter_cache")
    # The chapters are copied for the objectives page, which reads them as files; outside this
    # book's table of contents, they must not be built (the course's own book excludes by name).
    config["exclude_patterns"] = [*config["exclude_patterns"], "notebooks/**"]
    config["bibtex_bibfiles"] = [str(ROOT / name) for name in config["bibtex_bibfiles"]]
    config["sphinx"]["local_extensions"] = {
        name: str(ROOT / "book" / "_ext") for name in config["sphinx"]["local_extensions"]
    }
    (book / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (book / "_toc.yml").write_text(
        yaml.safe_dump(
            {
                "format": "jb-book",
                "root": "intro",
                "chapters": [
                    {"file": "maps"},
                    {"file": "book/glossary"},
                    {"file": "book/teachers/objectives"},
                    {"file": "book/teachers/answers/index"},
                    {"glob": "book/teachers/answers/0*"},
                ],
            }
        ),
        encoding="utf-8",
    )
    (book / "intro.md").write_text("# Hostile data\n\nEvery page below is built from hostile data.\n")
    shutil.copytree(ROOT / "notebooks", book / "notebooks")
    (book / "book" / "teachers").mkdir(parents=True)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Every map")] + [
        nbformat.v4.new_code_cell(c) for c in NOTEBOOK_CELLS
    ]
    nbformat.write(notebook, book / "maps.ipynb")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    marker = tmp / "pwned"
    data_copy, book = tmp / "data", tmp / "book"
    # The Chinese catalogs (data/locale/) translate the real rows by their keys, which poisoning
    # changes; hostile translations have their own cases in tests/test_hostile_input.py.
    shutil.copytree(ROOT / "data", data_copy, ignore=shutil.ignore_patterns("locale"))
    for name, columns in TEXT_COLUMNS.items():
        poison_csv(data_copy, name, columns, marker)
    poison_geojson(data_copy, "corridors", ("name", "via", "kind"), marker)
    poison_geojson(data_copy, "countries", ("name",), marker)
    (data_copy / "quizzes" / "what_is_it.yaml").write_text(yaml.safe_dump(hostile_quiz(marker)), encoding="utf-8")
    env = {**os.environ, "SHARED_FUTURE_DATA": str(data_copy)}
    check = subprocess.run([sys.executable, "-m", "shared_future.validate"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, f"the hostile copy must be valid data:\n{check.stdout[-3000:]}"
    book.mkdir()
    write_book(book)
    build = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    return {"html": book / "_build" / "html", "marker": marker, "log": build.stdout + build.stderr}


def test_the_build_runs_no_code_from_the_data(hostile_site):
    assert not hostile_site["marker"].exists(), "a Jinja expression in the data ran a shell command"
    glossary = (hostile_site["html"] / "book" / "glossary.html").read_text(encoding="utf-8")
    for page in [
        glossary,
        (hostile_site["html"] / "book" / "teachers" / "objectives.html").read_text(encoding="utf-8"),
        (hostile_site["html"] / "book" / "teachers" / "answers" / "01_what_is_it.html").read_text(encoding="utf-8"),
    ]:
        soup = BeautifulSoup(page, "html.parser")
        text = soup.get_text()
        assert "{{ 7*7 }}" in text and "lipsum.__globals__" in text and "<img src=x onerror=" in text.replace("”", '"')
        assert not soup.find_all("img", src="x"), "markup from the data became an element"
        assert not [s for s in soup.find_all("script") if "__pwned" in s.get_text()], "a script from the data"
        assert not [
            t
            for t in soup.find_all(True)
            if any(k.startswith("on") and "__pwned" in str(v) for k, v in t.attrs.items())
        ], "an event handler from the data"
    assert "{term}`Belt and Road Initiative`" in glossary and "`code` *stars*" in glossary


def _open_everything(frame) -> int:
    """Open every popup and tooltip of the frame's Leaflet map; returns how many were opened."""
    return frame.evaluate("""() => {
      const map = Object.values(window).find(v => v instanceof L.Map);
      let opened = 0;
      // A popup or tooltip bound to a GeoJson layer (folium's GeoJsonPopup/GeoJsonTooltip) is a
      // function of each feature: open it once for every feature.
      const contents = (bound, layer) => typeof bound.getContent() !== 'function' ? [bound.getContent()]
        : (layer.getLayers ? layer.getLayers() : [layer]).map(one => bound.getContent()(one));
      const visit = layer => {
        if (layer.eachLayer && layer !== map) layer.eachLayer(visit);
        const popup = layer.getPopup && layer.getPopup(), tip = layer.getTooltip && layer.getTooltip();
        const at = map.getCenter();
        const open = (c, shown) => { shown.setLatLng(at).setContent(c); opened += 1; return shown; };
        if (popup) contents(popup, layer).forEach(c => open(c, L.popup()).openOn(map));
        if (tip) contents(tip, layer).forEach(c => open(c, L.tooltip()).addTo(map));
      };
      map.eachLayer(visit);
      return opened;
    }""")


def _answer_every_quiz(page) -> int:
    checks = page.locator(".sfq-check")
    for fieldset in page.locator(".sfq-question").all():
        for control in fieldset.locator("input[type=radio], input[type=checkbox]").all()[:1]:
            control.check()
        for number in fieldset.locator("input[type=number]").all():
            number.fill("49")
        for n, select in enumerate(fieldset.locator("select").all(), 1):
            select.select_option(str(n))
    for button in checks.all():
        button.click()
    return checks.count()


def test_no_payload_runs_in_the_browser(hostile_site, browser):
    html = hostile_site["html"]
    pages = sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not p.relative_to(html).parts[0].startswith(("_", "."))
    )
    opened = answered = 0
    with serve(html) as url:
        context = browser.new_context()
        keep_local(context, url)
        dialogs = []
        for path in pages:
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(url + path + EAGER_MAPS, wait_until="load")  # every map drawn at once
            page.wait_for_load_state("networkidle")
            frames = [f for f in page.frames if f != page.main_frame]
            for frame in frames:
                frame.wait_for_selector(MAP_READY, timeout=15_000)
                opened += _open_everything(frame)
            answered += _answer_every_quiz(page)
            page.wait_for_timeout(300)
            for frame in page.frames:
                assert frame.evaluate("() => window.__pwned") is None, f"a payload ran on {path}"
            page.close()
        context.close()
    assert not dialogs
    assert opened > 300 and answered == 6, (opened, answered)
