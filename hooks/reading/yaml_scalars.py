"""Plain YAML scalars as Forge's parser (npm ``yaml``) reads them.

Forge resolves a document by YAML 1.2's core schema unless it starts with a
``%YAML 1.1`` directive, which switches to YAML 1.1's types: ``yes``/``on``
booleans, ``0755`` octals, ``1_000``, sexagesimal ``1:30`` and timestamps.
Forge then passes the result through ``JSON.stringify``, so what its
validator sees is JSON: infinities and NaN become null, a timestamp becomes
its ISO string, and every mapping key is a string.

Every pattern here is anchored and has no nested repetition, so matching is
linear in the scalar's length.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Callable, Dict, NamedTuple, Optional, Pattern, Tuple, Union

from .nodes import MAX_NUMBER_CHARS, Scalar

# What a resolved scalar is: "null", "bool", "int", "float", "timestamp" or "str".
Resolved = Tuple[Scalar, str]
Resolver = Callable[[str], Resolved]


class NumberTooLong(Exception):
    """A scalar that reads as a number of more than MAX_NUMBER_CHARS characters."""


def _bounded(text: str) -> None:
    if len(text) > MAX_NUMBER_CHARS:
        raise NumberTooLong(text)


_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_NOT_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_CORE_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_CORE_BOOLS: Dict[str, bool] = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}

_OLD_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_OLD_BOOLS: Dict[str, bool] = {
    **{word: True for word in "y Y yes Yes YES true True TRUE on On ON".split()},
    **{word: False for word in "n N no No NO false False FALSE off Off OFF".split()},
}


class _OldPatterns(NamedTuple):
    binary: Pattern[str]
    octal: Pattern[str]
    decimal: Pattern[str]
    hex: Pattern[str]
    not_finite: Pattern[str]
    float_exp: Pattern[str]
    float: Pattern[str]
    sexagesimal: Pattern[str]
    timestamp: Pattern[str]


@lru_cache(maxsize=1)
def _old() -> _OldPatterns:
    """YAML 1.1's patterns, compiled only for a file that asks for YAML 1.1."""
    return _OldPatterns(
        binary=re.compile(r"([-+]?)0b([01_]+)"),
        octal=re.compile(r"([-+]?)0([0-7_]+)"),
        decimal=re.compile(r"([-+]?)([0-9][0-9_]*)"),
        hex=re.compile(r"([-+]?)0x([0-9a-fA-F_]+)"),
        not_finite=re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"),
        float_exp=re.compile(r"[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+"),
        float=re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*"),
        sexagesimal=re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"),
        timestamp=re.compile(
            r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
            r"(?:(?:[tT]|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?"
            r"(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?"
        ),
    )


class Timestamp(str):
    """A YAML 1.1 timestamp, held as the ISO string JSON.stringify gives it."""


def resolve_core(text: str) -> Resolved:
    """A plain scalar by YAML 1.2's core schema."""
    if text in _CORE_NULLS:
        return None, "null"
    if text in _CORE_BOOLS:
        return _CORE_BOOLS[text], "bool"
    if _CORE_INT.fullmatch(text):
        _bounded(text)
        return _core_int(text), "int"
    if _CORE_NOT_FINITE.fullmatch(text):
        if text.endswith(("n", "N")):
            return math.nan, "float"
        return (-math.inf if text.startswith("-") else math.inf), "float"
    if _CORE_FLOAT.fullmatch(text):
        _bounded(text)
        return float(text), "float"
    return text, "str"


def _core_int(text: str) -> int:
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def resolve_old(text: str) -> Resolved:
    """A plain scalar by YAML 1.1's types, tried in the order Forge's parser
    tries them."""
    if text in _OLD_NULLS:
        return None, "null"
    if text in _OLD_BOOLS:
        return _OLD_BOOLS[text], "bool"
    old = _old()
    for pattern, radix in ((old.binary, 2), (old.octal, 8), (old.decimal, 10), (old.hex, 16)):
        match = pattern.fullmatch(text)
        if match:
            _bounded(text)
            return _old_int(match.group(1), match.group(2), radix), "int"
    if old.not_finite.fullmatch(text):
        if text.endswith(("n", "N")):
            return math.nan, "float"
        return (-math.inf if text.startswith("-") else math.inf), "float"
    if old.float_exp.fullmatch(text) or old.float.fullmatch(text):
        _bounded(text)
        return _parse_float(text.replace("_", "")), "float"
    if old.sexagesimal.fullmatch(text):
        _bounded(text)
        value = _sexagesimal(text)
        return value, "float" if "." in text else "int"
    match = old.timestamp.fullmatch(text)
    if match:
        return _timestamp(match), "timestamp"
    return text, "str"


def _old_int(sign: str, digits: str, radix: int) -> Union[int, float]:
    digits = digits.replace("_", "")
    if not digits:
        return math.nan  # parseInt("") is NaN
    value = int(digits, radix)
    return -value if sign == "-" else value


def _parse_float(text: str) -> float:
    """JavaScript's parseFloat on what the float patterns admit: ".", "e5"
    and the like are NaN there."""
    try:
        return float(text)
    except ValueError:
        return math.nan


def json_value(value: Scalar) -> Scalar:
    """A value as Forge's validator sees it, through JavaScript numbers and
    JSON.stringify: no infinity, no NaN, integers only as exact as a double."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        try:
            # The digits JSON.stringify writes for the nearest double.
            return int(js_number(float(value)))
        except OverflowError:
            return None
    return value


def _sexagesimal(text: str) -> Union[int, float]:
    """``190:20:30`` is 685230, summed as JavaScript numbers are."""
    sign = -1.0 if text.startswith("-") else 1.0
    total = 0.0
    for part in text.lstrip("+-").replace("_", "").split(":"):
        total = total * 60 + float(part)
    total *= sign
    return int(total) if total.is_integer() else total


def _timestamp(match: re.Match[str]) -> Timestamp:
    """The ISO string of Date.UTC over the fields, which carries overflowing
    months, days, hours and minutes over, as JavaScript does."""
    year, month, day = (int(match.group(n)) for n in (1, 2, 3))
    hour, minute, second = (int(match.group(n) or 0) for n in (4, 5, 6))
    fraction = match.group(7)
    millis = int((fraction + "00")[1:4]) if fraction else 0
    if 0 <= year <= 99:
        year += 1900  # Date.UTC reads two-digit years as 19xx
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    days = _days_from_civil(year, month, 1) + day - 1
    total = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis
    zone = match.group(8)
    if zone and zone != "Z":
        offset = _sexagesimal(zone)
        if abs(offset) < 30:
            offset *= 60  # "+5" is hours, "+05:30" minutes
        total -= int(60_000 * offset)
    return Timestamp(_iso(total))


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def _civil_from_days(days: int) -> Tuple[int, int, int]:
    days += 719468
    era = days // 146097
    day_of_era = days - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted + 2) // 5 + 1
    month = shifted + (3 if shifted < 10 else -9)
    return year_of_era + era * 400 + (month <= 2), month, day


def _iso(millis: int) -> str:
    days, rest = divmod(millis, 86_400_000)
    year, month, day = _civil_from_days(days)
    hour, rest = divmod(rest, 3_600_000)
    minute, rest = divmod(rest, 60_000)
    second, milli = divmod(rest, 1000)
    year_text = f"{year:04d}" if 0 <= year <= 9999 else f"{year:+07d}"
    return f"{year_text}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}.{milli:03d}Z"


def resolver(version: Optional[Tuple[int, int]]) -> Resolver:
    """The resolver for a document's ``%YAML`` version (None: no directive)."""
    return resolve_old if version == (1, 1) else resolve_core


def tagged(resolve: Resolver, kind: str, text: str) -> Optional[Tuple[Scalar]]:
    """A scalar tagged ``!!null``, ``!!bool``, ``!!int`` or ``!!float``: its
    value, or None when the text is not one of that kind."""
    value, found = resolve(text)
    if kind == "float" and found == "int" and resolve is resolve_core:
        # The core schema's float pattern takes integers too.
        if _CORE_FLOAT.fullmatch(text):
            return (float(text),)
    return (value,) if found == kind else None


def key_text(value: Scalar) -> str:
    """The property name a JavaScript object gives a resolved key."""
    if isinstance(value, Timestamp):
        return _date_string(value)
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) < 2**53:
        return str(value)
    return js_number(float(value))


_WEEKDAYS = "Thu Fri Sat Sun Mon Tue Wed".split()  # 1970-01-01 was a Thursday
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _date_string(iso: str) -> str:
    """JavaScript's Date.prototype.toString, which names a date key, on a
    machine whose time zone is UTC (elsewhere Forge's own key would differ)."""
    sign = -1 if iso.startswith("-") else 1
    date, time = iso.lstrip("+-").split("T")
    year, month, day = (int(part) for part in date.split("-"))
    weekday = _WEEKDAYS[_days_from_civil(sign * year, month, day) % 7]
    return (
        f"{weekday} {_MONTHS[month - 1]} {day:02d} {sign * year:04d} {time[:8]} "
        "GMT+0000 (Coordinated Universal Time)"
    )


def js_number(value: float) -> str:
    """JavaScript's Number.prototype.toString for a double."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    from decimal import Decimal  # only for an integer beyond 2**53

    # repr gives the shortest digits that read back, as JavaScript's do.
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    assert isinstance(exponent, int)
    point = exponent + len("".join(map(str, digit_tuple)))  # digits before the point
    size = len(digits)
    if size <= point <= 21:
        return sign + digits + "0" * (point - size)
    if 0 < point <= 21:
        return sign + digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return sign + "0." + "0" * -point + digits
    power = point - 1
    mantissa = digits[0] + ("." + digits[1:] if size > 1 else "")
    return f"{sign}{mantissa}e{'+' if power >= 0 else '-'}{abs(power)}"


def key_identity(value: Scalar) -> object:
    """What Forge's parser compares to find a duplicate key: the resolved
    value with its type, so ``1`` and ``1.0`` clash but ``1`` and ``"1"`` do
    not. NaN and dates equal nothing, not even themselves."""
    if isinstance(value, Timestamp):
        return object()
    if isinstance(value, str):
        return ("str", value)
    if value is None:
        return ("null",)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, float) and math.isnan(value):
        return object()
    return ("number", float(value))
