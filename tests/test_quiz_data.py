"""Questions that need the data: every chapter has at least two, each names its file and the
function in its hint, and each answer, recomputed here from data/ with shared_future.data.load,
equals the answer in the quiz file (so the key stays right when the data change)."""

import pytest

from shared_future.data import load
from shared_future.quiz import check_all

QUIZZES = check_all()


def _year(table, column):
    return table[column].dt.year


def _communities_east_asia():
    communities, countries = load("communities"), load("bri_countries")
    bilateral = communities[communities["scope"] == "bilateral"]
    joined = bilateral.merge(countries, left_on="partner", right_on="iso3")
    return (joined["region"] == "East Asia & Pacific").sum()


def _imf_quota_losers():
    table = load("governance_reform")
    rows = table[
        (table["institution"] == "IMF")
        & (table["measure"] == "quota share")
        & ~table["member"].str.contains("(group)", regex=False)
    ]
    return (rows["after"] < rows["before"]).sum()


def _world_bank_china_gain():
    table = load("governance_reform")
    row = table[
        (table["institution"] == "World Bank (IBRD)")
        & (table["member"] == "China")
        & (table["measure"] == "voting power")
    ]
    return (row["after"] - row["before"]).item()


def _years_to_150():
    counts = load("bri_counts").sort_values("as_of")
    return counts[counts["count"] >= 150]["as_of"].iloc[0].year - counts["as_of"].iloc[0].year


COMPUTED = {
    "what-is-it-data-1": lambda: (load("communities")["document"] == "joint statement").sum(),
    "what-is-it-data-2": lambda: load("communities")["date"].min().year,
    "origins-data-1": lambda: (_year(load("timeline"), "date") == 2017).sum(),
    "origins-data-2": lambda: (load("timeline")["category"] == "un").sum(),
    "pillars-data-1": _world_bank_china_gain,
    "pillars-data-2": _imf_quota_losers,
    "belt_and_road-data-1": lambda: (_year(load("bri_countries"), "first_signed") == 2018).sum(),
    "belt_and_road-data-2": lambda: load("projects").query("type == 'railway'")["cost_usd_bn"].sum(),
    "aiib_and_finance-data-1": lambda: load("aiib_members")["founding"].sum(),
    "aiib_and_finance-data-2": lambda: load("aiib_members").query("status == 'member' and not regional").shape[0],
    "communities-data-1": lambda: (load("communities")["scope"] == "regional").sum(),
    "communities-data-2": _communities_east_asia,
    "reception-data-1": lambda: (load("viewpoints")["stance"] == "critical").sum(),
    "reception-data-2": lambda: (load("viewpoints")["speaker_type"] == "government").mean() * 100,
    "review_capstone-data-1": _years_to_150,
    "review_capstone-data-2": lambda: load("projects")["cost_usd_bn"].median(),
}
DATA_QUESTIONS = {q.id: q for quiz in QUIZZES.values() for q in quiz.questions if getattr(q, "data", None)}


@pytest.mark.parametrize("chapter", sorted(QUIZZES))
def test_every_chapter_has_two_questions_on_the_data(chapter):
    assert sum(bool(getattr(q, "data", None)) for q in QUIZZES[chapter].questions) >= 2


def test_every_data_question_is_recomputed_here():
    assert set(DATA_QUESTIONS) == set(COMPUTED)


@pytest.mark.parametrize("qid", sorted(COMPUTED))
def test_the_answer_follows_from_the_data(qid):
    question = DATA_QUESTIONS[qid]
    computed = float(COMPUTED[qid]())
    assert computed == pytest.approx(question.answer, abs=1e-6), (
        f"{qid}: the data give {computed:g}, the quiz file says {question.answer:g}; update the quiz file"
    )
    assert question.tolerance <= max(abs(computed) * 0.02, 0.05), f"{qid}: tolerance too loose"


@pytest.mark.parametrize("qid", sorted(COMPUTED))
def test_the_hint_names_the_file_and_the_function(qid):
    question = DATA_QUESTIONS[qid]
    stem = question.data.removesuffix(".csv")
    assert f'load("{stem}")' in question.hint and "shared_future.data" in question.hint
    assert question.data in question.prompt
