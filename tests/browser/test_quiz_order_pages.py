"""In Chromium, over every quiz page of the built book: the options are shown in the course's
fixed order (the order of the answer key), and a reader who always picks the same position
gets at most 45% of the single-answer questions with three or more options right."""

import json
import re
from collections import Counter

from conftest import BUILD_HTML, built_pages
from course_answers import chapters, page_name

from shared_future.quiz import check_all, option_order

QUIZ_PAGES = [p for p in built_pages() if 'class="sfq"' in (BUILD_HTML / p).read_text(encoding="utf-8")]
QUIZZES = check_all()
OUTLINE = chapters()
LIMIT = 0.45
SHOWN = """quiz => Array.from(quiz.querySelectorAll('.sfq-question')).map(fs => ({
  qid: fs.dataset.qid,
  options: Array.from(fs.querySelectorAll('input[type=radio], input[type=checkbox]')).map(i => ({
    value: Number(i.value), radio: i.type === 'radio',
    label: fs.querySelector('label[for="' + i.id + '"]').innerText.trim()}))}))"""


def plain(text: str) -> str:
    """Text as compared: Sphinx's smart quotes and dashes undone, whitespace folded."""
    for fancy, ascii_ in {"‘": "'", "’": "'", "“": '"', "”": '"', "—": "---", "–": "--", "…": "..."}.items():
        text = text.replace(fancy, ascii_)
    return " ".join(text.split())


def answer_key_options(page) -> dict[str, list[str]]:
    """Option texts per question id, in the order the answer key page lists them."""
    found = {}
    for section in page.locator("main section > section").all():
        qid = re.search(r"\(([^)]+)\)", section.locator("h2").inner_text()).group(1)
        items = [
            re.sub(r" \((correct|wrong)\): .*", "", t, flags=re.S) for t in section.locator("li").all_inner_texts()
        ]
        found[qid] = [plain(re.sub(r"^[A-H]\. ", "", t)) for t in items if re.match(r"[A-H]\. ", t)]
    return found


def test_every_quiz_page_shows_the_fixed_order_and_no_position_wins(visit):
    hits, pooled, checked = Counter(), 0, 0
    for path in QUIZ_PAGES:
        page, record, _ = visit(path)
        assert record.console_errors == []
        for quiz in page.locator(".sfq").all():
            chapter = quiz.get_attribute("data-chapter")
            key = json.loads(quiz.locator(".sfq-key").text_content())["questions"]
            questions = {q.id: q for q in QUIZZES[chapter].questions}
            key_page, _, _ = visit(f"book/teachers/answers/{page_name(chapter, OUTLINE)}.html")
            listed = answer_key_options(key_page)
            for n, shown in enumerate(quiz.evaluate(SHOWN)):
                if not shown["options"]:
                    continue
                question = questions[shown["qid"]]
                values = [o["value"] for o in shown["options"]]
                assert values == option_order(question), f"{path} {question.id}: order on the page"
                labels = [plain(o["label"]) for o in shown["options"]]
                assert labels == listed[question.id], f"{question.id}: page and answer key differ"
                checked += 1
                if shown["options"][0]["radio"] and len(values) >= 3:
                    place = [key[n]["correct"][v] for v in values].index(True)
                    hits[f"{place + 1} from the start"] += 1
                    hits[f"{len(values) - place} from the end"] += 1
                    pooled += 1
    assert pooled >= 30 and checked > pooled
    shares = {position: count / pooled for position, count in hits.items()}
    assert max(shares.values()) <= LIMIT, sorted(shares.items(), key=lambda item: -item[1])
