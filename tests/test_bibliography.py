"""The bibliography files listed in _config.yml hold each source once."""

import re
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ENTRY = re.compile(r"@\w+\{([^,\s]+),(.*?)\n\}", re.S)


def entries() -> list[tuple[str, str, str]]:
    """(file, key, url) for every entry of every configured .bib file."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    found = []
    for name in config["bibtex_bibfiles"]:
        for key, body in ENTRY.findall((ROOT / name).read_text(encoding="utf-8")):
            url = re.search(r"url\s*=\s*\{([^}]*)\}", body)
            found.append((name, key, url.group(1).strip() if url else ""))
    return found


def test_every_bib_file_in_the_book_exists_and_has_entries():
    assert entries()


def test_keys_are_unique_across_files():
    where = defaultdict(list)
    for name, key, _ in entries():
        where[key].append(name)
    assert not {k: v for k, v in where.items() if len(v) > 1}


def test_each_url_is_cited_under_one_key():
    keys = defaultdict(set)
    for name, key, url in entries():
        if url:
            keys[url].add(f"{name}:{key}")
    assert not {u: sorted(k) for u, k in keys.items() if len(k) > 1}, "fold these into one key"


def test_the_course_reader_agrees_with_pybtex_on_every_entry():
    """shared_future.bibliography (no BibTeX library, so it runs in any kernel) reads the same
    family names, years and URLs as pybtex, the parser of the book build."""
    from pybtex.database import parse_file

    from shared_future.bibliography import _plain
    from shared_future.bibliography import entries as course_entries

    read = course_entries()
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    for name in config["bibtex_bibfiles"]:
        for key, entry in parse_file(ROOT / name).entries.items():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            families = tuple(_plain(" ".join(p.prelast_names + p.last_names)) for p in people)
            assert (read[key].authors, read[key].year, read[key].url) == (
                families,
                entry.fields.get("year", ""),
                entry.fields.get("url", ""),
            ), f"{name}: {key}"


def test_labels_read_as_a_reader_sees_them():
    from shared_future.bibliography import Entry, _family_name, _plain

    assert (
        _plain(r"Espa{\~n}ol, {\L}{\'o}d{\'z}, Green Finance \& Development, US\$1")
        == "Español, Łódź, Green Finance & Development, US$1"
    )
    assert _family_name("{Smith and Sons}") == "Smith and Sons"
    assert _family_name("Ludwig van Beethoven") == "van Beethoven"
    assert Entry(("Koh", "Blanchard"), "2015", "T", "").label == "Koh and Blanchard, 2015"
    assert Entry(("A", "B", "C"), "", "T", "").label == "A et al., n.d."
    assert Entry((), "2020", "A report", "").label == "A report, 2020"
