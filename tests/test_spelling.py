"""Near misses: the banded spelling distance against a plain one, and hints
over thousands of unknown names within a bounded cost."""

from __future__ import annotations

from typing import List

from hypothesis import given, settings
from hypothesis import strategies as st

from forge_connect_hooks.rules import spelling
from forge_connect_hooks.rules.spelling import Spelling, strict_near_miss


def plain_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, the whole table."""
    table: List[List[int]] = [
        [i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)
    ]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[len(a)][len(b)]


@settings(max_examples=500, derandomize=True, deadline=None, database=None)
@given(st.text("abc", max_size=9), st.text("abc", max_size=9), st.integers(0, 3))
def test_the_banded_distance_is_the_plain_one_up_to_its_limit(a: str, b: str, limit: int) -> None:
    expected = min(plain_distance(a, b), limit + 1)
    assert spelling._edit_distance(a, b, limit) == expected


def test_a_near_miss_is_one_or_two_edits_off() -> None:
    names = ["read:repository:bitbucket", "write:repository:bitbucket", "read:me"]
    assert strict_near_miss("read:repositroy:bitbucket", names) == "read:repository:bitbucket"
    assert strict_near_miss("READ_ME", names) == "read:me"
    assert strict_near_miss("read:you", names) is None


def test_hints_for_thousands_of_unknown_names_stop_at_their_budget() -> None:
    names = [f"read:thing-{n}:bitbucket" for n in range(650)]
    words = [f"read:thinq-{n}:bitbucket" for n in range(20_000)]
    run = Spelling()
    hints = [run.budgeted_near_miss(word, names) for word in words]
    assert hints[0] == "read:thing-0:bitbucket"
    # Past the budget a hint is left out, never a wrong one given.
    assert hints[-1] is None
    assert all(hint in (None, f"read:thing-{n}:bitbucket") for n, hint in enumerate(hints))


def test_each_run_has_a_budget_of_its_own() -> None:
    """Two runs in one process (the check command runs the four hooks in one)
    each get the hints they would get alone."""
    names = [f"read:thing-{n}:bitbucket" for n in range(650)]
    spent = Spelling()
    for n in range(20_000):
        spent.budgeted_near_miss(f"read:thinq-{n}:bitbucket", names)
    assert spent.budgeted_near_miss("read:thinq-1:bitbucket", names) is None
    assert (
        Spelling().budgeted_near_miss("read:thinq-1:bitbucket", names) == "read:thing-1:bitbucket"
    )
