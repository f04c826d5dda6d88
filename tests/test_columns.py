"""The plain text's columns (render/columns.py) against tabulate itself: the same layout,
byte for byte, on random tables of CJK, ASCII, blank-edged and empty cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from pilotledger.render.columns import simple_table

CELL = st.text(
    alphabet=st.sampled_from(list("ab 1%-·…") + list("县商务委牵头完成（）、，") + ["ｱ", "é"]),
    max_size=12,
)
ALIGN = st.sampled_from(["left", "right", "center"])


@st.composite
def tables(draw):
    columns = draw(st.integers(min_value=1, max_value=5))
    headers = draw(st.one_of(st.just([]), st.lists(CELL, min_size=columns, max_size=columns)))
    rows = draw(
        st.lists(st.lists(CELL, min_size=columns, max_size=columns), min_size=1, max_size=6)
    )
    aligns = draw(st.lists(ALIGN, min_size=columns, max_size=columns))
    return headers, rows, aligns


def by_tabulate(headers, rows, aligns) -> str:
    return tabulate(
        rows, headers=headers, tablefmt="simple", colalign=aligns, disable_numparse=True
    )


@settings(max_examples=100, deadline=None)
@given(tables())
def test_the_layout_is_tabulates(table):
    headers, rows, aligns = table
    assert simple_table(headers, rows, aligns) == by_tabulate(headers, rows, aligns)


@pytest.mark.parametrize("cell", ["两行\n文字", "\x1b[31m红\x1b[0m", "a\rb"])
def test_what_it_cannot_lay_out_goes_to_tabulate(cell):
    assert simple_table(["项"], [[cell]], ["left"]) is None


# That a plain `status` imports no tabulate (its import alone is a fifth of the command), cold
# or warm, is asked of the real process by tests/test_startup.py's warm-status probe, which
# starts those two processes anyway.


def test_the_widths_measured_without_wcwidth_are_wcwidths():
    """render/width.py measures printable ASCII, the CJK blocks and a few narrow marks itself:
    each of those characters has exactly the width wcwidth gives it."""
    import wcwidth

    from pilotledger.render.width import NARROW_MARKS, WIDE_RANGES, terminal_width

    wide = [chr(code) for low, high in WIDE_RANGES for code in range(low, high + 1)]
    narrow = list(NARROW_MARKS) + [chr(code) for code in range(0x20, 0x7F)]
    assert len(wide) > 27_000
    assert [wcwidth.wcwidth(char) for char in wide] == [2] * len(wide)
    assert [wcwidth.wcwidth(char) for char in narrow] == [1] * len(narrow)
    assert [terminal_width(char) for char in wide + narrow] == [2] * len(wide) + [1] * len(narrow)
    text = "".join(wide[::97] + narrow)
    assert terminal_width(text) == wcwidth.wcswidth(text)
    for other in ["é", "ｱ", "\x07", "👍", "e\u0301", "\u302a", "\u3030"]:  # wcwidth's answer
        assert terminal_width("县" + other) == wcwidth.wcswidth("县" + other)
