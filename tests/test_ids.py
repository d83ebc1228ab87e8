"""Slugs as IRI segments: ASCII names as before, other scripts kept apart, every IRI valid."""

from __future__ import annotations

import sys

import pyoxigraph as ox
import pytest

from kg.ids import IdClaims, slug
from kg.namespaces import RESOURCE_BASE


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Berita A", "berita-a"),
        ("berita-a", "berita-a"),
        ("Kota Madiun", "kota-madiun"),
        ("35.77", "35.77"),
        ("Ma'ruf Amin", "maruf-amin"),
        ("BPJS Ketenagakerjaan (BPJamsostek)", "bpjs-ketenagakerjaan-bpjamsostek"),
        ("Perda No. 5/2023", "perda-no.-5-2023"),
        ("  --Paritrana Award--  ", "paritrana-award"),
        ("", "x"),
        ("...", "x"),
        ("[/b]", "b"),
    ],
)
def test_ascii_names_slug_as_they_always_did(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sémarang", "semarang"),
        ("Ma’ruf", "maruf"),
        ("Maʼruf", "maruf"),
        ("Ｂｅｒｉｔａ Ａ", "berita-a"),
        ("½ tahun", "12-tahun"),
        ("İstanbul", "istanbul"),
    ],
    ids=[
        "accent",
        "typographic-apostrophe",
        "modifier-apostrophe",
        "full-width",
        "fraction",
        "dotted-capital",
    ],
)
def test_latin_letters_lose_their_accents_and_width(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Москва", "москва"),
        ("東京 新聞", "東京-新聞"),
        ("서울", "서울"),
        ("القاهرة", "القاهرة"),
        ("मुंबई", "मुंबई"),
        ("Αθήνα", "αθήνα"),
        ("Søren Łódź", "søren-łodz"),
        ("カタカナー", "カタカナー"),
    ],
)
def test_letters_of_other_scripts_are_kept(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_names_in_other_scripts_stay_distinct() -> None:
    names = ["Москва", "Київ", "東京", "北京", "서울", "القاهرة", "मुंबई", "Αθήνα"]
    assert len({slug(name) for name in names}) == len(names)


@pytest.mark.parametrize(
    "name",
    [
        "Berita A",
        "Москва",
        "東京 新聞",
        "मुंबई",
        "a\u0301\u0301b",  # marks on a Latin letter
        "\u0301\u0301",  # marks with nothing to sit on
        "a\U000e0100b",  # a variation selector, outside what an IRI may hold
        "a\u200db\u202ec",  # joiners and bidi controls
        "x\ud800y",  # a lone surrogate
        "a\ue000b",  # private use
        'a<b>"c"{d}|e\\f^g`h',
        "a b\tc\nd\x00e",
        "😀 🇮🇩",
        "a%20b?c#d/e",
    ],
)
def test_pyoxigraph_accepts_the_iri_of_every_slug(name: str) -> None:
    node = ox.NamedNode(f"{RESOURCE_BASE}article/{slug(name)}")
    assert "/" not in slug(name) and "%" not in slug(name)
    store = ox.Store()
    store.add(ox.Quad(node, node, ox.Literal("a")))
    assert [quad.subject for quad in store] == [node]


def test_no_code_point_makes_an_invalid_iri() -> None:
    """Every character between two letters: the slug is a valid IRI segment, or the character is dropped."""
    for code in range(sys.maxunicode + 1):
        ox.NamedNode(f"{RESOURCE_BASE}x/{slug('a' + chr(code) + 'b')}")


def test_an_id_claims_its_iri_and_the_first_one_keeps_it() -> None:
    claims = IdClaims()
    assert claims.claim("Berita A", "a.txt") is None
    assert (
        claims.claim("berita-a", "b.txt")
        == "document id 'berita-a' would share its IRI with 'Berita A' from a.txt"
    )
    assert claims.claim("Berita A", "c.jsonl:1") == "duplicate document id 'Berita A' (first read from a.txt)"
    assert claims.claim("Москва", "d.txt") is None
    assert claims.claim("Київ", "e.txt") is None
