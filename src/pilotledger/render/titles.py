"""The one place where titles are broken into lines: between words, never inside one (a title
that wraps as 进 / 展趋势 or 试点任 / 务清单 is what GB/T 9704 forbids: 回行时词意完整), in
lines as even as the words allow (排列对称). Words come from jieba's dictionary (rjieba, the
Rust jieba); punctuation stays with its word: a closing mark or a colon ends the word before
it, an opening bracket starts the word after it, a one-character word (县, 委, 年, 的, which
jieba may have cut off a name: 县 / 商务 / 委) joins its neighbour, and a date or a number is
one word.

docx gives a title its lines (explicit line breaks); html joins the words with <wbr> under
`word-break: keep-all`, so a browser breaks a title only between words at any width.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

import rjieba

from pilotledger.render.width import display_width

CLOSING = set("）》」』】〕”’，。、：；！？)],.:;!?%")
OPENING = set("（《「『【〔“‘([")
UNBROKEN = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|[0-9A-Za-z.%-]+")


@lru_cache(maxsize=512)
def title_words(text: str) -> tuple[str, ...]:
    """The title's pieces a line may not break inside, in order; joined they are the text."""
    words: list[str] = []
    glue_next = False
    for token in _tokens(text):
        single = len(token) == 1 and display_width(token) == 2 and token not in OPENING | CLOSING
        if words and (glue_next or single or token[0] in CLOSING or token.isspace()):
            words[-1] += token
        else:
            words.append(token)
        glue_next = token[-1] in OPENING or (single and len(words) == 1 and words[0] == token)
    return tuple(words)


def _tokens(text: str) -> list[str]:
    """jieba's words, with each date, number or Latin word kept whole."""
    tokens, position = [], 0
    for match in UNBROKEN.finditer(text):
        tokens += rjieba.cut(text[position : match.start()]) if match.start() > position else []
        tokens.append(match.group())
        position = match.end()
    if position < len(text):
        tokens += rjieba.cut(text[position:])
    return [token for token in tokens if token]


def title_lines(text: str, width: int) -> list[str]:
    """The title in as few lines of at most `width` display columns as its words allow; among
    those splits the one with the best breaks (after a space, a colon or a comma, before a
    bracket or a number) and the most even lines. A word wider than a line is a line of its
    own."""
    words = title_words(text)
    if display_width(text) <= width or len(words) < 2:
        return [text]
    widths = [display_width(word) for word in words]
    for lines in range(2, len(words) + 1):
        splits = [
            ends
            for ends in combinations(range(1, len(words)), lines - 1)
            if _fits(widths, ends, width)
        ]
        if splits:
            best = min(splits, key=lambda ends: _score(words, widths, ends))
            return _joined(words, best)
    return [word.strip() for word in words]


def _lines_of(widths: list[int], ends: tuple[int, ...]) -> list[int]:
    bounds = (0, *ends, len(widths))
    return [sum(widths[a:b]) for a, b in zip(bounds, bounds[1:])]


def _fits(widths: list[int], ends: tuple[int, ...], width: int) -> bool:
    bounds = (0, *ends, len(widths))
    return all(
        total <= width or b - a == 1
        for total, a, b in zip(_lines_of(widths, ends), bounds, bounds[1:])
    )


def _score(words: tuple[str, ...], widths: list[int], ends: tuple[int, ...]) -> int:
    lines = _lines_of(widths, ends)
    return max(lines) - min(lines) + sum(_badness(words[end - 1], words[end]) for end in ends)


def _badness(before: str, after: str) -> int:
    """How bad a break between two words is, in display columns of unevenness it is worth."""
    if before[-1] in " ：:，,；;" or after[0] in OPENING:
        return 0
    if before[-1].isascii() != after[0].isascii():
        return 2  # between 试点 and 2022: a number starts a new phrase
    if len(before.strip()) == 1 or len(after.strip("）")) == 1:
        return 24  # 县 / 商务委, 2022 / 年: a one-character word belongs to its neighbour
    return 20  # two words of one phrase (综合 / 试点): only for much evener lines


def _joined(words: tuple[str, ...], ends: tuple[int, ...]) -> list[str]:
    bounds = (0, *ends, len(words))
    return ["".join(words[a:b]).strip() for a, b in zip(bounds, bounds[1:])]
