"""An inbox split into batches of about the same number of pages, one child flow run each.

Pages, not sources, are the work: one 300-page file weighs as much as 300 one-page letters. Order is kept
(the inbox's sorted walk), so batches are folders' neighbours; a source with the content of an earlier one
joins that one's batch, so the duplicate is found in one run's plan instead of being migrated twice by
two runs at once.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")


@dataclass(frozen=True)
class Weighed(Generic[K]):
    """One source to batch: its key (what the batch carries), its content group (SHA-256) and its pages."""

    key: K
    group: Hashable | None
    pages: int


def split_by_pages(items: Sequence[Weighed[K]], pages_per_batch: int) -> list[list[K]]:
    """Batches of at most `pages_per_batch` estimated pages (a larger source is a batch of its own), in order.

    A source of a group seen before goes to that group's batch and weighs nothing there (it is recorded as a
    duplicate, not OCRed). Every key lands in exactly one batch.
    """
    if pages_per_batch < 1:
        raise ValueError("pages_per_batch must be at least 1")
    batches: list[list[K]] = []
    weight = 0
    batch_of_group: dict[Hashable, int] = {}
    for item in items:
        if item.group is not None and item.group in batch_of_group:
            batches[batch_of_group[item.group]].append(item.key)
            continue
        pages = max(1, item.pages)
        if not batches or (weight and weight + pages > pages_per_batch):
            batches.append([])
            weight = 0
        batches[-1].append(item.key)
        weight += pages
        if item.group is not None:
            batch_of_group[item.group] = len(batches) - 1
    return batches
