"""Which mentions are one person: folded names (umlauts, transliteration, OCR variants) plus birth date.

Two mentions join when their names are close (rapidfuzz token-sort ratio over folded names, or the
same Kölner-Phonetik codes) and their birth dates do not differ. A known, equal birth date lowers the
name bar; without any birth date a name must be nearly identical. A person keeps the weakest link
that built it as its `link_confidence`, so a caseworker sees how sure the grouping is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz

from eakte.case.model import Evidence, Mention, Person
from eakte.catalog.normalize import name_keys

SAME_BIRTH_MIN = 78.0  # equal birth dates: transliteration (Mohammed/Muhamad) and word order may differ
ONE_BIRTH_MIN = 88.0  # one side without a birth date
NO_BIRTH_MIN = 94.0  # neither has one: nearly the same spelling
SAME_NUMBER_TOKEN_MIN = 70.0  # same BAMF/authority file number: every name word must have a close counterpart
SAME_NUMBER_CONFIDENCE = 85.0
LONE_BIRTH_AGAINST = 2  # papers with the other birth date that outweigh a birth date read on one paper only
LONE_BIRTH_CONFIDENCE = 80.0
LINK_ROLES = ("subject", "person_concerned", "plaintiff", "applicant", "employee", "other")


@lru_cache(maxsize=4096)
def sound(name: str) -> tuple[str, ...]:
    return tuple(sorted(c for _, c in name_keys(name)))


def similarity(a: Mention, b: Mention, sa: tuple[str, ...] | None = None, sb: tuple[str, ...] | None = None) -> float:
    """0..100: the better of the spelling and the sound (Kölner Phonetik) of the two names."""
    spelled = fuzz.token_sort_ratio(a.folded, b.folded)
    sa = sound(a.name) if sa is None else sa
    sb = sound(b.name) if sb is None else sb
    same_sound = 96.0 if sa and sa == sb else 0.0
    return max(float(spelled), same_sound)


def words_close(a: str, b: str) -> bool:
    """Every word of the shorter name has a counterpart in the other at ratio >= SAME_NUMBER_TOKEN_MIN."""
    ta, tb = a.split(), b.split()
    if len(ta) > len(tb):
        ta, tb = tb, ta
    return bool(ta) and all(max(fuzz.ratio(t, u) for u in tb) >= SAME_NUMBER_TOKEN_MIN for t in ta)


def _bar(a: Mention, b: Mention) -> float | None:
    if a.birth_date and b.birth_date:
        return SAME_BIRTH_MIN if a.birth_date == b.birth_date else None
    if a.birth_date or b.birth_date:
        return ONE_BIRTH_MIN
    return NO_BIRTH_MIN


def _close_names(a: set[str], b: set[str]) -> bool:
    """The same name, or an OCR variant of it (nearly the same spelling: not a transliteration, a relative)."""
    return bool(a & b) or any(fuzz.token_sort_ratio(x, y) >= NO_BIRTH_MIN for x in a for y in b)


def link(mentions: list[Mention]) -> tuple[list[Person], dict[int, str]]:
    """Persons and, per mention index, the person id it belongs to.

    Mentions with the same folded name and birth date are one key (a name repeats on every page of a
    file); only distinct keys are compared, so a 500-page Akte stays well under a second."""
    keep = [i for i, m in enumerate(mentions) if m.role in LINK_ROLES and m.folded.strip()]
    keys: dict[tuple[str, dt.date | None], int] = {}
    ms: list[Mention] = []
    key_of: dict[int, int] = {}
    for i in keep:
        m = mentions[i]
        k = (" ".join(sorted(m.folded.split())), m.birth_date)
        if k not in keys:
            keys[k] = len(ms)
            ms.append(m)
        key_of[i] = keys[k]
    parent = list(range(len(ms)))
    weakest = [100.0] * len(ms)
    births: list[set[dt.date]] = [{m.birth_date} if m.birth_date else set() for m in ms]
    sounds = [sound(m.name) for m in ms]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Strong pairs first, so a group's birth date is known before weaker names try to join it.
    # How many papers carry each key: a name without a birth date joins, among equally close names, the one
    # most papers carry with its birth date (a son named like his father has one birth certificate).
    support: list[set[str]] = [set() for _ in ms]
    for i in keep:
        support[key_of[i]].add(mentions[i].document_id)
    pairs: list[tuple[float, int, int, int, float]] = []
    for i in range(len(ms)):
        for j in range(i + 1, len(ms)):
            bar = _bar(ms[i], ms[j])
            if bar is None:
                continue
            s = similarity(ms[i], ms[j], sounds[i], sounds[j])
            if s >= bar:
                pairs.append((-(s + (10 if ms[i].birth_date and ms[j].birth_date else 0)),
                              -len(support[i]) - len(support[j]), i, j, s))
    # The subject of two documents with the same BAMF Gesch.-Z. or authority reference, spelled differently
    # (Abdirahman / Cabdiraxmaan): joined when every word has a close counterpart, at a lower confidence.
    by_number: dict[str, list[int]] = {}
    for i in keep:
        for n in mentions[i].numbers:
            by_number.setdefault(n, []).append(key_of[i])
    linked = {(p[2], p[3]) for p in pairs}
    for ks in by_number.values():
        for a in sorted(set(ks)):
            for b in sorted(set(ks)):
                if a < b and (a, b) not in linked and _bar(ms[a], ms[b]) is not None and \
                        words_close(ms[a].folded, ms[b].folded):
                    pairs.append((-SAME_NUMBER_CONFIDENCE, 0, a, b, SAME_NUMBER_CONFIDENCE))
                    linked.add((a, b))
    # A civil status paper's subject is never the parent or spouse it names (a son may be named like his father).
    apart: list[tuple[int, int]] = []
    by_doc: dict[str, list[int]] = {}
    for i in keep:
        by_doc.setdefault(mentions[i].document_id, []).append(i)
    for items in by_doc.values():
        subj = [key_of[i] for i in items if mentions[i].role == "subject"]
        apart += [(s, key_of[i]) for s in subj for i in items if mentions[i].apart and key_of[i] != s]
    members: list[set[int]] = [{k} for k in range(len(ms))]
    for _, _, i, j, s in sorted(pairs):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if births[ri] and births[rj] and births[ri] != births[rj]:
            continue  # two different birth dates never merge, however alike the names
        if any((a in members[ri] and b in members[rj]) or (a in members[rj] and b in members[ri]) for a, b in apart):
            continue
        members[ri] |= members[rj]
        parent[rj] = ri
        births[ri] |= births[rj]
        weakest[ri] = min(weakest[ri], weakest[rj], s)
    # A birth date read on one paper only, against the same spelled name with another birth date on several
    # papers, is a misread (the date reader took another date): one person, the contradiction stays visible.
    docs_of: dict[int, set[str]] = {}
    for i in keep:
        if mentions[i].birth_date:
            docs_of.setdefault(find(key_of[i]), set()).add(mentions[i].document_id)
    names_of: dict[int, set[str]] = {}
    for idx, m in enumerate(ms):
        names_of.setdefault(find(idx), set()).add(" ".join(sorted(m.folded.split())))
    for weak in [r for r, d in docs_of.items() if len(d) == 1]:
        strong = [r for r, d in docs_of.items() if len(d) >= LONE_BIRTH_AGAINST and r != weak and
                  _close_names(names_of.get(r, set()), names_of.get(weak, set()))]
        if len(strong) != 1 or any((a in members[weak] and b in members[strong[0]]) or
                                   (a in members[strong[0]] and b in members[weak]) for a, b in apart):
            continue
        ri = find(strong[0])
        if find(weak) == ri:
            continue
        members[ri] |= members[find(weak)]
        births[ri] |= births[find(weak)]
        weakest[ri] = min(weakest[ri], weakest[find(weak)], LONE_BIRTH_CONFIDENCE)
        parent[find(weak)] = ri
    groups: dict[int, list[int]] = {}
    for i in keep:
        groups.setdefault(find(key_of[i]), []).append(i)
    persons: list[Person] = []
    member: dict[int, str] = {}
    for root, items in groups.items():
        group = [mentions[i] for i in items]
        names = Counter(m.name for m in group)
        birth = Counter(m.birth_date for m in group if m.birth_date).most_common(1)
        # The id must come out the same when another folder of this person is viewed on its own: the sound of
        # the name (spelling and transliteration variants agree on it) and the birth date, not one spelling.
        voiced = [" ".join(sound(m.name)) for m in group if sound(m.name)]
        key = f"{min(voiced) if voiced else min(m.folded for m in group)}|{birth[0][0] if birth else ''}"
        pid = "p-" + hashlib.sha256(key.encode()).hexdigest()[:12]
        persons.append(Person(
            person_id=pid, names=[n for n, _ in names.most_common()], birth_date=birth[0][0] if birth else None,
            akten=sorted({m.akte_id for m in group}), documents=sorted({m.document_id for m in group}),
            link_confidence=round(weakest[root] / 100.0, 3),
            evidence=[Evidence(m.document_id, m.page, m.doc_page, "", "birth date" if m.birth_date else "named")
                      for m in group][:50]))
        for i in items:
            member[i] = pid
    persons.sort(key=lambda p: (-len(p.documents), p.person_id))
    return persons, member
