"""The LMS question banks (shared_future.quiz.banks): every QTI 2.1 package and Moodle XML file,
read back with the standard library, gives every question's prompt, its options in the course's
order and its correct answers as in the quiz file; the manifest lists every item file; every item
declares its response with the correct one; hostile quiz text comes back literally and forms no
element."""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from shared_future.quiz import check_all, display_order, main, option_order, read_quiz
from shared_future.quiz.banks import bank_files, write_banks
from shared_future.quiz.qti import CP, QTI

HOSTILE = Path(__file__).parent / "quiz_fixtures" / "hostile" / "hostile.yaml"
QUIZZES = {**check_all(), "hostile": read_quiz(HOSTILE)}
Q = f"{{{QTI}}}"
C = f"{{{CP}}}"


def text(element: ET.Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def shown(question) -> list[str]:
    """A question's options (or items) in the order the course shows them."""
    if question.type == "ordering":
        return [question.items[i] for i in display_order(question)]
    return [question.options[i].text for i in option_order(question)]


def correct(question) -> list[str]:
    """Its correct answers as the quiz file gives them: the right options, or the items in order."""
    if question.type == "ordering":
        return list(question.items)
    if question.type == "numeric":
        return [repr(question.answer)]
    return [o.text for o in question.options if o.correct]


# ------------------------------------------------------------------------------------------- QTI
def read_qti(package: bytes) -> tuple[ET.Element, dict[str, ET.Element], list[str]]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = archive.namelist()
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        items = {name: ET.fromstring(archive.read(name)) for name in names if name != "imsmanifest.xml"}
    return manifest, items, names


def qti_question(item: ET.Element) -> dict:
    """What an LMS reads from one item: prompt, options in order, correct answers."""
    body = item.find(f"{Q}itemBody")
    interaction = next(e for e in body.iter() if e.tag.endswith("Interaction"))
    choices = interaction.findall(f"{Q}simpleChoice")
    label = {c.get("identifier"): (c.text or "").strip() for c in choices}
    values = [v.text for v in item.find(f"{Q}responseDeclaration/{Q}correctResponse").findall(f"{Q}value")]
    if interaction.tag == f"{Q}textEntryInteraction":
        prompt = text(body.findall(f"{Q}p")[-2])
        answers = values
    else:
        prompt = text(interaction.find(f"{Q}prompt"))
        answers = [label[v] for v in values]
    options = [label[c.get("identifier")] for c in choices]
    return {"type": interaction.tag[len(Q) :], "prompt": prompt, "options": options, "correct": answers, "item": item}


@pytest.mark.parametrize("name", sorted(QUIZZES))
def test_qti_package_round_trip(name):
    quiz = QUIZZES[name]
    manifest, items, names = read_qti(bank_files(quiz)[f"{quiz.chapter}-qti21.zip"])
    resources = manifest.findall(f"{C}resources/{C}resource")
    listed = [r.get("href") for r in resources]
    assert sorted(listed) == sorted(items) and len(names) == len(set(names)) == len(quiz.questions) + 1
    assert all(
        r.get("type") == "imsqti_item_xmlv2p1" and r.find(f"{C}file").get("href") == r.get("href") for r in resources
    )
    assert len({r.get("identifier") for r in resources}) == len(resources)
    for question, href in zip(quiz.questions, listed, strict=True):
        read = qti_question(items[href])
        item = read["item"]
        assert item.tag == f"{Q}assessmentItem" and item.get("identifier") == f"item-{question.id}"
        assert read["prompt"] == question.prompt.strip()
        assert read["correct"] == correct(question)
        if question.type != "numeric":
            assert read["options"] == shown(question)
        declaration = item.findall(f"{Q}responseDeclaration")
        assert len(declaration) == 1 and declaration[0].get("identifier") == "RESPONSE"
        assert declaration[0].find(f"{Q}correctResponse/{Q}value") is not None
        expected = {"ordering": "ordered", "numeric": "single"}.get(
            question.type,
            "multiple"
            if read["type"] == "choiceInteraction" and item.find(f".//{Q}choiceInteraction").get("maxChoices") == "0"
            else "single",
        )
        assert declaration[0].get("cardinality") == expected
        assert item.find(f"{Q}outcomeDeclaration[@identifier='SCORE']") is not None
        assert item.find(f"{Q}responseProcessing") is not None
        assert {m.get("identifier") for m in item.findall(f"{Q}modalFeedback")} == {"correct", "incorrect"}
        assert question.explanation.strip() in text(item.find(f"{Q}modalFeedback"))
        if question.type not in ("numeric", "ordering"):  # every option carries its feedback
            feedback = [text(c.find(f"{Q}feedbackInline")) for c in item.iter(f"{Q}simpleChoice")]
            assert feedback == [question.options[i].feedback.strip() for i in option_order(question)]
            assert all(c.get("shuffle") == "false" for c in item.iter(f"{Q}choiceInteraction"))


def test_qti_types_map_to_their_interactions():
    seen = {}
    for quiz in QUIZZES.values():
        _, items, _ = read_qti(bank_files(quiz)[f"{quiz.chapter}-qti21.zip"])
        for question in quiz.questions:
            seen.setdefault(question.type, set()).add(qti_question(items[f"items/{question.id}.xml"])["type"])
    assert seen == {
        "single": {"choiceInteraction"},
        "multiple": {"choiceInteraction"},
        "true_false": {"choiceInteraction"},
        "data": {"choiceInteraction"},
        "numeric": {"textEntryInteraction"},
        "ordering": {"orderInteraction"},
    }


def test_numeric_items_grade_within_the_tolerance():
    checked = 0
    for quiz in QUIZZES.values():
        _, items, _ = read_qti(bank_files(quiz)[f"{quiz.chapter}-qti21.zip"])
        for question in (q for q in quiz.questions if q.type == "numeric"):
            item = items[f"items/{question.id}.xml"]
            equal = item.find(f".//{Q}equal")
            tolerance = f"{question.tolerance!r} {question.tolerance!r}"
            assert (equal.get("toleranceMode"), equal.get("tolerance")) == (
                ("absolute", tolerance) if question.tolerance else ("exact", None)
            )
            assert item.find(f"{Q}responseDeclaration").get("baseType") == "float"
            checked += 1
    assert checked >= 8


# ---------------------------------------------------------------------------------------- Moodle
def moodle_html(element: ET.Element) -> ET.Element:
    """A Moodle HTML text field, parsed (the course writes it as well-formed XHTML)."""
    return ET.fromstring(f"<div>{element.find('text').text}</div>")


def moodle_question(element: ET.Element) -> dict:
    kind = element.get("type")
    prompt = html.unescape(text(moodle_html(element.find("questiontext")).find("p[@class='prompt']")))
    answers = element.findall("answer")

    def answer_text(a):
        return html.unescape(text(moodle_html(a))) if a.get("format") == "html" else a.find("text").text

    options = [answer_text(a) for a in answers]
    if kind == "ordering":
        right = [answer_text(a) for a in sorted(answers, key=lambda a: int(a.get("fraction")))]
    elif kind == "numerical":
        right = options
    else:
        right = [answer_text(a) for a in answers if float(a.get("fraction")) > 0]
    return {"type": kind, "id": element.find("idnumber").text, "prompt": prompt, "options": options, "correct": right}


@pytest.mark.parametrize("name", sorted(QUIZZES))
def test_moodle_file_round_trip(name):
    quiz = QUIZZES[name]
    root = ET.fromstring(bank_files(quiz)[f"{quiz.chapter}-moodle.xml"])
    assert root.tag == "quiz"
    category, *questions = root.findall("question")
    assert category.get("type") == "category"
    assert category.find("category/text").text.endswith(quiz.title.replace("/", "-"))
    assert len(questions) == len(quiz.questions)
    for question, element in zip(quiz.questions, questions, strict=True):
        read = moodle_question(element)
        assert read["id"] == question.id and read["prompt"] == question.prompt.strip()
        assert element.find("name/text").text and element.find("generalfeedback/text").text
        general = html.unescape(text(moodle_html(element.find("generalfeedback"))))
        assert general.count(question.explanation.strip()) == 1
        if question.type == "true_false":
            assert read["options"] == [shown(question)[i].lower() for i in range(2)]
            assert read["correct"] == [c.lower() for c in correct(question)]
        elif question.type == "numeric":
            assert read["correct"] == correct(question)
            assert element.find("answer/tolerance").text == repr(question.tolerance)
        else:
            if question.type == "ordering":
                assert read["correct"] == list(question.items)
            else:
                assert read["options"] == shown(question) and read["correct"] == [
                    t for t in shown(question) if t in correct(question)
                ]
                assert element.find("shuffleanswers").text == "0"
                fractions = [float(a.get("fraction")) for a in element.findall("answer")]
                assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3)
                feedback = [html.unescape(text(moodle_html(a.find("feedback")))) for a in element.findall("answer")]
                assert feedback == [question.options[i].feedback.strip() for i in option_order(question)]


def test_moodle_types():
    kinds = {}
    for quiz in QUIZZES.values():
        root = ET.fromstring(bank_files(quiz)[f"{quiz.chapter}-moodle.xml"])
        for question, element in zip(quiz.questions, root.findall("question")[1:], strict=True):
            kinds.setdefault(question.type, set()).add(element.get("type"))
    assert kinds == {
        "single": {"multichoice"},
        "multiple": {"multichoice"},
        "data": {"multichoice"},
        "true_false": {"truefalse"},
        "numeric": {"numerical"},
        "ordering": {"ordering"},
    }


def test_hostile_text_forms_no_element():
    quiz = QUIZZES["hostile"]
    files = bank_files(quiz)
    _, items, _ = read_qti(files["hostile-qti21.zip"])
    for item in items.values():
        tags = {e.tag[len(Q) :] if e.tag.startswith(Q) else e.tag for e in item.iter()}
        assert not tags & {"script", "img", "b", "i", "div", "select"}, tags
    root = ET.fromstring(files["hostile-moodle.xml"])
    for field in root.iter("text"):
        if field.text and field.text.startswith("<"):
            assert not {e.tag for e in ET.fromstring(f"<div>{field.text}</div>").iter()} & {"script", "img", "b", "i"}
    assert b"<script" not in files["hostile-moodle.xml"] and b"&lt;script" in files["hostile-moodle.xml"]


def test_export_writes_every_chapter_and_is_reproducible(tmp_path, capsys):
    assert main(["export", str(tmp_path / "out")]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(f"{c}-{kind}" for c in check_all() for kind in ("qti21.zip", "moodle.xml"))
    assert "wrote 16 files" in capsys.readouterr().out
    before = {p: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    write_banks(tmp_path / "out")
    assert {p: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before
