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
