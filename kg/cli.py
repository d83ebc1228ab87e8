"""The `kg` command: build, query, facts, export, validate.

Only this module knows the terminal; every command is a thin layer over the library.
"""

from __future__ import annotations

import difflib
import functools
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kg.errors import UserFacingError
from kg.explain import Evidence as ExplainedEvidence
from kg.explain import Explanation
from kg.export.atomic import write_output
from kg.facts import facts_jsonl
from kg.ingest import MB
from kg.model import BuildReport, Notice, Problem
from kg.namespaces import PREFIXES
from kg.queries import (
    GRAPH_FORMATS,
    SOLUTION_FORMATS,
    expand_prefixed_names,
    query_form,
    resolve_query,
    saved_queries,
)
from kg.store import KnowledgeStore

if TYPE_CHECKING:
    from kg.pipeline import Engine

app = typer.Typer(
    help="Build a knowledge graph of Indonesian regional worker social-security news,"
    " then query and publish it.\n\n"
    "Example:  kg build seeds/ --store .kg  &&  kg query awards-by-year --store .kg",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True, emoji=False)
out = Console(soft_wrap=True, emoji=False)
StoreOption = Annotated[Path, typer.Option("--store", "-s", help="Folder of the embedded graph store.")]
ParentsOption = Annotated[bool, typer.Option("--parents", help="Create the output's missing parent folders.")]
Command = TypeVar("Command", bound=Callable[..., Any])

#: `-f json` of a CONSTRUCT is JSON-LD, `-f xml` RDF/XML: the same word, the graph's form of it.
GRAPH_ALIASES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "json": "jsonld",
    "json-ld": "jsonld",
    "xml": "rdfxml",
    "rdf": "rdfxml",
}
QUERY_FORMATS = ("table", *SOLUTION_FORMATS, *GRAPH_FORMATS)


class UserError(UserFacingError):
    """Something the user can fix in the command line itself."""


def _user_errors(command: Command) -> Command:
    """Every error a user can cause becomes one line on stderr and exit status 2, never a traceback."""

    @functools.wraps(command)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserFacingError as error:
            _fail(str(error))
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            _fail(f"{where}{(error.strerror or str(error)).lower()}")

    return guarded  # type: ignore[return-value]


def _fail(message: str) -> None:
    err.print(f"[red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(2)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _version(value: bool) -> None:
    if value:
        out.print(f"kg {package_version('kg-jamsostek')}", highlight=False)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Build a knowledge graph of Indonesian regional worker social-security news; query and publish it."""


def _open(store: Path, read_only: bool = True) -> KnowledgeStore:
    return KnowledgeStore(store, read_only=read_only)


def _written(output: Path, data: bytes, parents: bool) -> None:
    where = write_output(output, data, parents)
    if where != "standard output":
        err.print(f"wrote {escape(where)}", highlight=False)


def _refuse_store_among_inputs(store: Path, paths: list[Path]) -> None:
    """A store that is an input, or holds one, would mix articles and database files."""
    home = store.resolve()
    for path in paths:
        source = path.resolve()
        if source == home or home in source.parents:
            raise UserError(f"{store} is among the inputs: name a store folder apart from the articles")


@app.command()
@_user_errors
def build(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Article files or folders (.txt, .html, .jsonl, .jsonl.gz, .warc, .warc.gz)."),
    ],
    store: StoreOption = Path(".kg"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Build from nothing: keep only these articles' graphs.")
    ] = False,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes for extraction (default: the cores).", min=1)
    ] = None,
    max_article_mb: Annotated[
        float,
        typer.Option(help="Skip an article (a file, JSON line or WARC record) larger than this.", min=0.001),
    ] = 5.0,
    topic_filter: Annotated[
        bool | None,
        typer.Option(
            "--topic-filter/--no-topic-filter",
            help="Keep only Indonesian articles about worker social security (kg/data/topic_cues.txt)."
            " Default: for WARC crawls only; --topic-filter for every input, --no-topic-filter for none.",
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            help="Where extraction runs. local: --workers processes here; dask: a Dask cluster,"
            " the one at --scheduler or one of --workers processes started here (pip install"
            " 'kg-jamsostek[dask]'). The graph is the same either way."
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS", help="With --engine dask: a running Dask scheduler (tcp://HOST:8786)."
        ),
    ] = None,
    stages: Annotated[
        bool,
        typer.Option(
            "--stages",
            help="Print the seconds spent per stage (clean to graph: summed over the worker processes).",
        ),
    ] = False,
) -> None:
    """Read articles, extract their facts and write the graph into the store.

    Only new and changed articles are built again; articles gone from a folder named
    again lose their graph. The new graph replaces the old one all at once when the
    build ends: readers (and `kg serve`) see the old graph until then, and an
    interrupted build changes nothing.

    Example: kg build seeds/ --store .kg
    Example: kg build corpus/ --store .kg --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from kg.pipeline import build as run_build

    _refuse_store_among_inputs(store, paths)
    chosen = _engine(engine, scheduler, workers)
    kg_store = _open(store, read_only=False)
    with (
        chosen as running,
        Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err, disable=quiet
        ) as bar,
    ):
        task = bar.add_task("extracting", total=None)
        report = run_build(
            paths,
            kg_store,
            progress=lambda _doc: bar.advance(task),
            on_total=lambda n: bar.update(task, total=n),
            full=full,
            workers=workers,
            max_bytes=max(1, int(max_article_mb * MB)),
            topic_filter=topic_filter,
            engine=running,
        )
    _print_problems(report.problems)
    skipped = [p for p in report.problems if not isinstance(p, Notice)]
    facts = ", ".join(f"{n} {kind}" for kind, n in report.facts_by_type.items()) or "no facts"
    out.print(
        f"built {_plural(report.articles, 'article')}: {escape(facts)};"
        f" {_plural(report.triples, 'triple')} in {report.seconds:.1f} s"
        + (f"; {report.unchanged} unchanged" if report.unchanged else "")
        + (f"; {_plural(report.removed, 'article')} gone, removed" if report.removed else "")
        + _topic_summary(report)
        + (f"; {_plural(len(skipped), 'input')} skipped" if skipped else ""),
        highlight=False,
    )
    if stages:
        spent = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in report.stage_seconds.items())
        out.print(f"stages: {spent}", highlight=False)
    if report.problems:
        raise typer.Exit(1)


def _engine(name: str, scheduler: str | None, workers: int | None) -> AbstractContextManager[Engine | None]:
    """The engine `kg build --engine` names, to be entered around the build (None: the local pool)."""
    if name == "local" and scheduler is None:
        return nullcontext()
    if name == "local":
        raise UserError(f"--scheduler {scheduler} names a Dask scheduler: add --engine dask")
    if name != "dask":
        raise UserError(f"unknown engine {name!r}: choose local or dask")
    if scheduler is not None and workers is not None:
        raise UserError("--workers sizes a cluster started here: with --scheduler, the cluster's own work")
    from kg.distributed import dask_engine

    return dask_engine(scheduler, workers)


def _topic_summary(report: BuildReport) -> str:
    """What the topic filter did, for the summary line; nothing when it read no article."""
    if not report.on_topic and not report.off_topic:
        return ""
    reasons = ", ".join(f"{count} {reason}" for reason, count in report.off_topic.items())
    skipped = sum(report.off_topic.values())
    return f"; topic filter kept {report.on_topic}, skipped {skipped} off-topic" + (
        f" ({reasons})" if reasons else ""
    )


def _print_problems(problems: list[Problem]) -> None:
    """Skipped inputs, and warnings for what was left out of an input that is still used."""
    for problem in problems:
        kind = "[yellow]warning:[/]" if isinstance(problem, Notice) else "[yellow]skipped:[/]"
        err.print(f"{kind} {escape(problem.source)}: {escape(problem.message)}", highlight=False)


def _table(solutions: ox.QuerySolutions) -> Table:
    names = [v.value for v in solutions.variables]
    table = Table(*names, show_lines=False)
    for row in solutions:
        table.add_row(*(escape(_cell(row[name])) for name in names))
    return table


def _cell(term: object) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))


def _query_format(name: str) -> str:
    wanted = name.strip().lower()
    if wanted in QUERY_FORMATS or wanted in GRAPH_ALIASES:
        return wanted
    raise UserError(f"unknown format {name!r}: choose one of {', '.join(QUERY_FORMATS)}")


def _print_result(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> None:
    """A result in the W3C format asked for, streamed to stdout; a table only for the terminal."""
    sink = sys.stdout.buffer
    if isinstance(result, ox.QueryTriples):
        graph_format = "turtle" if fmt == "table" else GRAPH_ALIASES.get(fmt, fmt)
        if graph_format not in GRAPH_FORMATS:
            raise UserError(
                f"a CONSTRUCT or DESCRIBE result is a graph: choose --format {', '.join(GRAPH_FORMATS)}"
            )
        result.serialize(sink, format=GRAPH_FORMATS[graph_format])
    elif fmt in SOLUTION_FORMATS:
        result.serialize(sink, format=SOLUTION_FORMATS[fmt])
    elif fmt != "table":
        kind = "an ASK" if isinstance(result, ox.QueryBoolean) else "a SELECT"
        raise UserError(f"{kind} result takes --format table, {', '.join(SOLUTION_FORMATS)}, not {fmt}")
    elif isinstance(result, ox.QueryBoolean):
        sink.write(b"true\n" if bool(result) else b"false\n")
    else:
        # a terminal's width folds long cells; piped into a file or a pager, rows stay whole
        width = None if sys.stdout.isatty() else 100_000
        Console(emoji=False, width=width).print(_table(result))
    sink.flush()


def _saved_query_hint(error: KeyError) -> str:
    name = str(error.args[0]).split("'")[1] if "'" in str(error.args[0]) else ""
    close = difflib.get_close_matches(name, [q.name for q in saved_queries()], n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return str(error.args[0]) + hint


@app.command()
@_user_errors
def query(
    text: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or a saved query's name.")],
    store: StoreOption = Path(".kg"),
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table (default), or a W3C results format: json, xml, csv, tsv;"
            " for CONSTRUCT/DESCRIBE: turtle, ntriples, jsonld, rdfxml.",
        ),
    ] = "table",
) -> None:
    """Run a SPARQL query on the graph (prefixes kg:, kgid:, skos:, schema:, ... are declared).

    kgid: names may be written with their slashes (kgid:region/35.77). The store is
    read-only here: updates (INSERT, DELETE, ...) are refused.

    Example: kg query "SELECT ?r ?name WHERE { ?r a kg:City ; skos:prefLabel ?name } LIMIT 5" --store .kg
    """
    chosen = _query_format(fmt)
    try:
        sparql = resolve_query(text)
    except FileNotFoundError as error:
        raise UserError(str(error)) from error
    except KeyError as error:
        raise UserError(_saved_query_hint(error)) from error
    if query_form(sparql) == "UPDATE":
        raise UserError("the store is read-only here; updates (INSERT, DELETE, LOAD, ...) are not accepted")
    kg_store = _open(store)
    try:
        result = kg_store.query(expand_prefixed_names(sparql, PREFIXES))
    except SyntaxError as error:
        raise UserError(f"the query is not valid SPARQL: {error}") from error
    _print_result(result, chosen)


@app.command("queries")
@_user_errors
def list_queries() -> None:
    """List the saved queries of ontology/queries/ with their titles."""
    table = Table("name", "title", "description")
    for saved in saved_queries():
        table.add_row(saved.name, saved.title, saved.description)
    out.print(table)


@app.command()
@_user_errors
def facts(
    store: StoreOption = Path(".kg"),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (- for stdout); stdout if absent.")
    ] = None,
    min_confidence: Annotated[
        float, typer.Option(help="Leave out facts below this confidence (0 to 1).", min=0.0, max=1.0)
    ] = 0.0,
    parents: ParentsOption = False,
) -> None:
    """Write the facts interchange format (FACTS.md), read from the graph by SPARQL.

    Example: kg facts --store .kg -o facts.jsonl
    """
    data = facts_jsonl(_open(store), min_confidence).encode("utf-8")
    _written(output or Path("-"), data, parents)


@app.command()
@_user_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write; - for stdout.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="turtle (ttl), ntriples (nt), nquads (nq), trig, jsonld, rdfxml (rdf), graphml, html,"
            " facts; guessed from the -o file's extension when absent.",
        ),
    ] = None,
    store: StoreOption = Path(".kg"),
    parents: ParentsOption = False,
    region: Annotated[
        str | None,
        typer.Option(
            help="HTML only: the neighbourhood of this place (a name or an IRI), not the whole graph."
        ),
    ] = None,
    with_gazetteer: Annotated[
        bool, typer.Option(help="HTML only: keep the regions no article says anything about.")
    ] = False,
) -> None:
    """Export the graph: an RDF format, GraphML (Gephi) or an offline HTML graph.

    Example: kg export -o exports/graph.ttl --store .kg
    Example: kg export -o madiun.html --region "Kota Madiun" --store .kg
    """
    from kg.export.publish import export_format, format_of_path, render

    if fmt is not None:
        try:
            chosen = export_format(fmt)
        except ValueError as error:
            raise UserError(str(error)) from error
    else:
        guessed = format_of_path(output)
        if guessed is None:
            raise UserError(f"cannot tell the format from {output}: add --format (for example -f turtle)")
        chosen = guessed
    if chosen != "html" and (region or with_gazetteer):
        raise UserError("--region and --with-gazetteer shape the HTML graph: add --format html")
    if chosen == "html" and (region or with_gazetteer):
        _written(output, _html(_open(store), region, with_gazetteer), parents)
        return
    _written(output, render(_open(store), chosen), parents)


def _html(store: KnowledgeStore, region: str | None, with_gazetteer: bool) -> bytes:
    from kg.export.html import render_html
    from kg.export.rdf import merged_graph
    from kg.export.view import graph_view

    try:
        page = render_html(graph_view(merged_graph(store)), focus=region, with_gazetteer=with_gazetteer)
    except ValueError as error:  # no entity is called so
        raise UserError(str(error)) from error
    return page.encode("utf-8")


@app.command()
@_user_errors
def explain(
    entity: Annotated[str, typer.Argument(help="An IRI (full or kgid:...), or a label or alias of it.")],
    store: StoreOption = Path(".kg"),
    mentions: Annotated[int, typer.Option(help="Show at most this many mentions per fact.")] = 3,
) -> None:
    """Show what the graph knows of an entity, with the sentence behind each fact.

    Example: kg explain "Kota Madiun" --store .kg
    """
    from kg.explain import explain as explain_entity
    from kg.explain import find_entities, suggest_entities

    kg_store = _open(store)
    found = find_entities(kg_store, entity)
    if not found:
        close = suggest_entities(kg_store, entity)
        hint = f"; did you mean: {'; '.join(close)}?" if close else " (try an IRI, a label or an alias)"
        err.print(
            f"[red]error:[/] nothing in {escape(str(store))} is called {escape(repr(entity))}{escape(hint)}"
        )
        raise typer.Exit(1)
    if len(found) > 1:
        out.print(f"{len(found)} entities are called {escape(repr(entity))}:", highlight=False)
    for iri, _label in found:
        _print_explanation(explain_entity(kg_store, iri), mentions)


def _print_explanation(explanation: Explanation, mentions: int) -> None:
    out.print(f"\n[bold]{escape(explanation.label)}[/]  {explanation.iri}", highlight=False)
    out.print(f"  type: {', '.join(explanation.types)}", highlight=False)
    if explanation.aliases:
        out.print(f"  also called: {escape('; '.join(explanation.aliases))}", highlight=False)
    for statement in explanation.statements:
        out.print(f"  {statement.predicate}: {escape(statement.value)}", highlight=False)
    for fact in explanation.facts:
        out.print(f"  [bold]{fact.kind}[/] {escape(fact.label)} (as {fact.via})", highlight=False)
        _print_evidence(fact.evidence, mentions, indent="      ")
    if explanation.evidence:
        out.print(f"  mentioned {len(explanation.evidence)} times:", highlight=False)
        _print_evidence(tuple(explanation.evidence), mentions, indent="    ")


def _print_evidence(evidence: tuple[ExplainedEvidence, ...], limit: int, indent: str) -> None:
    for item in evidence[:limit]:
        when = item.date or "undated"
        out.print(
            f"{indent}{item.doc} ({when}) «{escape(item.anchor)}» {item.rule} {item.confidence:.2f}:"
            f" {escape(item.sentence)}",
            highlight=False,
        )
    if len(evidence) > limit:
        out.print(f"{indent}... and {len(evidence) - limit} more", highlight=False)


@app.command("eval")
@_user_errors
def eval_facts(
    produced: Annotated[
        Path, typer.Argument(help="Produced facts: a .jsonl file, or a store folder to read them from.")
    ],
    gold: Annotated[Path, typer.Argument(help="Gold facts (.jsonl, the facts interchange format).")],
    errors: Annotated[
        bool, typer.Option("--errors/--no-errors", help="List missed, spurious and wrong facts.")
    ] = True,
    rules: Annotated[
        bool, typer.Option("--rules", help="Also print each extraction rule's measured precision.")
    ] = False,
) -> None:
    """Score produced facts against gold: precision, recall, F1 per type, and every miss.

    Example: kg eval .kg ../shared/eval/dev/gold.jsonl
    """
    from kg.evaluate import (
        GoldFileError,
        calibration_table,
        describe,
        evaluate,
        load_facts,
        rule_table,
        table,
    )
    from kg.facts import read_facts

    try:
        wanted = load_facts(gold)
        if produced.is_dir():
            made = {r["doc"]: r["facts"] for r in read_facts(_open(produced))}
        else:
            made = load_facts(produced)
    except GoldFileError as error:
        raise UserError(str(error)) from error
    result = evaluate(made, wanted)
    if errors:
        for line in map(describe, result.errors):
            out.print(line, markup=False, highlight=False)
    if rules and result.verdicts:
        out.print(rule_table(result) + "\n", markup=False, highlight=False)
    if result.judged:
        out.print(calibration_table(result) + "\n", markup=False, highlight=False)
    out.print(table(result), markup=False, highlight=False)


@app.command()
@_user_errors
def publish(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .html, .jsonl).")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write every export into.")] = Path(
        "exports"
    ),
) -> None:
    """Build the articles afresh (in memory) and write the graph in every format into one folder.

    The published set is graph.ttl, .nt, .nq, .trig, .jsonld, .rdf, .graphml, .html and
    facts.jsonl; the same articles always give byte-identical files.

    Example: kg publish seeds/ --out exports/
    """
    from kg.export.publish import publish as publish_all
    from kg.pipeline import build as run_build

    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"{out_dir} is a file: --out names the folder to publish into")
    kg_store = KnowledgeStore(None)
    report = run_build(paths, kg_store)
    _print_problems(report.problems)
    written = publish_all(kg_store, out_dir)
    out.print(
        f"published {_plural(report.articles, 'article')}, {_plural(report.triples, 'triple')}:"
        f" {_plural(len(written), 'file')} in {escape(str(out_dir))}",
        highlight=False,
    )
    if report.problems:
        raise typer.Exit(1)


@app.command()
@_user_errors
def push(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            "--graph-store",
            "-e",
            help="The server's SPARQL Graph Store Protocol URL: Oxigraph http://HOST:7878/store, Fuseki"
            " http://HOST:3030/DATASET/data, Virtuoso http://HOST:8890/sparql-graph-crud-auth, GraphDB"
            " http://HOST:7200/repositories/REPO/rdf-graphs/service.",
        ),
    ],
    store: StoreOption = Path(".kg"),
    full: Annotated[
        bool, typer.Option("--full", help="Send every graph, not only those changed since the last push.")
    ] = False,
    update: Annotated[
        str | None,
        typer.Option(
            help="The server's SPARQL Update URL (Oxigraph http://HOST:7878/update, Fuseki"
            " http://HOST:3030/DATASET/update): a small change then reaches the merged default graph"
            " as one update of its added and removed triples, not as a PUT of the whole graph.",
        ),
    ] = None,
    retries: Annotated[
        int, typer.Option(help="Tries again after a connection error, 429 or 5xx, backing off.", min=0)
    ] = 5,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the server on one request.")] = 60.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Publish the graph to a triple store: one named graph per article, and the merged default graph.

    Only graphs changed since the last push to the same URL are sent (each with one PUT of
    N-Triples); graphs of articles gone from the store are deleted there. Credentials come
    from KG_PUSH_USER and KG_PUSH_PASSWORD, KG_PUSH_TOKEN (a bearer token) or ~/.netrc.

    Example: kg push --store .kg --endpoint http://localhost:7878/store
    """
    from kg.push import GraphStoreClient, credentials_for
    from kg.push import push as run_push

    _open(store).close()
    client = GraphStoreClient(
        endpoint, credentials_for(endpoint), timeout=timeout, retries=retries, update_url=update
    )
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err, disable=quiet
    ) as bar:
        task = bar.add_task("pushing", total=None)
        report = run_push(
            store, client, full, progress=lambda done, total: bar.update(task, completed=done, total=total)
        )
    out.print(
        f"pushed to {escape(report.endpoint)}: {_plural(len(report.sent), 'graph')} sent"
        f" ({_plural(report.quads, 'quad')}), {len(report.deleted)} deleted, {report.unchanged} unchanged"
        f" in {report.seconds:.1f} s"
        + ("; the default graph by an update" if report.default_by_update else "")
        + (f"; {report.retries} retried" if report.retries else ""),
        highlight=False,
    )


@app.command()
@_user_errors
def validate(
    store: StoreOption = Path(".kg"),
    engine: Annotated[
        str,
        typer.Option(
            help="oxigraph: the shapes compiled into SPARQL and run in the store (fast);"
            " pyshacl: the reference engine (slow; for cross-checking).",
        ),
    ] = "oxigraph",
) -> None:
    """Check the graph against the SHACL shapes of ontology/shapes.ttl; exit 1 when it does not conform.

    Example: kg validate --store .kg
    """
    from kg.validate import SHAPES, validate_store

    report = validate_store(_open(store), engine=engine)
    for v in report.violations:
        where = " ".join(
            part
            for part in (v.focus, v.path, f"= {v.value}" if v.value and v.value != v.focus else "")
            if part
        )
        out.print(f"[red]{v.severity}[/] {escape(where)}: {escape(v.message)}", highlight=False)
    verdict = "conforms" if report.conforms else f"does not conform: {len(report.violations)} violations"
    out.print(
        f"{escape(str(store))}: {verdict} to {SHAPES.name} ({_plural(report.nodes_checked, 'node')} checked)",
        highlight=False,
    )
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
@_user_errors
def serve(
    store: Annotated[
        Path | None, typer.Option("--store", "-s", help="Folder of the embedded graph store (default .kg).")
    ] = None,
    sparql_endpoint: Annotated[
        str | None,
        typer.Option(help="Serve a remote read-only SPARQL 1.1 endpoint's graph instead of a store."),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (loopback unless told otherwise).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on; 0 picks a free one.")] = 8000,
    timeout: Annotated[float, typer.Option(help="Time limit of one SPARQL query, in seconds.")] = 10.0,
    max_result_mb: Annotated[float, typer.Option(help="Size limit of one SPARQL result, in MB.")] = 64.0,
    workers: Annotated[int, typer.Option(help="Query worker processes.", min=1)] = 2,
    page_workers: Annotated[
        int, typer.Option(help="Worker processes for the pages' own queries.", min=1)
    ] = 2,
    worker_memory_mb: Annotated[
        int, typer.Option(help="Address-space limit of one worker process, in MB.", min=256)
    ] = 2048,
    allow_service: Annotated[
        list[str] | None,
        typer.Option(help="An endpoint SERVICE clauses may call (repeatable); none by default."),
    ] = None,
) -> None:
    """Serve the graph: SPARQL endpoint (/sparql), linked-data pages (/id/...), search and explorer.

    Read-only, offline, on loopback by default; Ctrl-C stops it.

    Example: kg serve --store .kg --port 8000
    (or over a triple store: kg serve --sparql-endpoint http://localhost:7878/query)
    """
    from kg.serve.app import Settings
    from kg.serve.remote import RemoteStore
    from kg.serve.server import serve as run_server

    if store is not None and sparql_endpoint:
        _fail("give --store or --sparql-endpoint, not both")
    if sparql_endpoint:
        RemoteStore(sparql_endpoint, timeout).check()  # a one-line error now, not from every worker
    else:
        _open(store or Path(".kg")).close()
    settings = Settings(
        store or Path(".kg"),
        timeout,
        int(max_result_mb * (1 << 20)),
        workers=workers,
        page_workers=page_workers,
        worker_memory_mb=worker_memory_mb,
        allowed_services=tuple(allow_service or ()),
        sparql_endpoint=sparql_endpoint,
    )
    run_server(
        settings,
        host,
        port,
        announce=lambda url: out.print(
            f"serving {escape(sparql_endpoint or str(store or '.kg'))} at {url} (Ctrl-C stops)",
            highlight=False,
        ),
    )
    out.print("stopped")


__all__ = ["app"]
