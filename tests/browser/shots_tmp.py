"""Screenshots for review (not part of the suite; deleted after use)."""
import json
from test_jupyterlab import jupyterlab, run_all_cells, wait_until_run, NOTEBOOK, ROOT  # noqa: F401
from harness import keep_local
from shared_future.quiz import load_quiz

OUT = "/tmp/shots/"


def test_book_shots(visit):
    for width, height in ((390, 844), (1280, 900)):
        page, record, _ = visit("notebooks/04_belt_and_road.html", viewport={"width": width, "height": height})
        quiz = page.locator(".sfq").first
        data_q = quiz.locator(".sfq-question", has=page.locator("a.sfq-data")).first
        data_q.scroll_into_view_if_needed()
        data_q.screenshot(path=f"{OUT}book-{width}-data-before.png")
        print(data_q.locator("a.sfq-data").get_attribute("href"))
        fs = quiz.locator(".sfq-question").nth(0)
        fs.scroll_into_view_if_needed()
        fs.screenshot(path=f"{OUT}book-{width}-before.png")
        key = json.loads(quiz.locator(".sfq-key").text_content())["questions"][0]
        wrong = key["correct"].index(False)
        fs.locator(f"input[value='{wrong}']").check()
        fs.locator(".sfq-check").click()
        fs.screenshot(path=f"{OUT}book-{width}-after-wrong.png")
        right = key["correct"].index(True)
        fs.locator(f"input[value='{right}']").check()
        fs.locator(".sfq-check").click()
        fs.screenshot(path=f"{OUT}book-{width}-after-right.png")
        data_q.locator("input").fill("60")
        data_q.locator(".sfq-check").click()
        data_q.screenshot(path=f"{OUT}book-{width}-data-wrong.png")
        assert record.console_errors == []


def test_lab_shots(browser, jupyterlab):
    lab = jupyterlab
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    keep_local(context, lab.base, [])
    page = context.new_page()
    page.goto(lab.notebook_url)
    page.locator(".jp-NotebookPanel").wait_for(timeout=60000)
    lab.wait_for_kernel(page, "idle", timeout_s=60)
    notebook = json.loads((ROOT / "notebooks" / NOTEBOOK).read_text(encoding="utf-8"))
    run_all_cells(page)
    wait_until_run(page, lab, sum(c["cell_type"] == "code" for c in notebook["cells"]))
    quiz = load_quiz("origins")
    q = quiz.questions[0]
    widget = page.locator(".jp-OutputArea-output .widget-vbox", has_text=quiz.title).first
    question = widget.locator(".widget-vbox", has_text=q.prompt).first
    question.scroll_into_view_if_needed()
    question.screenshot(path=f"{OUT}lab-before.png")
    wrong = next(o for o in q.options if not o.correct)
    question.locator(".widget-radio-box label", has_text=wrong.text).click()
    question.locator("button", has_text="Check").click()
    question.locator(".widget-html-content", has_text="Not quite.").wait_for(timeout=10000)
    question.screenshot(path=f"{OUT}lab-after-wrong.png")
    data = next(x for x in quiz.questions if getattr(x, "data", None))
    dq = widget.locator(".widget-vbox", has_text=data.prompt).first
    dq.scroll_into_view_if_needed()
    dq.screenshot(path=f"{OUT}lab-data.png")
    context.close()
