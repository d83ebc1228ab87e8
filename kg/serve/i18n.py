"""The interface in Indonesian (the default) or English: every UI string, and the reader's choice.

Most readers are Indonesian; some are not. `?lang=en` in any page's address switches the
interface and a cookie remembers it, so links need not carry it; `?lang=id` switches back.
Templates write `t("key")` (with `{name}` fields filled from keyword arguments) and never a
UI string of their own; ontology names follow the same choice (kg.serve.vocabulary).

The choice of one request lives in a context variable that `Language` (ASGI middleware)
sets before the route runs, so `t` works in every template without being passed along.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.serve.vocabulary import TermName, class_iri, term_name

LANGUAGES = ("id", "en")
DEFAULT = "id"
COOKIE = "lang"
COOKIE_SECONDS = 365 * 24 * 3600
NAMES = {"id": "Bahasa Indonesia", "en": "English"}
MAX_VALUE = 200

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "brand": "Jamsostek KG",
        "nav.explore": "Jelajahi",
        "nav.sparql": "SPARQL",
        "nav.dataset": "Dataset",
        "nav.language": "Bahasa antarmuka",
        "search.placeholder": "Cari daerah, orang, program…",
        "search.label": "Cari di graf",
        "search.title": "Cari",
        "search.nothing": "Tidak ada yang cocok dengan “{query}” di graf.",
        "search.hint": "Ketik sebuah nama: daerah, orang, organisasi, program.",
        "entity.explore": "Jelajahi grafnya",
        "entity.aliases": "Juga dikenal sebagai",
        "entity.details": "Keterangan",
        "entity.original": "Baca berita aslinya",
        "entity.no_original": "Alamat berita aslinya tidak tercatat.",
        "entity.neighbourhood": "Lingkungan graf",
        "entity.evidence": "Kalimat sumber",
        "entity.evidence_note": "Kalimat berita yang menyebut hal ini, dari yang terbaru.",
        "entity.text": "Teks berita",
        "entity.raw": "Semua tripel, untuk pakar",
        "entity.raw_incoming": "menunjuk ke sini",
        "entity.raw_note": "Setiap tripel tempat hal ini menjadi subjek atau objek, dengan nama aslinya:",
        "entity.raw_table": "buka tabelnya",
        "entity.back": "Kembali ke {label}",
        "entity.supports": "Fakta yang didukungnya",
        "entity.mentions": "Penyebutan",
        "entity.nothing": "Belum ada yang tercatat.",
        "group.officials": (
            "Jabatan di tempat ini, dengan tanggal berita pertama dan terakhir yang menyebutnya."
        ),
        "group.posts": "Jabatan orang ini, dengan tanggal berita pertama dan terakhir yang menyebutnya.",
        "group.awards": "Penghargaan dan nominasi yang diterima.",
        "group.round": "Penghargaan tingkat provinsi ini: siapa yang menang dan siapa yang masuk nominasi.",
        "group.figures": "Angka kepesertaan menurut berita; dua berita bisa menyebut angka yang berbeda.",
        "group.regulations": "Peraturan yang diterbitkan.",
        "group.programmes": "Program yang diselenggarakan.",
        "group.conferrals": "Setiap pemberian penghargaan ini.",
        "group.observations": "Setiap angka kepesertaan dalam kumpulan data ini.",
        "group.places": "Kabupaten dan kota di provinsi ini.",
        "group.articles": "Berita yang menyebut hal ini, dari yang terbaru.",
        "group.facts": "Fakta yang dinyatakan berita ini, dengan kalimatnya.",
        "col.first_seen": "Pertama disebut",
        "col.last_seen": "Terakhir disebut",
        "col.fact": "Fakta",
        "col.sources": "Sumber",
        "page.shown": "{first}–{last} dari {total}",
        "page.all": "Lihat semua {total} →",
        "page.previous": "← Sebelumnya",
        "page.next": "Berikutnya →",
        "page.of": "Halaman {page} dari {pages}",
        "source.more": "+{count} sumber lain",
        "source.rule": "aturan",
        "source.confidence": "keyakinan",
        "source.mention": "penyebutan",
        "source.original": "berita asli",
        "source.undated": "tanpa tanggal",
        "value.true": "ya",
        "value.false": "tidak",
        "dataset.title": "Dataset",
        "dataset.lead": (
            "Graf pengetahuan tentang perlindungan jaminan sosial ketenagakerjaan oleh pemerintah daerah,"
            " dibaca dari berita berbahasa Indonesia. Setiap fakta menyimpan kalimat asalnya."
        ),
        "dataset.contents": "Isi graf",
        "dataset.class": "Kelas",
        "dataset.count": "Jumlah",
        "dataset.triples": "Tripel",
        "dataset.articles": "Berita",
        "dataset.period": "Rentang tanggal berita",
        "dataset.built": "Terakhir dibangun",
        "dataset.licence": "Lisensi",
        "dataset.downloads": "Unduh seluruh graf",
        "dataset.downloads_note": (
            "Berkas dibuat sekali untuk setiap versi graf lalu disimpan; unduhan pertama bisa agak lama."
        ),
        "dataset.size": "Ukuran",
        "dataset.file": "Berkas",
        "dataset.holds": "Isi",
        "dataset.not_made": "dibuat saat pertama diunduh",
        "dataset.machines": "Untuk mesin",
        "dataset.void": "Deskripsi dataset (VoID, DCAT)",
        "dataset.endpoint": "Titik akhir SPARQL",
        "download.turtle": "Graf gabungan dalam Turtle: setiap fakta sekali.",
        "download.nquads": "Setiap berita sebagai graf bernama (N-Quads): asal-usul tiap fakta tetap utuh.",
        "download.facts": "Fakta per berita (JSON Lines), dalam format pertukaran fakta.",
        "home.title": "Beranda",
        "home.heading": "Pemerintah daerah dan BPJS Ketenagakerjaan",
        "home.contents": "Isi graf",
        "home.queries": "Kueri tersimpan",
        "home.machines": "Untuk mesin",
        "home.lead": (
            "Graf pengetahuan yang dibaca dari berita berbahasa Indonesia: daerah dan pejabatnya, peraturan,"
            " program, angka kepesertaan dan Paritrana Award, setiap fakta dengan kalimat asalnya."
            " Cari di atas, atau:"
        ),
        "home.explore": "jelajahi grafnya",
        "home.query": "kueri dengan SPARQL",
        "home.dataset": "unduh datasetnya",
        "home.iris": "Setiap IRI dapat dibuka di sini",
        "nav.overviews": "Ikhtisar",
        "home.overviews": "lihat ikhtisarnya: tabel, linimasa, grafik",
        "overview.title": "Ikhtisar",
        "overview.lead": (
            "Tabel, linimasa dan grafik dari seluruh graf, masing-masing dengan CSV dan tautan permanen."
        ),
        "overview.classes": "Daftar per kelas",
        "overview.apply": "Terapkan",
        "overview.clear": "Hapus filter",
        "overview.csv": "Unduh CSV",
        "overview.csv_rows": "{rows} baris, semua halaman",
        "overview.permalink": "Tautan permanen",
        "overview.rows": "Baris {first}–{last} dari {total}",
        "overview.groups": "Kelompok {first}–{last} dari {total}, {rows} baris",
        "overview.empty": "Tidak ada baris untuk filter ini.",
        "overview.undrawn": "{count} baris tanpa tanggal atau tahun hanya ada di tabel.",
        "overview.approximate": "perkiraan",
        "overview.timeline": "Linimasa jabatan",
        "overview.chart": "Grafik angka kepesertaan",
        "overview.pages": "Halaman",
    },
    "en": {
        "brand": "Jamsostek KG",
        "nav.explore": "Explore",
        "nav.sparql": "SPARQL",
        "nav.dataset": "Dataset",
        "nav.language": "Interface language",
        "search.placeholder": "Search regions, people, programmes…",
        "search.label": "Search the graph",
        "search.title": "Search",
        "search.nothing": "Nothing in the graph matches “{query}”.",
        "search.hint": "Type a name: a region, a person, an organisation, a programme.",
        "entity.explore": "Explore its graph",
        "entity.aliases": "Also known as",
        "entity.details": "Details",
        "entity.original": "Read the original article",
        "entity.no_original": "The original article's address is not recorded.",
        "entity.neighbourhood": "Neighbourhood",
        "entity.evidence": "Source sentences",
        "entity.evidence_note": "Sentences of the news that name this, newest first.",
        "entity.text": "Article text",
        "entity.raw": "Every triple, for experts",
        "entity.raw_incoming": "points here",
        "entity.raw_note": "Every triple this is the subject or object of, with the properties' own names:",
        "entity.raw_table": "open the table",
        "entity.back": "Back to {label}",
        "entity.supports": "Facts it supports",
        "entity.mentions": "Mentions",
        "entity.nothing": "Nothing recorded yet.",
        "group.officials": "Posts in this place, with the first and last article dates that state them.",
        "group.posts": "This person's posts, with the first and last article dates that state them.",
        "group.awards": "Awards and nominations received.",
        "group.round": "This province's round of awards: who won and who was shortlisted.",
        "group.figures": "Coverage figures as the news gives them; two articles may give different numbers.",
        "group.regulations": "Regulations issued.",
        "group.programmes": "Programmes run.",
        "group.conferrals": "Every conferral of this award.",
        "group.observations": "Every coverage figure of this data set.",
        "group.places": "The regencies and cities of this province.",
        "group.articles": "Articles that mention this, newest first.",
        "group.facts": "Facts this article states, with their sentences.",
        "col.first_seen": "First seen",
        "col.last_seen": "Last seen",
        "col.fact": "Fact",
        "col.sources": "Sources",
        "page.shown": "{first}–{last} of {total}",
        "page.all": "See all {total} →",
        "page.previous": "← Previous",
        "page.next": "Next →",
        "page.of": "Page {page} of {pages}",
        "source.more": "+{count} more sources",
        "source.rule": "rule",
        "source.confidence": "confidence",
        "source.mention": "mention",
        "source.original": "original article",
        "source.undated": "undated",
        "value.true": "yes",
        "value.false": "no",
        "dataset.title": "Dataset",
        "dataset.lead": (
            "A knowledge graph of how regional governments protect workers through social security,"
            " read from Indonesian news. Every fact keeps the sentence it came from."
        ),
        "dataset.contents": "What the graph holds",
        "dataset.class": "Class",
        "dataset.count": "Count",
        "dataset.triples": "Triples",
        "dataset.articles": "Articles",
        "dataset.period": "Dates of the articles",
        "dataset.built": "Last built",
        "dataset.licence": "Licence",
        "dataset.downloads": "Download the whole graph",
        "dataset.downloads_note": (
            "Each file is made once per version of the graph and kept; the first download may take a moment."
        ),
        "dataset.size": "Size",
        "dataset.file": "File",
        "dataset.holds": "What it holds",
        "dataset.not_made": "made on first download",
        "dataset.machines": "For machines",
        "dataset.void": "Dataset description (VoID, DCAT)",
        "dataset.endpoint": "SPARQL endpoint",
        "download.turtle": "The merged graph in Turtle: every fact once.",
        "download.nquads": (
            "Every article as a named graph (N-Quads): the provenance of each fact kept whole."
        ),
        "download.facts": "Facts per article (JSON Lines), in the facts interchange format.",
        "home.title": "Home",
        "home.heading": "Regional governments and BPJS Ketenagakerjaan",
        "home.contents": "What is in the graph",
        "home.queries": "Saved queries",
        "home.machines": "For machines",
        "home.lead": (
            "A knowledge graph read from Indonesian news: regions and officials, regulations, programmes,"
            " coverage figures and the Paritrana Award, each fact with the sentence it came from."
            " Search above, or:"
        ),
        "home.explore": "explore the graph",
        "home.query": "query it in SPARQL",
        "home.dataset": "download the data set",
        "home.iris": "Every IRI resolves here",
        "nav.overviews": "Overviews",
        "home.overviews": "see the overviews: tables, timelines, charts",
        "overview.title": "Overviews",
        "overview.lead": (
            "Tables, timelines and charts across the whole graph, each with a CSV download and a permalink."
        ),
        "overview.classes": "Lists by class",
        "overview.apply": "Apply",
        "overview.clear": "Clear filters",
        "overview.csv": "Download CSV",
        "overview.csv_rows": "{rows} rows, every page",
        "overview.permalink": "Permalink",
        "overview.rows": "Rows {first}–{last} of {total}",
        "overview.groups": "Groups {first}–{last} of {total}, {rows} rows",
        "overview.empty": "No rows match these filters.",
        "overview.undrawn": "{count} rows without a date or year are in the table only.",
        "overview.approximate": "approximate",
        "overview.timeline": "Timeline of posts",
        "overview.chart": "Chart of coverage figures",
        "overview.pages": "Pages",
    },
}


@dataclass(frozen=True)
class Locale:
    """One request's language, and the address it was made at (to link to the other language)."""

    language: str = DEFAULT
    path: str = "/"
    query: tuple[tuple[str, str], ...] = ()

    def switch_to(self, language: str) -> str:
        """This page's address in `language`: the same query, its `lang` replaced.

        Each value is cut to a length no page reads past (search words are cut to 200), so
        a huge address is not written back into every link.
        """
        kept = [(name[:MAX_VALUE], value[:MAX_VALUE]) for name, value in self.query if name != "lang"]
        return self.path + "?" + urlencode([*kept, ("lang", language)])


OUTSIDE_REQUESTS = Locale()  # templates rendered outside a request (tests, tools) speak Indonesian
_current: ContextVar[Locale] = ContextVar("kg_locale", default=OUTSIDE_REQUESTS)


def current() -> Locale:
    return _current.get()


def translate(language: str, key: str, **fields: object) -> str:
    """The UI string `key` in `language`, its `{name}` fields filled; KeyError names a missing key."""
    try:
        text = STRINGS[language][key]
    except KeyError:
        raise KeyError(
            f"no interface string {key!r} in {language!r}: add it to kg.serve.i18n.STRINGS"
        ) from None
    return text.format(**fields) if fields else text


def t(key: str, **fields: object) -> str:
    """The UI string `key` in the current request's language (the templates' helper)."""
    return translate(current().language, key, **fields)


def term(iri: str) -> TermName:
    """A class or property named in the current language, the other beside it."""
    return term_name(iri, current().language)


def class_term(local: str) -> TermName:
    """One of the ontology's classes, by its local name ("City"), named as `term` names it."""
    return term(class_iri(local))


def template_globals() -> dict[str, Any]:
    """What every template may call: `t`, the language and the other one's address, ontology names."""
    return {
        "t": t,
        "term": term,
        "class_term": class_term,
        "number": number,
        "language": lambda: current().language,
        "switch_to": lambda language: current().switch_to(language),
        "LANGUAGES": LANGUAGES,
        "LANGUAGE_NAMES": NAMES,
    }


def number(value: int) -> str:
    """A whole number grouped as the current language writes it: 17.487 in Indonesian, 17,487 in English."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if current().language == "id" else grouped


def choose(asked: str | None, cookie: str | None) -> str:
    """The language of a request: `?lang=` when it names one, else the cookie's, else Indonesian."""
    for candidate in (asked, cookie):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT


class Language:
    """ASGI middleware: choose each request's language, and remember a `?lang=` choice in a cookie.

    HTML responses say which language they are in (Content-Language) and that they vary
    with the cookie, so a cache does not serve one reader's language to another.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = tuple(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
        asked = next((value for name, value in query if name == "lang"), None)
        locale = Locale(choose(asked, _cookie(scope)), scope.get("path", "/"), query)
        token = _current.set(locale)

        async def with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _headers(list(message.get("headers", [])), locale, asked)
            await send(message)

        try:
            await self.app(scope, receive, with_language)
        finally:
            _current.reset(token)


def _cookie(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            cookie: SimpleCookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except CookieError:  # a malformed Cookie header is no choice of language
                return None
            morsel = cookie.get(COOKIE)
            return morsel.value if morsel else None
    return None


def _headers(
    headers: list[tuple[bytes, bytes]], locale: Locale, asked: str | None
) -> list[tuple[bytes, bytes]]:
    content_type = next((value for name, value in headers if name.lower() == b"content-type"), b"")
    if content_type.startswith(b"text/html"):
        headers.append((b"content-language", locale.language.encode()))
        vary = [value for name, value in headers if name.lower() == b"vary"]
        headers = [(name, value) for name, value in headers if name.lower() != b"vary"]
        headers.append((b"vary", b", ".join([*vary, b"Cookie"])))
    if asked in LANGUAGES:
        cookie = f"{COOKIE}={asked}; Path=/; Max-Age={COOKIE_SECONDS}; SameSite=Lax"
        headers.append((b"set-cookie", cookie.encode()))
    return headers
