"""Numbers and periods as readers read them: grouped digits, millions and billions, currencies, units,
and their sort values in tables."""

from __future__ import annotations

from decimal import Decimal

from macros.records.dates import format_date
from macros.records.index import date_key
from macros.site.text import Md, html_attribute, html_text


def format_number(value: float | int) -> str:
    """The exact number with thousands separators and every significant digit: 7,000,000,000; 0.004."""
    if isinstance(value, bool):
        raise TypeError("a number, not a boolean")
    # repr() is the shortest text that reads back as the same float: 0.004, not 0.0040000000000000001.
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


# Large amounts read as words, as reporters write them: "$7 billion", "820 million".
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def readable_number(value: float | int) -> str:
    """A number as it is read: '7 billion', '1.4 billion', '70,000', '0.004'. Only when the words say it
    exactly (up to three decimals of the scale); otherwise the full number, so reading never rounds."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    for size, word in _SCALES:
        if abs(number) >= size:
            scaled = (number / size).normalize()
            if -scaled.as_tuple().exponent <= 3:  # type: ignore[operator]
                return f"{format_number(float(scaled))} {word}"
            break
    return format_number(value)


# Units written as an ISO 4217 code print as their sign before the amount: "$7 billion", "more than ₼25
# billion". Only signs the shipped font has (docs/assets/fonts); any other code prints after: "7 billion CHF".
CURRENCY_SIGNS = {
    "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "AZN": "₼", "RUB": "₽", "TRY": "₺", "ILS": "₪", "INR": "₹",
    "UAH": "₴", "KRW": "₩", "NGN": "₦", "PHP": "₱", "KZT": "₸", "GEL": "₾",
}
_PERCENT_UNITS = {"percent", "per cent", "%"}


def quantity_text(value: float | int, unit: str, qualifier: str = "exact") -> str:
    """A figure for reading: '$7 billion', 'more than ₼25 billion', '1.2 million people', '0.004%'."""
    amount = readable_number(value)
    sign = CURRENCY_SIGNS.get(unit.strip())
    if sign:
        shown = f"-{sign}{amount[1:]}" if amount.startswith("-") else f"{sign}{amount}"
    elif unit.strip().casefold() in _PERCENT_UNITS:
        shown = f"{amount}%"
    else:
        shown = f"{amount} {unit}"
    return shown if qualifier == "exact" else f"{qualifier} {shown}"


def exact_quantity_text(value: float | int, unit: str, qualifier: str = "exact") -> str:
    """The figure exactly as stored, for the hover title: 'more than 25,000,000,000 EUR'."""
    exact = f"{format_number(value)} {unit}"
    return exact if qualifier == "exact" else f"{qualifier} {exact}"


def html_quantity(value: float | int, unit: str, qualifier: str = "exact") -> Md:
    """`quantity_text` as HTML, the exact value on hover where it reads differently:
    <span title="7,000,000,000 USD">$7 billion</span>, but plain "775 shells"."""
    shown, exact = quantity_text(value, unit, qualifier), exact_quantity_text(value, unit, qualifier)
    if shown == exact:
        return html_text(shown)
    return Md(f'<span title="{html_attribute(exact)}">{html_text(shown)}</span>')


def sort_number(value: float | int) -> str:
    """A number as a table cell's data-sort value: plain digits, which tablesort's number sort reads."""
    return format_number(value).replace(",", "")


def period_text(start: str, end: str) -> str:
    """'October 2025 to February 2026'; one date when the start's span holds the end ('January 2026', not
    'January 2026 to 6 January 2026')."""
    if end.startswith(start):
        return format_date(start)
    return f"{format_date(start)} to {format_date(end)}"


def date_sort_text(date: str | None) -> Md:
    """A date as a table cell's data-sort value that sorts as text the way `date_key` sorts dates: a year or
    month alone after the precise dates inside it ('2026-13-32' after '2026-01-05')."""
    year, month, day, _ = date_key(date)
    return Md(f"{year:04d}-{month:02d}-{day:02d}")
