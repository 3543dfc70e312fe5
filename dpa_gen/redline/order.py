"""Order the changes at the ends of paragraphs so that LibreOffice does not join two of them.

LibreOffice takes a change that ends a paragraph and one of the same kind that opens the next
for one change, unchanged paragraph break included; ``separate`` swaps a deletion and an
insertion that stand side by side at a paragraph's end where that parts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dpa_gen.redline.wml import STATUS, TAG, content_runs


def separate(paragraphs: list[Any], breaks: list[int]) -> None:
    """Keep a change that ends a paragraph apart from one of the same kind that opens the next.

    Why: LibreOffice takes two such changes for one, with the unchanged paragraph break
    between them, and rejecting (or accepting) it joins the paragraphs. Where a deletion and
    an insertion stand side by side at either end of a paragraph, their order can be swapped
    without changing anything else; the swaps that leave the fewest such meetings across
    ``breaks`` (the unchanged breaks after paragraph ``k``) are chosen, fewest swaps first.
    What cannot be parted (two plain insertions meeting) is left as it is.
    """
    choices = [_orders(p) for p in paragraphs]
    if all(len(orders) == 1 for orders in choices):
        return
    eligible = set(breaks)
    # cost[k][i]: the fewest (meetings, swaps) for paragraphs 0..k with paragraph k in order i;
    # back[k][i]: the order of paragraph k - 1 on that way.
    cost = [[(0, len(order.swaps)) for order in choices[0]]]
    back: list[list[int]] = [[0] * len(choices[0])]
    for k in range(1, len(paragraphs)):
        row, links = [], []
        for order in choices[k]:
            options = []
            for j, before in enumerate(choices[k - 1]):
                meet = int(k - 1 in eligible and before.end is not None and before.end == order.start)
                meetings, swaps = cost[k - 1][j]
                options.append(((meetings + meet, swaps + len(order.swaps)), j))
            total, j = min(options)
            row.append(total)
            links.append(j)
        cost.append(row)
        back.append(links)
    index = min(range(len(cost[-1])), key=lambda i: cost[-1][i])
    for k in range(len(paragraphs) - 1, -1, -1):
        for left, right in choices[k][index].swaps:
            left.addprevious(right)
        index = back[k][index]


@dataclass(frozen=True, slots=True)
class _Order:
    """One way to order a paragraph's end changes: the swaps it takes and the kinds then at its ends."""

    swaps: tuple[tuple[Any, Any], ...]
    start: str | None
    end: str | None


def _orders(p: Any) -> list[_Order]:
    runs = content_runs(p) if next(p.iter(*TAG.values()), None) is not None else []
    if not runs:
        return [_Order((), None, None)]
    first, last = runs[0].getparent(), runs[-1].getparent()
    start = first.tag if first.tag in STATUS else None
    end = last.tag if last.tag in STATUS else None
    orders = [_Order((), start, end)]
    opening = (first, first.getnext()) if start and _other_change(first.getnext(), first) else None
    closing = (last.getprevious(), last) if end and _other_change(last.getprevious(), last) else None
    if opening is not None and opening == closing:  # one deletion and one insertion: both ends turn
        return [*orders, _Order((opening,), opening[1].tag, opening[0].tag)]
    if opening is not None:
        orders.append(_Order((opening,), opening[1].tag, end))
    if closing is not None:
        orders.append(_Order((closing,), start, closing[0].tag))
    if opening is not None and closing is not None and not set(opening) & set(closing):
        orders.append(_Order((opening, closing), opening[1].tag, closing[0].tag))
    return orders


def _other_change(element: Any, change: Any) -> bool:
    return element is not None and element.tag in STATUS and element.tag != change.tag
