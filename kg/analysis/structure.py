"""Sentence structure, each written once for every extractor: clauses, lists, ranks, "masing-masing".

The readers here know no fact type. What an item is (a region, an organisation, a
number) is the caller's to say, as a function from a token position to the end of the
item that starts there (or None); the readers find how items are strung together:

- `clauses`: a sentence cut at ";" and at clause-break words ("sedangkan", "namun").
- `coordinated`: "A, B dan C", "A; B; serta C", items after an intro ("yaitu", ":").
- `ranked`: places given to items ("peringkat I Kota X, peringkat II Kabupaten Y",
  "Juara 1: X", "X ... disusul Y dan Z").
- `respectively`: "A, B dan C masing-masing 10, 20 dan 30": items paired with values in order.
- `after_bullet`: where a list line's text starts, past its bullet or number ("- ", "2. ").

Cue words are data (kg/data/structure.jsonl), read once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from kg.analysis.tokens import Token, tokenize
from kg.lexicon import data_text

ItemReader = Callable[[int], int | None]  # token position -> end of the item starting there


@dataclass(frozen=True)
class Cues:
    """The structural cue words, as token sequences (lower-cased) by kind."""

    phrases: dict[str, tuple[tuple[str, ...], ...]]
    ordinals: dict[str, int]
    _by_first: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        # by kind and first word, longest first: a look-up per token costs the phrases that could start there
        by_first: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for kind, found in self.phrases.items():
            for words in found:
                by_first.setdefault((kind, words[0]), []).append(words)
        object.__setattr__(self, "_by_first", {k: tuple(v) for k, v in by_first.items()})

    def at(self, kind: str, tokens: Sequence[Token], position: int) -> int | None:
        """The end of the longest cue of `kind` that starts at `position`, if one does."""
        if position >= len(tokens):
            return None
        first = tokens[position].lower
        for words in self._by_first.get((kind, first), ()):
            end = position + len(words)
            if end <= len(tokens) and all(tokens[position + i].lower == w for i, w in enumerate(words)):
                return end
        return None


@cache
def cues() -> Cues:
    phrases: dict[str, list[tuple[str, ...]]] = {}
    ordinals: dict[str, int] = {}
    for number, line in enumerate(data_text("structure.jsonl").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        entry = json.loads(line)
        if "values" in entry:
            ordinals.update({k.casefold(): int(v) for k, v in entry["values"].items()})
            continue
        words = [tuple(t.lower for t in tokenize(p)) for p in entry["phrases"]]
        if not all(words):
            raise ValueError(f"kg/data/structure.jsonl:{number}: an empty phrase")
        phrases.setdefault(entry["kind"], []).extend(words)
    ordered = {kind: tuple(sorted(set(found), key=len, reverse=True)) for kind, found in phrases.items()}
    return Cues(ordered, ordinals)


@dataclass(frozen=True)
class Item:
    """One item of a list: tokens [start, end), with the place the text gives it, if any, and the
    token that place is written at (before or after the item)."""

    start: int
    end: int
    rank: int | None = None
    place: int | None = None


@dataclass(frozen=True)
class ItemList:
    """Items strung together; `intro` is the cue before them ("yaitu", ":") when there is one."""

    items: tuple[Item, ...]
    start: int
    end: int
    intro: tuple[int, int] | None = None


def clauses(tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut into clauses at clause-break cues; a cue begins the clause it opens."""
    found, clause_start = [], start
    position = start
    while position < end:
        cue_end = cues().at("clause_break", tokens, position)
        if cue_end is not None and position > clause_start and _breaks_here(tokens, position):
            found.append((clause_start, position))
            clause_start = position + 1 if tokens[position].text == ";" else position
        position = cue_end if cue_end is not None else position + 1
    found.append((clause_start, end))
    return [(a, b) for a, b in found if b > a]


def _breaks_here(tokens: Sequence[Token], position: int) -> bool:
    """A clause-break word breaks after punctuation or as ';' itself, not inside a name or a list."""
    token = tokens[position]
    return (
        token.text == ";"
        or (position > 0 and tokens[position - 1].is_punct)
        or token.lower
        in (
            "sedangkan",
            "namun",
            "tetapi",
        )
    )


def _join(tokens: Sequence[Token], position: int, end: int) -> tuple[int, bool] | None:
    """After an item: the position of the next item and whether the joint was the last ("dan")."""
    cue = cues()
    separator = cue.at("separator", tokens, position)
    if separator is not None and separator < end:
        coordinator = cue.at("coordinator", tokens, separator)
        return (coordinator, True) if coordinator is not None else (separator, False)
    coordinator = cue.at("coordinator", tokens, position)
    if coordinator is not None:
        return coordinator, True
    return None


def coordinated(
    tokens: Sequence[Token],
    start: int,
    end: int,
    item: ItemReader,
    unjoined: Callable[[Item, Item], bool] | None = None,
) -> list[ItemList]:
    """Every run of items in [start, end) joined by separators and a last coordinator.

    A run of one item is a list too (a lone recipient); a run is cut where a joint is not
    followed by an item. An intro cue right before the first item is recorded. Where
    `unjoined` allows it for two items written side by side, a missing comma does not cut
    the run, as long as the run goes on after the second ("Kota Bitung Tanjung Pinang, dan
    Makassar").
    """
    lists, position = [], start
    while position < end:
        if tokens[position].is_number:
            position = enumerator_end(tokens, position, end)
        first = item(position)
        if first is None or first > end:
            position += 1
            continue
        items = [Item(position, first)]
        reached = first
        while reached < end:
            reached = _past_qualifier(tokens, _past_location(tokens, reached, end, item), end)
            joint = _join(tokens, reached, end)
            if joint is None:
                side = _side_by_side(tokens, items[-1], end, item, unjoined)
                if side is None:
                    break
                items.append(side)
                reached = side.end
                continue
            following, last = joint
            following = _past_kind_word(tokens, _skip_rank(tokens, following, end), end)
            next_end = item(following) if following < end else None
            if next_end is None or next_end > end:
                break
            items.append(Item(following, next_end))
            reached = next_end
            if last:
                break
        lists.append(ItemList(tuple(items), position, reached, _intro_before(tokens, start, position)))
        position = reached
    return lists


def _past_kind_word(tokens: Sequence[Token], position: int, end: int) -> int:
    """Past a lowercase word for what the next item is ("serta usaha Tenun Endek Bu Komang",
    "dan toko Roti Ani"): the item is the name after it."""
    after = cues().at("kind_word", tokens, position)
    if after is None or after >= end or not tokens[position].text.islower() or not tokens[after].is_title:
        return position
    return after


def _past_qualifier(tokens: Sequence[Token], position: int, end: int) -> int:
    """Past what an item is listed for, up to the next separator: "A untuk kategori X, B untuk
    kategori Y, serta C" is a list of A, B and C."""
    after = cues().at("qualifier", tokens, position)
    if after is None:
        return position
    while after < end and cues().at("separator", tokens, after) is None and tokens[after].text != ".":
        if cues().at("coordinator", tokens, after) is not None:
            return position  # "A untuk kategori X dan Y": the qualifier's own words run on
        after += 1
    return after if after < end and tokens[after].text != "." else position


def _past_location(tokens: Sequence[Token], position: int, end: int, item: ItemReader) -> int:
    """Past where an item is, when "dan" follows: "A dari Kabupaten X dan B dari Kabupaten Y" is
    a list of A and B. A comma there may add a wider place instead ("Desa A di Badung, Bali")."""
    after = cues().at("locative", tokens, position)
    if after is None or after >= end:
        return position
    place_end = item(after)
    if place_end is None or place_end >= end or cues().at("coordinator", tokens, place_end) is None:
        return position
    return place_end


def _side_by_side(
    tokens: Sequence[Token],
    before: Item,
    end: int,
    item: ItemReader,
    unjoined: Callable[[Item, Item], bool] | None,
) -> Item | None:
    """The item written right after `before` with no joint between them, when the list goes on after it."""
    if unjoined is None:
        return None
    following = item(before.end)
    if following is None or following > end or _join(tokens, following, end) is None:
        return None
    side = Item(before.end, following)
    return side if unjoined(before, side) else None


def _skip_rank(tokens: Sequence[Token], position: int, end: int) -> int:
    """Past a place written before an item ("peringkat II") or its number in an inline numbered
    list ("yakni 1. Jawa Tengah, 2. Kalimantan Timur"), so the item itself is read."""
    found = place_at(tokens, position, end)
    if found:
        return found[1]
    return enumerator_end(tokens, position, end)


def enumerator_end(tokens: Sequence[Token], position: int, end: int) -> int:
    """Past "1." or "2)" before an item of an inline numbered list; `position` when there is none."""
    if (
        position + 2 < end
        and tokens[position].is_number
        and len(tokens[position].text) <= 2
        and tokens[position + 1].text in (".", ")")
    ):
        return position + 2
    return position


def _intro_before(tokens: Sequence[Token], floor: int, position: int) -> tuple[int, int] | None:
    cue = cues()
    for back in range(position - 1, max(floor, position - 4) - 1, -1):
        found = cue.at("list_intro", tokens, back)
        if found == position:
            return back, found
    return None


def place_at(tokens: Sequence[Token], position: int, end: int) -> tuple[int, int] | None:
    """A written place at `position`: "peringkat II", "juara 1", "terbaik pertama", "sebagai yang
    terbaik", "runner-up" -> (rank, end)."""
    cue = cues()
    first = cue.at("first_place", tokens, position)
    if first is not None and first <= end:
        if first < end and tokens[first].lower in cue.ordinals:  # "keluar sebagai juara kedua"
            return cue.ordinals[tokens[first].lower], first + 1
        return 1, first
    second = cue.at("second_place", tokens, position)
    if second is not None and second <= end:
        return 2, second
    rank_end = cue.at("rank_word", tokens, position)
    if rank_end is None:
        return None
    at = rank_end
    if at < end and tokens[at].lower in ("ke", "ke-"):
        at += 1
    if at < end and tokens[at].text == "-":
        at += 1
    if at < end and tokens[at].lower in cue.ordinals:
        return cue.ordinals[tokens[at].lower], at + 1
    return None


def ranked(tokens: Sequence[Token], start: int, end: int, item: ItemReader) -> list[Item]:
    """Items with the place the text gives them, in text order.

    "peringkat I diraih Kota X": the place, a few linking words, then the item;
    "Kota X meraih peringkat I": the item, then its place in the same clause;
    "Kota X (Juara II)": the place in brackets right after its item;
    "X ... disusul Y dan Z": the items after "disusul" take the places after X's.
    """
    found = (
        _respective_places(tokens, start, end, item)
        + _in_order(tokens, start, end, item)
        + _shared_places(tokens, start, end, item)
    )
    taken = {i for listed in found for i in range(listed.start, (listed.place or listed.end) + 1)}
    position = start
    while position < end:
        if position in taken:
            position += 1
            continue
        bracketed = _bracketed_place(tokens, position, end, item)
        if bracketed is not None:
            found.append(bracketed[0])
            position = bracketed[1]
            continue
        place = place_at(tokens, position, end)
        if place is None:
            position += 1
            continue
        rank, after = place
        target = _item_within(tokens, after, min(end, after + 6), item)
        if target is not None and _place_right_after(tokens, target[1], end) is not None:
            target = None  # "X urutan kedua, Y urutan ketiga": Y holds the place written after it
        if target is None:
            target = _item_before(tokens, start, position, item, found)
        if target is None:
            target = _item_closing(tokens, after, end, item)
        if target is not None:
            found.append(Item(target[0], target[1], rank, position))
            position = max(after, target[1])
            position = _follow(tokens, position, end, item, rank, found)
        else:
            position = after
    found.extend(_relative_places(tokens, found, end, item))
    return sorted(found, key=lambda i: i.start)


def _relative_places(tokens: Sequence[Token], found: list[Item], end: int, item: ItemReader) -> list[Item]:
    """ "X meraih peringkat II, di bawah Y dan di atas Z": the items after "di bawah" and "di atas"
    hold the places above and below X's."""
    relative: list[Item] = []
    taken = {f.start for f in found}
    for holder in [f for f in found if f.rank is not None]:
        assert holder.rank is not None
        position = max(holder.end, holder.place or 0) + 1
        while position < end and tokens[position].text not in (".", ";"):
            for kind, step in (("ranked_above", -1), ("ranked_below", 1)):
                after = cues().at(kind, tokens, position)
                target = item(after) if after is not None and after < end else None
                rank = holder.rank + step
                if after is not None and target is not None and after not in taken and rank > 0:
                    relative.append(Item(after, target, rank, position))
                    taken.add(after)
            position += 1
    return relative


def _item_closing(tokens: Sequence[Token], after: int, end: int, item: ItemReader) -> tuple[int, int] | None:
    """ "Menyusul di posisi ketiga, Kabupaten Bone.": a place with no holder before it, then a
    comma and the one item that closes the clause."""
    if after >= end or tokens[after].text != ",":
        return None
    item_end = item(after + 1)
    if item_end is None or (item_end < end and tokens[item_end].text not in (".", ";")):
        return None
    return after + 1, item_end


def _place_right_after(tokens: Sequence[Token], position: int, end: int) -> tuple[int, int] | None:
    """A place written right after an item, past linking words ("X berada di urutan kedua")."""
    linked = _past_links(tokens, position, end)
    return None if linked is None else place_at(tokens, linked, end)


def _past_links(tokens: Sequence[Token], position: int, end: int) -> int | None:
    """Where a place starts after at most three linking words ("berada di", "menempati"), if one does."""
    for _ in range(4):
        if position < end and place_at(tokens, position, end) is not None:
            return position
        link = cues().at("place_link", tokens, position)
        if link is None:
            return None
        position = link
    return None


def _respective_places(tokens: Sequence[Token], start: int, end: int, item: ItemReader) -> list[Item]:
    """ "A dan B masing-masing meraih peringkat pertama dan kedua", "Peringkat kedua dan ketiga
    masing-masing diraih A dan B": places paired with items in order."""
    for items, after in _before_respectively(tokens, start, end, item):
        places = place_list(tokens, after, end)
        if len(items) == len(places) > 1:
            return [Item(i.start, i.end, rank, at) for i, (rank, at) in zip(items, places, strict=True)]
    if sum(1 for t in tokens[start:end] if t.lower in cues().ordinals) < 2:
        return []  # two places or more are written with two ordinals or more
    return _places_then_items(tokens, start, end, item) or _items_then_places(tokens, start, end, item)


def _shared_places(tokens: Sequence[Token], start: int, end: int, item: ItemReader) -> list[Item]:
    """ "A dan B sama-sama meraih peringkat ketiga": a place the items of a list share."""
    found: list[Item] = []
    for listed in coordinated(tokens, start, end, item):
        cue = listed.end + (listed.end < end and tokens[listed.end].lower == "yang")
        after = cues().at("shared", tokens, cue) if cue < end else None
        if after is None or len(listed.items) < 2:
            continue
        linked = _past_links(tokens, after, end)
        place = place_at(tokens, linked, end) if linked is not None else None
        if place is not None:
            found.extend(Item(i.start, i.end, place[0], linked) for i in listed.items)
    return found


def _items_then_places(tokens: Sequence[Token], start: int, end: int, item: ItemReader) -> list[Item]:
    """ "A dan B berada di peringkat kedua dan ketiga", without "masing-masing": as many items
    before a list of places as it has places, paired in order; items that only locate the one
    before them ("Desa X di Kabupaten Y, Bali") are passed over."""
    for position in range(start, end):
        if place_at(tokens, position, end) is None:
            continue
        places = place_list(tokens, position, end)
        if len(places) < 2:
            return []
        holders = _holders_before(tokens, start, position, item)
        if len(holders) < len(places):
            return []
        paired = holders[-len(places) :]
        joined = any(cues().at("coordinator", tokens, p) for p in range(paired[-2][1], paired[-1][0]))
        if not joined:
            return []
        return [Item(s, e, rank, at) for (s, e), (rank, at) in zip(paired, places, strict=True)]
    return []


def _holders_before(
    tokens: Sequence[Token], start: int, place: int, item: ItemReader
) -> list[tuple[int, int]]:
    """The items before a place that could hold it: each one that no locative word or comma
    chain ties to the item before it as its place."""
    holders: list[tuple[int, int]] = []
    position, place_ends = start, -1
    while position < place:
        item_end = item(position)
        if item_end is None or item_end > place:
            position += 1
            continue
        locative = position > 0 and cues().at("locative", tokens, position - 1) == position
        further = position == place_ends + 1 and tokens[place_ends].text == ","
        districts = bool(holders) and _district_chain(tokens, max(holders[-1][1], place_ends), position)
        if holders and (locative or further or districts):
            place_ends = item_end
        else:
            holders.append((position, item_end))
        position = item_end
    return holders


def _district_chain(tokens: Sequence[Token], after: int, position: int) -> bool:
    """Whether only ", Kecamatan Y," stands between an item's end and the next item: "Desa X,
    Kecamatan Y, Kabupaten Z" is where Desa X lies, not a second holder."""
    if after < 0 or after >= position or tokens[after].text != "," or tokens[position - 1].text != ",":
        return False
    district = cues().at("district", tokens, after + 1)
    if district is None or district >= position - 1:
        return False
    return all(t.kind == "word" and t.is_title for t in tokens[district : position - 1])


def _places_then_items(tokens: Sequence[Token], start: int, end: int, item: ItemReader) -> list[Item]:
    """ "Peringkat kedua dan ketiga ... masing-masing diraih A dan B": the places come first."""
    cue = cues()
    for position in range(start, end):
        if place_at(tokens, position, end) is None:
            continue
        places = place_list(tokens, position, end)
        if len(places) < 2:
            continue
        for at in range(places[-1][1] + 1, min(end, places[-1][1] + 12)):
            after = cue.at("respectively", tokens, at)
            if after is None:
                continue
            lists = [lst for lst in coordinated(tokens, after, end, item) if lst.start <= after + 3]
            if lists and len(lists[0].items) == len(places):
                return [
                    Item(i.start, i.end, rank, place)
                    for i, (rank, place) in zip(lists[0].items, places, strict=True)
                ]
            return []
        return []
    return []


def place_list(tokens: Sequence[Token], position: int, end: int) -> list[tuple[int, int]]:
    """ "(meraih) peringkat pertama, kedua dan ketiga": each place and the token it is written at."""
    cue = cues()
    linked = _past_links(tokens, position, end)
    first = None if linked is None else place_at(tokens, linked, end)
    if linked is None or first is None:
        return []
    position = linked
    places = [(first[0], position)]
    at = first[1]
    while at < end:
        joint = _join(tokens, at, end)
        if joint is None:
            break
        following, last = joint
        place = place_at(tokens, following, end)
        ordinal = tokens[following].lower if following < end else ""
        if place is not None:
            places.append((place[0], following))
            at = place[1]
        elif ordinal in cue.ordinals:
            places.append((cue.ordinals[ordinal], following))
            at = following + 1
        else:
            break
        if last:
            break
    return places


def _in_order(tokens: Sequence[Token], start: int, end: int, item: ItemReader) -> list[Item]:
    """ "dimenangkan A, B dan C secara berurutan": the items of a list right before the cue take
    places 1, 2, 3."""
    cue = cues()
    found: list[Item] = []
    for listed in coordinated(tokens, start, end, item):
        order = cue.at("in_order", tokens, listed.end)
        if order is None or len(listed.items) < 2:
            continue
        if order < end and tokens[order].kind == "word" and tokens[order].lower not in ("dari", "di", "pada"):
            continue  # "tiga kali berturut-turut meraih ...": times in a row, not places
        found.extend(Item(i.start, i.end, rank, listed.end) for rank, i in enumerate(listed.items, 1))
    return found


def _bracketed_place(
    tokens: Sequence[Token], position: int, end: int, item: ItemReader
) -> tuple[Item, int] | None:
    """An item followed by its place in brackets, "Kabupaten X (Juara II)": the item and where it ends."""
    item_end = item(position)
    if item_end is None:
        return None
    place = bracketed_place(tokens, item_end, end)
    if place is None:
        return None
    return Item(position, item_end, place[0], item_end + 1), place[1]


def bracketed_place(tokens: Sequence[Token], opening: int, end: int) -> tuple[int, int] | None:
    """A place written in brackets at `opening`, "(Juara II)": (rank, the end past ")")."""
    if opening >= end or tokens[opening].text != "(":
        return None
    place = place_at(tokens, opening + 1, end)
    if place is None or place[1] >= end or tokens[place[1]].text != ")":
        return None
    return place[0], place[1] + 1


def _item_before(
    tokens: Sequence[Token], start: int, place: int, item: ItemReader, found: list[Item]
) -> tuple[int, int] | None:
    """The nearest item before a place with no holder after it ("Kota X meraih peringkat I"),
    when it has no place yet; an item that only locates the one before it ("Kota X di Provinsi Y")
    is passed over."""
    # "Desa Kutuh di Kabupaten Badung, Bali, ...": the province after the place locates too
    candidates = _holders_before(tokens, start, place, item)
    if not candidates or any(f.start == candidates[-1][0] for f in found):
        return None
    return candidates[-1]


def _item_within(tokens: Sequence[Token], start: int, end: int, item: ItemReader) -> tuple[int, int] | None:
    """The first item that starts in [start, end) before any other place, comma or clause break."""
    for position in range(start, end):
        if place_at(tokens, position, end) is not None or tokens[position].text in (";", ".", ","):
            return None
        if cues().at("coordinator", tokens, position) is not None:
            return None  # "X di urutan kedua dan Y di urutan ketiga": Y comes with a place of its own
        item_end = item(position)
        if item_end is not None:
            return position, item_end
    return None


def _follow(
    tokens: Sequence[Token], position: int, end: int, item: ItemReader, rank: int, found: list[Item]
) -> int:
    """Items right after "disusul"/"diikuti oleh" take the next places; returns where they end.

    The cue may stand a few words after the place ("juara I Paritrana Award 2024, diikuti Y"),
    but not after another item or place.
    """
    look = position
    while look < end:
        after = cues().at("ranked_follow", tokens, look)
        if after is None:
            if (
                item(look) is not None
                or place_at(tokens, look, end) is not None
                or tokens[look].text in (";", ".")
            ):
                return position
            look += 1
            continue
        lists = [
            lst for lst in coordinated(tokens, after, min(end, after + 40), item) if lst.start <= after + 2
        ]
        if not lists:
            return position
        placed = {f.start for f in found}
        for number, next_item in enumerate(lists[0].items, 1):
            if next_item.start not in placed:  # "disusul A dan B yang sama-sama meraih peringkat ketiga"
                found.append(Item(next_item.start, next_item.end, rank + number, look))
        return lists[0].end
    return position


def after_bullet(tokens: Sequence[Token], start: int, end: int) -> int:
    """Past the bullet or number a list line starts with ("- Kota Palu", "2. Kota Palu", "b) Kota Palu").

    Lists written one item a line are read line by line; what the line says starts after its mark.
    """
    if start >= end:
        return start
    bullet = cues().at("bullet", tokens, start)
    if bullet is not None and bullet <= end:
        return bullet
    first = tokens[start]
    numbered = first.is_number and len(first.text) <= 2
    lettered = first.kind == "word" and len(first.text) == 1
    if (numbered or lettered) and start + 1 < end and tokens[start + 1].text in (".", ")"):
        return start + 2
    return start


def respectively(
    tokens: Sequence[Token], start: int, end: int, item: ItemReader, value: ItemReader
) -> list[tuple[Item, Item]]:
    """Items paired with values in order around "masing-masing": nothing when the counts differ.

    The items stand right before the cue, or earlier in the clause when they are its only list of
    as many items ("Kabupaten Kampar dan Kota Dumai menjadi daerah dengan capaian tertinggi,
    masing-masing 61 persen dan 58 persen")."""
    cue = cues()
    for position in range(start, end):
        after = cue.at("respectively", tokens, position)
        if after is None:
            continue
        values = coordinated(tokens, after, end, value)
        if not values or len(values[0].items) < 2:
            continue
        lists = [lst for lst in coordinated(tokens, start, position, item) if len(lst.items) > 1]
        adjacent = [lst for lst in lists if lst.end >= position - 1]
        fitting = adjacent or lists[-1:]
        if fitting and len(fitting[-1].items) == len(values[0].items):
            return list(zip(fitting[-1].items, values[0].items, strict=True))
    return []


def _before_respectively(
    tokens: Sequence[Token], start: int, end: int, item: ItemReader
) -> Iterator[tuple[tuple[Item, ...], int]]:
    """At each "masing-masing": the list of items that ends right before it, and where the cue ends."""
    cue = cues()
    for position in range(start, end):
        after = cue.at("respectively", tokens, position)
        if after is None:
            continue
        items = [lst for lst in coordinated(tokens, start, position, item) if lst.end >= position - 1]
        if items:
            yield items[-1].items, after
