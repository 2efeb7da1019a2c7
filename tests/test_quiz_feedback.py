"""What a wrong first attempt shows does not give the answer away: no wrong option's feedback
names a correct option (true/false aside, where any verdict does), and an ordering question's
feedback waits until the answer is revealed (tests/quiz_fixtures/grading/cases.yaml)."""

from shared_future.quiz import check_all


def test_wrong_option_feedback_never_names_a_correct_option():
    leaks = []
    for quiz in check_all().values():
        for question in quiz.questions:
            if not hasattr(question, "options") or question.type == "true_false":
                continue
            right = [o.text.casefold() for o in question.options if o.correct]
            leaks += [
                f"{question.id}: {o.text!r} -> {o.feedback!r}"
                for o in question.options
                if not o.correct and any(r in o.feedback.casefold() for r in right)
            ]
    assert leaks == []
