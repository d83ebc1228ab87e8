"""What the pages show, read from the seed store without HTTP: statements, sources, labels, paging, names.

The functions of kg.serve.pages (and the modules it is made of: nodes, labels, statements,
vocabulary, i18n, downloads) return plain data, so each is tested here on its own; the
routes that render them are tested in test_app.py.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_support import offline_page
from serve_sample import HOSTILE_LINKS, Running, start, stop

from kg.export.rdf import TURTLE_PREFIXES, SortedPrefixes
from kg.namespaces import KG, RESOURCE_BASE
from kg.serve import downloads, i18n, labels, pages
from kg.serve.nodes import describe, rows
from kg.serve.statements import SOURCES_SHOWN, Window
from kg.serve.vocabulary import super_properties, term_name
from kg.store import KnowledgeStore

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CITY = RESOURCE_BASE + "region/35.77"  # Kota Madiun
PROVINCE = RESOURCE_BASE + "region/35"  # Jawa Timur: 38 regencies and cities
ARTICLE = RESOURCE_BASE + "article/000-e36e1fcbfc9a9173"  # the Madiun interview, 2024-01-29
UNTITLED = RESOURCE_BASE + "article/003-872eab1613aaa318"  # no headline: named by outlet and date
MAIDI = RESOURCE_BASE + "person/maidi/region/35.77"
CONFERRAL = RESOURCE_BASE + "award/paritrana-award/2021/35/region/35.76"


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[KnowledgeStore]:
    opened = KnowledgeStore(store_path, read_only=True)
    yield opened
    opened.close()


def group(page: pages.EntityPage, key: str) -> pages.StatementGroup:
    return next(found for found in page.groups if found.key == key)


def texts(cell: tuple[pages.Value, ...]) -> list[str]:
    return [value.text for value in cell]


# --- readable labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("17487", "17.487"),
        ("48.50", "48,5"),
        ("14000.0", "14.000"),
        ("-1234567.25", "-1.234.567,25"),
        ("n/a", "n/a"),
    ],
)
def test_numbers_are_written_as_indonesian_writes_them(value: str, written: str) -> None:
    assert labels.number_text(value) == written


@pytest.mark.parametrize(
    ("cls", "parts", "label"),
    [
        (
            "AwardConferral",
            {
                "award": ["Paritrana Award"],
                "editionYear": ["2025"],
                "recipient": ["Kota Jambi"],
                "result": ["nominee"],
            },
            "Paritrana Award 2025 · Kota Jambi (nominee)",
        ),
        (
            "AwardConferral",
            {
                "award": ["Paritrana Award"],
                "editionYear": ["2021"],
                "recipient": ["Kota X"],
                "result": ["winner"],
                "rank": ["3"],
            },
            "Paritrana Award 2021 · Kota X (winner #3)",
        ),
        (
            "CoverageFigure",
            {"subject": ["Kota Mojokerto"], "value": ["48.0"], "unit": ["percent"], "refYear": ["2020"]},
            "Kota Mojokerto · 48% (2020)",
        ),
        (
            "CoverageFigure",
            {
                "subject": ["Kota X"],
                "value": ["17487"],
                "unit": ["persons"],
                "segment": ["pekerja rentan"],
                "refYear": ["2023"],
            },
            "Kota X · 17.487 pekerja rentan (2023)",
        ),
        (
            "CoverageFigure",
            {"subject": ["Kota Madiun"], "value": ["14000"], "unit": ["persons"], "approximate": ["true"]},
            "Kota Madiun · ±14.000 pekerja",
        ),
        (
            "CoverageFigure",
            {
                "subject": ["Kota X"],
                "value": ["65"],
                "unit": ["percent"],
                "segment": ["informal"],
                "modality": ["target"],
            },
            "Kota X · 65% pekerja informal (target)",
        ),
        (
            "Post",
            {"roleLabel": ["Wali Kota"], "postIn": ["Kota Madiun"], "holder": ["Maidi"]},
            "Wali Kota · Kota Madiun",
        ),
        (
            "Post",
            {"roleLabel": ["Wakil Presiden"], "holder": ["Ma'ruf Amin"]},
            "Wakil Presiden · Ma'ruf Amin",
        ),
        ("Article", {"title": ["Judul"], "outlet": ["X.COM"], "date": ["2024-01-29"]}, "Judul"),
        ("Article", {"outlet": ["TANYAFAKTA.CO"], "date": ["2025-06-24"]}, "TANYAFAKTA.CO · 2025-06-24"),
        ("Article", {"sourceFile": ["seeds/berita-jambi.txt"]}, "berita-jambi.txt"),
        (
            "Regulation",
            {"label": ["Perwal Nomor 46 Tahun 2017"], "issuer": ["Kota Jambi"]},
            "Perwal Nomor 46 Tahun 2017 · Kota Jambi",
        ),
        ("Mention", {"anchorText": ["Wali Kota Madiun"]}, "“Wali Kota Madiun”"),
        ("Person", {"label": ["Maidi"]}, "fallback"),
    ],
)
def test_a_composed_node_is_named_by_what_tells_it_apart(
    cls: str, parts: dict[str, list[str]], label: str
) -> None:
    assert labels.readable_label(cls, parts, "fallback") == label


def test_a_long_sentence_is_cut_for_its_label() -> None:
    label = labels.readable_label("Sentence", {"text": ["kata " * 60]}, "fallback")
    assert len(label) == labels.SENTENCE_CHARS and label.endswith("…")


def test_nodes_read_from_the_store_carry_readable_labels(store: KnowledgeStore) -> None:
    post = RESOURCE_BASE + "post/maidi-region-35.77/wali-kota/region/35.77"
    figure = RESOURCE_BASE + "figure/000-e36e1fcbfc9a9173/35.77-14000-persons-total"
    found = describe(store, [post, figure, CONFERRAL, UNTITLED, ARTICLE, CITY])
    assert {iri: node.label for iri, node in found.items()} == {
        post: "Wali Kota · Kota Madiun",
        figure: "Kota Madiun · ±14.000 pekerja",
        CONFERRAL: "Paritrana Award 2021 · Kota Mojokerto (winner #3)",
        UNTITLED: "TANYAFAKTA.CO · 2025-06-24",
        ARTICLE: "Mengapa Kota Madiun Layak Juarai Paritrana Award 2023? Simak Paparan Data Walikota",
        CITY: "Kota Madiun",
    }
    assert (found[post].cls, found[CITY].cls, found[CITY].href) == ("Post", "City", "/id/region/35.77")


# --- the region page: statements with their sources ------------------------------------------------


def test_a_region_lists_its_officials_with_dates_and_the_sentences_that_state_them(
    store: KnowledgeStore,
) -> None:
    officials = group(pages.entity_page(store, CITY), "officials")
    (mayor,) = [s for s in officials.statements if texts(s.cells[1]) == ["Maidi"]]
    role, holder, first, last = mayor.cells
    assert (texts(role), role[0].href) == (["Wali Kota"], mayor.node.href)  # the role opens the post's page
    assert holder[0].href == "/id/person/maidi/region/35.77"
    assert (texts(first), texts(last)) == (["2024-01-29"], ["2024-01-29"])
    source = mayor.sources.items[0]
    assert "Maidi" in source.anchor and source.anchor in source.before + source.anchor + source.after
    assert (source.article.date, source.article.outlet) == ("2024-01-29", "SONGGOLANGIT.COM")
    stated = rows(store, f"SELECT (COUNT(?m) AS ?n) WHERE {{ <{mayor.node.iri}> kg:evidence ?m }}")
    assert mayor.sources.total == int(stated[0]["n"].value) > SOURCES_SHOWN
    assert len(mayor.sources.items) == SOURCES_SHOWN


def test_a_region_shows_its_awards_figures_and_programmes(store: KnowledgeStore) -> None:
    page = pages.entity_page(store, CITY)
    assert [g.key for g in page.groups] == ["officials", "awards", "figures", "programmes", "articles"]
    awards = group(page, "awards").statements
    assert [texts(s.cells[0]) for s in awards] == [
        ["2024"],
        ["2023"],
    ]  # the hostile article's 2024, then 2023
    year, name, result, _rank, level, _category = awards[1].cells
    assert (texts(year), texts(name), texts(result), texts(level)) == (
        ["2023"],
        ["Paritrana Award"],
        ["nominee"],
        ["Provinsi Jawa Timur"],
    )
    figures = {texts(s.cells[0])[0] for s in group(page, "figures").statements}
    assert {"±14.000 pekerja", "7.905 pekerja formal", "17.487 pekerja"} <= figures
    assert {s.node.label for s in group(page, "programmes").statements} >= {"Pro JKK-JKM", "Siaga Kita"}


def test_national_awards_say_so_in_the_level_column(store: KnowledgeStore) -> None:
    conferrals = group(pages.entity_page(store, RESOURCE_BASE + "award/paritrana-award"), "conferrals")
    levels = {s.node.label: texts(s.cells[4]) for s in conferrals.statements}
    assert levels["Paritrana Award 2024 · Kabupaten Tangerang (winner)"] == ["nasional"]
    assert [s.cells[0][0].text for s in conferrals.statements] == sorted(
        (s.cells[0][0].text for s in conferrals.statements), reverse=True
    )  # newest edition first


def test_a_value_stated_by_a_property_and_its_super_property_is_shown_once(store: KnowledgeStore) -> None:
    page = pages.entity_page(store, CITY)
    shown = {row.iri: texts(row.values) for row in page.details}
    assert shown[str(KG.province)] == ["Provinsi Jawa Timur"]
    assert "https://schema.org/containedInPlace" not in shown
    assert not {
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2004/02/skos/core#prefLabel",
    } & set(shown)
    assert not page.raw and page.raw_window.total > 0  # the experts' table is a page of its own
    raw = {(row.iri, row.incoming) for row in pages.entity_page(store, CITY, "raw").raw}
    assert ("https://schema.org/containedInPlace", False) in raw  # and keeps every triple


def test_a_person_lists_their_posts(store: KnowledgeStore) -> None:
    posts = group(pages.entity_page(store, MAIDI), "posts")
    assert [(texts(s.cells[0]), texts(s.cells[1])) for s in posts.statements] == [
        (["Wali Kota"], ["Kota Madiun"])
    ]


# --- articles, mentions and sentences ---------------------------------------------------------------


def test_an_article_states_its_facts_by_class_with_their_sentences_in_it(store: KnowledgeStore) -> None:
    page = pages.entity_page(store, ARTICLE)
    assert page.article is not None and (page.article.date, page.article.outlet) == (
        "2024-01-29",
        "SONGGOLANGIT.COM",
    )
    keys = [g.key for g in page.groups]
    assert keys[:3] == ["facts-Province", "facts-City", "facts-Person"]
    assert {"facts-Post", "facts-AwardConferral", "facts-CoverageFigure"} <= set(keys)
    sources = [source for g in page.groups for s in g.statements for source in s.sources.items]
    assert sources and {source.article.node.iri for source in sources} == {ARTICLE}
    assert page.sentences[0].index == 0 and len(page.sentences) > 10


def test_the_original_article_is_linked_only_when_it_is_an_http_address(store: KnowledgeStore) -> None:
    hostile = pages.entity_page(store, RESOURCE_BASE + "article/hostile")
    assert hostile.article is not None and hostile.article.url == HOSTILE_LINKS[0]
    assert pages.entity_page(store, ARTICLE).article.url is None  # type: ignore[union-attr]


def test_a_mention_shows_its_sentence_marked_and_the_facts_it_supports(store: KnowledgeStore) -> None:
    page = pages.entity_page(store, ARTICLE + "/m0")
    (mention,) = page.mentions
    assert mention.source.anchor == "Kota Madiun"
    assert [fact.iri for fact in mention.facts] == [CITY]
    sentence = pages.entity_page(store, ARTICLE + "/s0")
    assert {m.source.anchor for m in sentence.mentions} >= {"Kota Madiun"}


# --- paging -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "size", "total", "shown", "pages_"),
    [(1, 15, 38, (1, 15), 3), (3, 15, 38, (31, 38), 3), (9, 15, 38, (31, 38), 3), (1, 10, 0, (0, 0), 1)],
)
def test_a_window_is_moved_back_to_the_last_page(
    page: int, size: int, total: int, shown: tuple[int, int], pages_: int
) -> None:
    window = Window.at(page, size, total)
    assert (window.shown, window.pages) == (shown, pages_)


def test_the_places_of_a_province_are_paged_whole_and_in_code_order(store: KnowledgeStore) -> None:
    first = group(pages.entity_page(store, PROVINCE), "places")
    assert (first.window.total, len(first.statements)) == (38, pages.GROUP_SHOWN)
    paged = pages.entity_page(store, PROVINCE, "places", 1)
    assert [g.key for g in paged.groups] == ["places"] and not paged.details and not paged.evidence
    codes = [texts(s.cells[1])[0] for s in paged.groups[0].statements]
    assert len(codes) == 38 <= pages.PAGE_SIZE and codes == sorted(codes) and len(set(codes)) == 38
    assert codes[: pages.GROUP_SHOWN] == [texts(s.cells[1])[0] for s in first.statements]
    past_the_end = pages.entity_page(store, PROVINCE, "places", 7).groups[0]
    assert past_the_end.window.page == 1 and len(past_the_end.statements) == 38


def test_the_evidence_pages_hold_every_mention_once(store: KnowledgeStore) -> None:
    page = pages.entity_page(store, CITY)
    total = page.evidence_window.total
    assert len(page.evidence) == pages.EVIDENCE_SHOWN < total
    every = [s.mention_href for s in pages.entity_page(store, CITY, "evidence", 1).evidence]
    assert len(every) == len(set(every)) == total  # a page of 50 holds them all here
    dates = [s.article.date for s in page.evidence]
    assert dates == sorted(dates, reverse=True)  # newest article first


def test_the_table_of_every_triple_is_paged_with_its_total(store: KnowledgeStore) -> None:
    first = pages.entity_page(store, PROVINCE, "raw", 1)
    second = pages.entity_page(store, PROVINCE, "raw", 2)
    counted = sum(len(row.values) for p in (first, second) for row in p.raw)
    assert first.raw_window.total > pages.RAW_SHOWN and counted == first.raw_window.total
    assert any(row.incoming for row in second.raw)


@pytest.mark.parametrize("view", ["nonsense", "facts-", "places;drop"])
def test_a_section_no_page_has_is_refused(view: str) -> None:
    with pytest.raises(pages.BadView, match="no section"):
        pages.check_view(view)


def test_an_unknown_resource_is_not_found(store: KnowledgeStore) -> None:
    with pytest.raises(pages.NotFound):
        pages.entity_page(store, RESOURCE_BASE + "person/nobody-at-all")


# --- names of terms, and the interface language -------------------------------------------------------


@pytest.mark.parametrize(
    ("iri", "language", "shown"),
    [
        (str(KG.Post), "id", "Jabatan · Post"),
        (str(KG.Post), "en", "Post · Jabatan"),
        (str(KG.postIn), "id", "Jabatan di · Post in"),
        ("http://purl.org/dc/terms/date", "en", "Date · Tanggal"),
        ("http://example.org/unknown", "id", "http://example.org/unknown"),
    ],
)
def test_terms_are_named_in_the_chosen_language_with_the_other_beside(
    iri: str, language: str, shown: str
) -> None:
    assert str(term_name(iri, language)) == shown


def test_the_ontology_says_which_property_is_the_more_specific() -> None:
    assert "https://schema.org/containedInPlace" in super_properties()[str(KG.province)]


def test_both_languages_have_every_interface_string() -> None:
    assert i18n.STRINGS["id"].keys() == i18n.STRINGS["en"].keys()
    assert i18n.translate("en", "page.shown", first=1, last=15, total=38) == "1–15 of 38"
    with pytest.raises(KeyError, match="no interface string 'missing'"):
        i18n.translate("id", "missing")


@pytest.mark.parametrize(
    ("asked", "cookie", "chosen"),
    [
        (None, None, "id"),
        ("en", None, "en"),
        (None, "en", "en"),
        ("id", "en", "id"),
        ("fr", "en", "en"),
        ("fr", None, "id"),
    ],
)
def test_the_language_is_asked_for_remembered_or_indonesian(
    asked: str | None, cookie: str | None, chosen: str
) -> None:
    assert i18n.choose(asked, cookie) == chosen


def test_the_other_language_links_to_the_same_page() -> None:
    locale = i18n.Locale("id", "/id/region/35", (("show", "places"), ("page", "2"), ("lang", "id")))
    assert locale.switch_to("en") == "/id/region/35?show=places&page=2&lang=en"
    long = i18n.Locale("id", "/search", (("q", "x" * 5000),))
    assert len(long.switch_to("en")) < 300


# --- downloads ------------------------------------------------------------------------------------------


def test_a_download_is_made_once_per_generation_and_old_ones_are_forgotten(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    stale = tmp_path / "g999999"
    stale.mkdir()
    (stale / "jamsostek-kg.ttl").write_text("old", encoding="utf-8")
    assert downloads.sizes(tmp_path, store) == dict.fromkeys(downloads.BY_NAME)
    made = downloads.made(tmp_path, store, "jamsostek-kg-facts.jsonl")
    assert made.parent.name == store.generation and not stale.exists()
    stamp = made.stat().st_mtime_ns
    assert downloads.made(tmp_path, store, "jamsostek-kg-facts.jsonl").stat().st_mtime_ns == stamp
    assert downloads.sizes(tmp_path, store)["jamsostek-kg-facts.jsonl"] == made.stat().st_size
    with pytest.raises(pages.NotFound):
        pages.dataset_download(store, "../../etc/passwd", str(tmp_path))


# --- in a browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[Running]:
    running = start(store_path, "--workers", "1")
    yield running
    stop(running)


@pytest.mark.browser
def test_a_reader_finds_an_official_with_the_sentence_and_switches_language(
    server: Running, browser: Browser
) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page = offline_page(browser, server.url, requested, errors)
    page.goto(server.url + "id/region/35.77")
    officials = page.locator("section#officials")
    assert "Jabatan · Post" in (officials.locator("h2").text_content() or "")  # shown in capitals by CSS
    mayor = officials.locator("tbody.statement", has_text="Maidi").first
    assert mayor.locator("tr.claim").inner_text().split("\t")[:2] == ["Wali Kota", "Maidi"]
    evidence = mayor.locator("tr.references .source-item").first
    assert "Maidi" in evidence.locator("blockquote mark").inner_text()
    assert "2024-01-29" in evidence.locator("p.source").inner_text()

    page.locator("#lang-en").click()
    page.wait_for_url("**/id/region/35.77?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Post · Jabatan" in (page.locator("section#officials h2").text_content() or "")
    assert (page.locator("section#evidence h2").text_content() or "").startswith("Source sentences")
    page.locator("header nav a", has_text="Dataset").click()
    page.wait_for_url("**/dataset")
    assert (
        page.locator("h2", has_text="Download the whole graph").count() == 1
    )  # the cookie remembers English
    page.locator("#lang-id").click()
    page.wait_for_url("**/dataset?lang=id")
    assert page.locator("h2", has_text="Unduh seluruh graf").count() == 1
    assert requested == []
    assert errors == []


def test_turtle_downloads_name_their_prefixes_once_in_order(store: KnowledgeStore) -> None:
    written = io.BytesIO()
    downloads.write_turtle(store, written)
    lines = written.getvalue().decode("utf-8").splitlines()
    prefixes = [line for line in lines if line.startswith("@prefix ")]
    assert prefixes == sorted(prefixes) and len(prefixes) == len(TURTLE_PREFIXES)
    assert all(line.startswith("@prefix ") for line in lines[: len(prefixes)])  # all of them at the top


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_a_turtle_writers_prefix_lines_are_sorted_however_it_writes(chunk: int) -> None:
    text = b"@prefix b: <http://b/> .\n@prefix a: <http://a/> .\n\n<http://x> a:p <http://y> .\n"
    kept = io.BytesIO()
    body = SortedPrefixes(kept)
    for at in range(0, len(text), chunk):
        body.write(text[at : at + chunk])
    body.flush()
    assert (
        kept.getvalue()
        == b"@prefix a: <http://a/> .\n@prefix b: <http://b/> .\n\n<http://x> a:p <http://y> .\n"
    )
