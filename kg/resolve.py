"""The resolve stage: one identity per thing, within an article and across articles.

Within an article, the names of one thing are grouped: a person's back-references
by first or last name and aliases, an organisation's acronyms and offices, a
programme's expansions. Each group gets a stable key that is the same in every
article (a region's Kemendagri code, a person's normalised name, an organisation's
known canonical name and office place), so that the graph merges them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kg.gazetteer import Gazetteer, name_key
from kg.ids import slug
from kg.lexicon import rows
from kg.model import (
    ExtractedArticle,
    Fact,
    OrganizationFact,
    PersonFact,
    ProgramFact,
    Ref,
)

PLACE_WORDS = 4  # the longest region name a body's name ends with ("Provinsi Kepulauan Bangka Belitung")
LEVEL_WORDS = frozenset({"kabupaten", "kab", "kota", "provinsi", "prov"})
OFFICE_WORDS = re.compile(
    r"\b(?:kantor|wilayah|kanwil|cabang|perwakilan|kota|kabupaten|kab|provinsi|deputi)\b"
)


def normal(text: str) -> str:
    """Case-, punctuation- and space-insensitive form of a name, for comparisons."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


@dataclass
class Group:
    """The names one thing goes by in one article, and the facts that name it."""

    kind: str
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def names(self) -> set[str]:
        return {normal(self.name), *(normal(a) for a in self.aliases)}

    def add_alias(self, alias: str) -> None:
        if normal(alias) not in self.names():
            self.aliases.append(alias)


@dataclass(frozen=True)
class ResolvedArticle:
    """An article's facts with every reference turned into an entity key."""

    extracted: ExtractedArticle
    groups: tuple[Group, ...]  # persons, organisations, programmes as named in this article
    refs: dict[tuple[str, str], str]  # (kind, name-or-code as extracted) -> entity key

    def key_of(self, ref: Ref | None) -> str | None:
        if ref is None:
            return None
        if ref.kind == "region":
            return f"region/{ref.key}"
        return self.refs.get((ref.kind, normal(ref.key)))

    def group_of(self, fact: Fact) -> Group | None:
        for group in self.groups:
            if any(f is fact for f in group.facts):
                return group
        return None


OFFICE_PREFIX = r"(?:(?:kantor wilayah|kantor cabang|kanwil|kantor)\s+)?"


@cache
def _known_orgs() -> list[tuple[re.Pattern[str], str]]:
    """(pattern of a written form, canonical name) of known organisations, longest written form first."""
    pairs = []
    for row in rows("organizations.csv"):
        for name in [row["name"], *[a for a in row["aliases"].split("|") if a]]:
            pairs.append((name, row["name"]))
    ordered = sorted(pairs, key=lambda p: -len(p[0]))
    return [(re.compile(rf"^{OFFICE_PREFIX}{re.escape(normal(w))}\b(?P<rest>.*)$"), c) for w, c in ordered]


@cache
def org_identity(name: str) -> str:
    """The cross-article key of an organisation: its known body and office place, else its name."""
    written = normal(name)
    for pattern, canonical in _known_orgs():
        match = pattern.match(written)
        if match:
            prefix = written[: match.start("rest")]
            place = _place_key(OFFICE_WORDS.sub(" ", match.group("rest")))
            office = bool(place) or prefix.startswith(("kantor wilayah", "kanwil", "kantor cabang"))
            return f"org/{slug(canonical)}" + (f"/{slug(place) or 'office'}" if office else "")
    placed = _placed(written)
    return f"org/{slug(placed or name)}"


def _placed(written: str) -> str | None:
    """A body's name with the one region it ends with written canonically: "DPRD Jember" and "DPRD
    Kabupaten Jember" are one council. A name that may mean two regions ("DPRD Bekasi": a kota and
    a kabupaten) and a company's name ("PT Semen Padang") stay as written."""
    words = written.split()
    if not words or words[0] in _company_heads():
        return None
    for size in range(min(PLACE_WORDS, len(words) - 1), 0, -1):
        body = words[:-size]
        if body[-1] in LEVEL_WORDS:
            continue  # the level word belongs to the place: "kabupaten jember", not "jember"
        found = Gazetteer.load().lookup(" ".join(words[-size:]))
        if len(found) == 1 and found[0].level:
            return " ".join([*body, found[0].canonical])
    return None


@cache
def _company_heads() -> frozenset[str]:
    return frozenset(normal(r["head"]).split()[0] for r in rows("org_heads.csv") if r["kind"] == "company")


def _place_key(place: str) -> str:
    """An office's place, the same however it is written ("jatim", "jawa timur")."""
    found = Gazetteer.load().lookup(place) if place.strip() else ()
    return name_key(found[0].name) if len(found) == 1 else place.replace(" ", "")


def _union(groups: list[Group]) -> list[Group]:
    """Merge groups of one kind that share a name or a key, keeping the first one's name."""
    merged: list[Group] = []
    for group in groups:
        target = next((g for g in merged if g.key == group.key or g.names() & group.names()), None)
        if target is None:
            merged.append(group)
            continue
        target.facts.extend(group.facts)
        for alias in [group.name, *group.aliases]:
            target.add_alias(alias)
    return merged


def _organizations(facts: Iterable[OrganizationFact]) -> list[Group]:
    groups = [Group("organization", org_identity(f.name), f.name, list(f.aliases), [f]) for f in facts]
    for group in groups:
        for alias in group.aliases:
            if org_identity(alias) != group.key and org_identity(alias).count("/") >= group.key.count("/"):
                group.key = org_identity(alias)
    merged = _union(groups)
    for group in merged:
        expanded = [f for f in group.facts if isinstance(f, OrganizationFact) and f.aliases]
        if expanded and normal(expanded[0].name) != normal(group.name):
            old = group.name
            group.name = expanded[0].name
            group.aliases = [a for a in group.aliases if normal(a) != normal(group.name)]
            group.add_alias(old)
    return _fold_bare_acronyms(_fold_bare_offices(_fold_placed_acronyms(_fold_bare_names(merged))))


def _fold_placed_acronyms(groups: list[Group]) -> list[Group]:
    """An agency's acronym with its region ("DKPP Kabupaten Cirebon") names the agency whose
    acronym the article gave ("Dinas Ketahanan Pangan dan Perikanan (DKPP)").

    Known bodies are left alone: "BPJS Ketenagakerjaan Kutim" is a branch, another office.
    """
    for group in list(groups):
        if org_identity(group.name) != f"org/{slug(group.name)}" or group not in groups:
            continue
        target = next((g for g in groups if g is not group and _acronym_with_place(group.name, g)), None)
        if target is not None:
            _absorb(target, group, groups)
    return groups


BARE_OFFICE = re.compile(r"^(?:kantor\s+)?(?P<office>cabang|wilayah|kanwil)\s+(?P<place>.+)$")


def _fold_bare_offices(groups: list[Group]) -> list[Group]:
    """An office named without its body ("Kepala Kantor Cabang Cilegon, Nama") is the office of
    that kind and place of the one known body the article names with it ("BPJS Ketenagakerjaan
    Cabang Cilegon"); with none, or with two bodies' offices there, it stays as written."""
    for group in list(groups):
        bare = BARE_OFFICE.match(normal(group.name))
        if bare is None:
            continue
        place = slug(_place_key(bare.group("place")))
        words = {"cabang": ("cabang",), "wilayah": ("wilayah", "kanwil"), "kanwil": ("wilayah", "kanwil")}
        offices = [
            g
            for g in groups
            if g is not group
            and g.key.count("/") == 2
            and g.key.endswith(f"/{place}")
            and any(word in normal(g.name).split() for word in words[bare.group("office")])
        ]
        if len(offices) == 1:
            _absorb(offices[0], group, groups)
    return groups


def _fold_bare_acronyms(groups: list[Group]) -> list[Group]:
    """An acronym written bare ("Disnaker") after the article defined it with a place ("Dinas
    Tenaga Kerja (Disnaker) Pelalawan") names back that one body; with two such bodies, or
    none, it stays a name of its own."""
    for group in list(groups):
        written = group.name.replace("-", "")
        if " " in group.name or not (written.isalpha() and written[:1].isupper()) or group.aliases:
            continue
        prefix = normal(group.name) + " "
        owners = [
            g
            for g in groups
            if g is not group and any(normal(a).startswith(prefix) for a in [g.name, *g.aliases])
        ]
        if len(owners) == 1 and owners[0].aliases:
            _absorb(owners[0], group, groups)
    return groups


def _absorb(target: Group, group: Group, groups: list[Group]) -> None:
    """Fold `group` into `target`: its name becomes an alias, its facts the target's."""
    target.add_alias(group.name)
    target.facts.extend(group.facts)
    groups.remove(group)


def _acronym_with_place(name: str, group: Group) -> bool:
    """Whether a name is one of a group's acronyms followed by a region's name."""
    for alias in group.aliases:
        short = alias.replace("-", "")
        if short.isalpha() and short.isupper() and normal(name).startswith(normal(alias) + " "):
            rest = normal(name)[len(normal(alias)) :]
            if Gazetteer.load().lookup(rest):
                return True
    return False


@cache
def _stands_for() -> dict[str, str]:
    """Bare names (organizations.csv `stands_for`) -> the key of the body they name in context."""
    return {
        f"org/{slug(r['name'])}": f"org/{slug(r['stands_for'])}"
        for r in rows("organizations.csv")
        if r["stands_for"]
    }


def _fold_bare_names(groups: list[Group]) -> list[Group]:
    """A bare name ("BPJS") is an alias of the body it stands for when the article names that body too."""
    by_key = {g.key: g for g in groups}
    for group in list(groups):
        target = by_key.get(_stands_for().get(group.key, ""))
        if target is not None:
            _absorb(target, group, groups)
    return groups


def _same_person(a: Group, b: Group) -> bool:
    """Whether two person groups of one article are one person (back-reference, alias, spelling)."""
    if a.names() & b.names():
        return True
    ta, tb = normal(a.name).split(), normal(b.name).split()
    if (len(tb) == 1 and tb[0] in ta) or (len(ta) == 1 and ta[0] in tb):
        return True
    return _close(normal(a.name), normal(b.name)) and _roles(a) == _roles(b)


def _roles(group: Group) -> set[tuple[str | None, str | None]]:
    return {(f.role, f.org.key if f.org else None) for f in group.facts if isinstance(f, PersonFact)}


def _close(a: str, b: str) -> bool:
    """Spelling variants of one name ("Rudy Ma'ud", "Rudy Mas'ud"): edit distance of at most 2."""
    if abs(len(a) - len(b)) > 2 or a.split()[0] != b.split()[0]:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= 2


def _persons(facts: list[PersonFact]) -> list[Group]:
    groups = [Group("person", f"person/{slug(f.name)}", f.name, list(f.aliases), [f]) for f in facts]
    groups.sort(key=lambda g: -len(g.name.split()))
    merged: list[Group] = []
    for group in groups:
        target = next((g for g in merged if _same_person(g, group)), None)
        if target is None:
            merged.append(group)
            continue
        target.facts.extend(group.facts)
        spelled = _close(normal(target.name), normal(group.name)) and normal(target.name) != normal(
            group.name
        )
        for alias in group.aliases + (
            [group.name] if spelled or normal(group.name) in {normal(a) for a in target.aliases} else []
        ):
            target.add_alias(alias)
    order = {id(f): i for i, f in enumerate(facts)}
    return sorted(merged, key=lambda g: min(order[id(f)] for f in g.facts))


def _programs(facts: Iterable[ProgramFact]) -> list[Group]:
    groups = [Group("program", f"program/{slug(f.name)}", f.name, list(f.aliases), [f]) for f in facts]
    return _union(groups)


def resolve_article(extracted: ExtractedArticle) -> ResolvedArticle:
    """Group one article's names into entities and key every reference."""
    facts = extracted.facts
    persons = _persons([f for f in facts if isinstance(f, PersonFact)])
    organizations = _organizations([f for f in facts if isinstance(f, OrganizationFact)])
    programs = _programs([f for f in facts if isinstance(f, ProgramFact)])
    refs: dict[tuple[str, str], str] = {}
    for group in organizations:
        for name in group.names():
            refs[("organization", name)] = group.key
    for group in persons + programs:
        for name in group.names():
            refs[(group.kind, name)] = group.key
    for fact in facts:
        for ref in _refs_of(fact):
            if ref.kind == "organization" and ("organization", normal(ref.key)) not in refs:
                refs[("organization", normal(ref.key))] = org_identity(ref.key)
    return ResolvedArticle(extracted, tuple(persons + organizations + programs), refs)


def _refs_of(fact: Fact) -> list[Ref]:
    values = [getattr(fact, name, None) for name in ("org", "issuer", "operator", "recipient", "subject")]
    return [v for v in values if isinstance(v, Ref)]


def resolve(articles: Iterable[ExtractedArticle]) -> list[ResolvedArticle]:
    """Resolve every article; keys are global, so the graph merges across articles."""
    return [resolve_article(a) for a in articles]
