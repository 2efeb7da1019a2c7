"""A chapter quiz as an IMS QTI 2.1 package: a zip with `imsmanifest.xml` and one item file per
question (`items/<id>.xml`), which Canvas, Blackboard and Brightspace import.

Every item has a response declaration with its correct response, a SCORE outcome set by its
response processing (1 when right), the options' own feedback (`feedbackInline`, shown for the
options chosen) and a modal feedback for right and wrong with the explanation and the source.
The question types map to interactions:

- single, true_false, data (select single): `choiceInteraction`, maxChoices 1;
- multiple, data (select multiple): `choiceInteraction`, maxChoices 0, all-or-nothing;
- numeric: `textEntryInteraction` (float), right within the tolerance (`equal`, absolute);
- ordering: `orderInteraction` (ordered cardinality), right when every item is in its place.

Options and items are written in the course's fixed shuffle (`option_order`, `display_order`)
with `shuffle="false"`, so the LMS shows them as the book and the answer keys do; their
identifiers are letters in that order, which say nothing about the answer. Text goes into the
XML as text (xml.etree escapes it once; QTI's item body is XML, not an HTML string).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from .grading import RULES, answer_text, display_order, is_multi, option_order
from .model import Numeric, Ordering, Quiz, source_link

__all__ = ["CP", "QTI", "el", "item_xml", "manifest_xml", "package", "to_bytes"]

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
ITEM_TYPE = "imsqti_item_xmlv2p1"
ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # fixed, so an unchanged quiz gives the same bytes
TEXT = RULES["messages"]


def el(parent: ET.Element | None, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A new element (under `parent` when given) with its text and attributes."""
    element = ET.Element(tag, attrs) if parent is None else ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    return letter(index // 26 - 1) + chr(65 + index % 26) if index >= 26 else chr(65 + index)


def item_identifier(question) -> str:
    return f"item-{question.id}"


def _response(item: ET.Element, question) -> dict[int, str]:
    """The response declaration; returns the identifier of every option or item (by file index)."""
    if isinstance(question, Numeric):
        declaration = el(item, "responseDeclaration", identifier="RESPONSE", cardinality="single", baseType="float")
        el(el(declaration, "correctResponse"), "value", repr(question.answer))
        return {}
    order = display_order(question) if isinstance(question, Ordering) else option_order(question)
    ids = {index: letter(shown) for shown, index in enumerate(order)}
    if isinstance(question, Ordering):
        cardinality, correct = "ordered", list(range(len(question.items)))
    else:
        cardinality = "multiple" if is_multi(question) else "single"
        correct = [i for i, o in enumerate(question.options) if o.correct]
    declaration = el(item, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality, baseType="identifier")
    values = el(declaration, "correctResponse")
    for index in correct:
        el(values, "value", ids[index])
    return ids


def _outcomes(item: ET.Element, question) -> None:
    score = el(item, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    el(el(score, "defaultValue"), "value", "0")
    el(item, "outcomeDeclaration", identifier="FEEDBACKBASIC", cardinality="single", baseType="identifier")
    if not isinstance(question, (Numeric, Ordering)):
        el(item, "outcomeDeclaration", identifier="FEEDBACK", cardinality="multiple", baseType="identifier")


def _body(item: ET.Element, question, ids: dict[int, str]) -> None:
    body = el(item, "itemBody")
    if getattr(question, "refers_to", None):
        el(body, "p", f"About: {question.refers_to}")
    if isinstance(question, Numeric):
        el(body, "p", question.prompt)
        line = el(body, "p")
        entry = el(line, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="15")
        if question.unit:
            entry.tail = f" {question.unit}"
        return
    if isinstance(question, Ordering):
        interaction = el(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="false")
        el(interaction, "prompt", question.prompt)
        for index in display_order(question):
            el(interaction, "simpleChoice", question.items[index], identifier=ids[index])
        return
    interaction = el(
        body,
        "choiceInteraction",
        responseIdentifier="RESPONSE",
        shuffle="false",
        maxChoices="0" if is_multi(question) else "1",
    )
    el(interaction, "prompt", question.prompt)
    for index in option_order(question):
        option = question.options[index]
        choice = el(interaction, "simpleChoice", option.text, identifier=ids[index])
        el(
            choice,
            "feedbackInline",
            option.feedback,
            outcomeIdentifier="FEEDBACK",
            identifier=ids[index],
            showHide="show",
        )


def _processing(item: ET.Element, question) -> None:
    processing = el(item, "responseProcessing")
    condition = el(processing, "responseCondition")
    test = el(condition, "responseIf")
    if isinstance(question, Numeric):
        mode = (
            {"toleranceMode": "absolute", "tolerance": f"{question.tolerance!r} {question.tolerance!r}"}
            if question.tolerance
            else {"toleranceMode": "exact"}
        )
        compare = el(test, "equal", **mode)
    else:
        compare = el(test, "match")
    el(compare, "variable", identifier="RESPONSE")
    el(compare, "correct", identifier="RESPONSE")
    for branch, (score, verdict) in ((test, ("1", "correct")), (el(condition, "responseElse"), ("0", "incorrect"))):
        el(el(branch, "setOutcomeValue", identifier="SCORE"), "baseValue", score, baseType="float")
        el(el(branch, "setOutcomeValue", identifier="FEEDBACKBASIC"), "baseValue", verdict, baseType="identifier")
    if not isinstance(question, (Numeric, Ordering)):
        el(el(el(processing, "setOutcomeValue", identifier="FEEDBACK"), "multiple"), "variable", identifier="RESPONSE")


def _feedback(item: ET.Element, question) -> None:
    label, url = source_link(question.source)
    for verdict, opening in (("correct", TEXT["correct"]), ("incorrect", TEXT["wrong"])):
        box = el(item, "modalFeedback", outcomeIdentifier="FEEDBACKBASIC", identifier=verdict, showHide="show")
        el(box, "p", opening)
        if verdict == "incorrect":
            el(box, "p", TEXT["answer"] + answer_text(question))
        if isinstance(question, Ordering):
            el(box, "p", question.feedback)
        el(box, "p", TEXT["explanation"] + question.explanation)
        source = el(box, "p", TEXT["source"])
        if url:
            el(source, "a", label, href=url)
        else:
            source.text = (source.text or "") + label


def item_xml(question) -> ET.Element:
    """One question as a QTI 2.1 assessmentItem."""
    item = el(
        None,
        "assessmentItem",
        xmlns=QTI,
        identifier=item_identifier(question),
        title=question.id,
        adaptive="false",
        timeDependent="false",
    )
    item.set("xmlns:xsi", XSI)
    item.set("xsi:schemaLocation", f"{QTI} {QTI_XSD}")
    ids = _response(item, question)
    _outcomes(item, question)
    _body(item, question, ids)
    _processing(item, question)
    _feedback(item, question)
    return item


def item_path(question) -> str:
    return f"items/{question.id}.xml"


def manifest_xml(quiz: Quiz) -> ET.Element:
    """The package's manifest: one resource per item file."""
    manifest = el(None, "manifest", xmlns=CP, identifier=f"manifest-{quiz.chapter}")
    manifest.set("xmlns:xsi", XSI)
    manifest.set("xsi:schemaLocation", f"{CP} {CP_XSD}")
    metadata = el(manifest, "metadata")
    el(metadata, "schema", "QTIv2.1 Package")
    el(metadata, "schemaversion", "1.0.0")
    el(manifest, "organizations")
    resources = el(manifest, "resources")
    for question in quiz.questions:
        resource = el(
            resources, "resource", identifier=item_identifier(question), type=ITEM_TYPE, href=item_path(question)
        )
        el(resource, "file", href=item_path(question))
    return manifest


def to_bytes(element: ET.Element) -> bytes:
    ET.indent(element)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True) + b"\n"


def package(quiz: Quiz) -> bytes:
    """The zip of the manifest and every item."""
    files = [("imsmanifest.xml", to_bytes(manifest_xml(quiz)))]
    files += [(item_path(q), to_bytes(item_xml(q))) for q in quiz.questions]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
