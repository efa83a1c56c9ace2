"""What a misspelt name was meant to be.

Two kinds of answer. :func:`strict_near_miss` decides findings (a slip of a
known key is a certain mistake), so it always answers. The hints of
:class:`Spelling` only improve a message, and a hostile file of thousands of
unknown names must still cost linear time, so they spend a budget: one
``Spelling`` per hook run, which past its budget gives no hint (never a
wrong one). Each hook run gets a budget of its own, so ``check``, which runs
the four hooks in one process, gives the hints each hook gives alone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Tuple

# Comparing spellings with difflib costs the product of two names' lengths,
# for every known name: a run compares at most this many pairs of names, none
# longer than this.
CLOSE_MATCH_PAIRS = 20_000
LONGEST_NAME = 128
# Hints over long lists (Forge's 650 scopes) compare at most this many cells
# of spelling tables in a run.
NEAR_MISS_CELLS = 400_000


def strict_near_miss(word: str, choices: Iterable[str]) -> Optional[str]:
    """The known name ``word`` is a slip of: the same but for case, '-' and '_'
    (``forge_app_id``), or one or two letters off (``webItmes``, ``repoPagess``).
    Stricter than a hint: a near miss is taken as a certain mistake. No budget."""
    return _near_miss(word, _near_index(tuple(choices)), None)


class Spelling:
    """One hook run's spelling hints, within that run's budget."""

    def __init__(
        self, close_match_pairs: int = CLOSE_MATCH_PAIRS, near_miss_cells: int = NEAR_MISS_CELLS
    ) -> None:
        self._pairs = [close_match_pairs]
        self._cells = [near_miss_cells]

    def budgeted_close_match(self, word: str, choices: Iterable[str]) -> Optional[str]:
        """The known name ``word`` was probably meant to be, if any: case, '-'
        and '_' are ignored first (``forge_app_id`` -> ``forgeAppId``), then
        spelling is compared (difflib), within the budget."""
        by_fold = _folded(tuple(choices))
        folded = _fold(word)
        if folded in by_fold:
            return by_fold[folded]
        if len(word) > LONGEST_NAME or self._pairs[0] < len(by_fold):
            return None
        self._pairs[0] -= len(by_fold)
        import difflib  # only when there is a name to suggest

        close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.75)
        return by_fold[close[0]] if close else None

    def budgeted_near_miss(self, word: str, choices: Iterable[str]) -> Optional[str]:
        """:func:`strict_near_miss` for a hint only, within the budget."""
        return _near_miss(word, _near_index(tuple(choices)), self._cells)


@lru_cache(maxsize=16)
def _folded(known: Tuple[str, ...]) -> Dict[str, str]:
    """Each list of known names, folded once: {folded: name}, the first name of a fold."""
    folded: Dict[str, str] = {}
    for name in known:
        folded.setdefault(_fold(name), name)
    return folded


class _NearIndex:
    """Known names folded once and grouped by length, so a word is compared
    only with names whose length could be within two edits of its own."""

    def __init__(self, names: Tuple[str, ...]) -> None:
        self.by_fold: Dict[str, str] = {}
        self.by_length: Dict[int, List[Tuple[str, str]]] = {}
        for name in names:
            folded = _fold(name)
            if folded not in self.by_fold:
                self.by_fold[folded] = name
                self.by_length.setdefault(len(folded), []).append((folded, name))


@lru_cache(maxsize=16)
def _near_index(names: Tuple[str, ...]) -> _NearIndex:
    return _NearIndex(names)


def _near_miss(word: str, index: _NearIndex, budget: Optional[List[int]]) -> Optional[str]:
    folded = _fold(word)
    exact = index.by_fold.get(folded)
    if exact is not None:
        return exact
    best: Optional[str] = None
    best_distance = 3
    for length in range(len(folded) - 2, len(folded) + 3):
        for other, name in index.by_length.get(length, ()):
            allowed = 2 if min(len(folded), length) >= 6 else 1
            if abs(len(folded) - length) > allowed:
                continue
            if budget is not None:
                budget[0] -= len(folded) * (2 * allowed + 1)
                if budget[0] < 0:
                    return None
            distance = _edit_distance(folded, other, allowed)
            if distance <= allowed and distance < best_distance:
                best, best_distance = name, distance
    return best


def _fold(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition counts once), or
    ``limit + 1`` as soon as it must exceed ``limit``. Only the cells within
    ``limit`` of the diagonal can stay within it, so only those are computed."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    width = len(b)
    previous2: List[int] = []
    previous = [j if j <= limit else over for j in range(width + 1)]
    for i in range(1, len(a) + 1):
        low = max(1, i - limit)
        high = min(width, i + limit)
        current = [over] * (width + 1)
        current[0] = i if i <= limit else over
        char = a[i - 1]
        for j in range(low, high + 1):
            cost = 0 if char == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value if value <= limit else over
        if min(current[low - 1 : high + 1]) > limit:
            return over
        previous2, previous = previous, current
    return previous[width]
