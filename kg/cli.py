"""The `kg` command: build, query, facts, export, validate.

Only this module knows the terminal; every command is a thin layer over the library.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kg.explain import Evidence as ExplainedEvidence
from kg.explain import Explanation
from kg.export.atomic import write_atomic
from kg.facts import facts_jsonl
from kg.queries import resolve_query, saved_queries
from kg.store import KnowledgeStore, StoreError

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


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class ExportFormat(StrEnum):
    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"
    rdfxml = "rdfxml"
    graphml = "graphml"
    html = "html"


def _open(store: Path, read_only: bool = True) -> KnowledgeStore:
    if read_only and not store.exists():
        err.print(
            f"[red]error:[/] {store}: no store here; build one first with `kg build PATH --store {store}`"
        )
        raise typer.Exit(2)
    try:
        return KnowledgeStore(store, read_only=read_only)
    except StoreError as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from error


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .html, .jsonl).")],
    store: StoreOption = Path(".kg"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read articles, extract their facts and write the graph into the store.

    Example: kg build seeds/ --store .kg
    """
    from kg.pipeline import build as run_build

    kg_store = _open(store, read_only=False)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err, disable=quiet
    ) as bar:
        task = bar.add_task("extracting", total=None)
        report = run_build(
            paths,
            kg_store,
            progress=lambda _doc: bar.advance(task),
            on_total=lambda n: bar.update(task, total=n),
        )
    for problem in report.problems:
        err.print(f"[yellow]skipped:[/] {problem.source}: {problem.message}")
    facts = ", ".join(f"{n} {kind}" for kind, n in report.facts_by_type.items()) or "no facts"
    out.print(
        f"built {report.articles} articles: {facts}; {report.triples} triples in {report.seconds:.1f} s"
        + (f"; {len(report.problems)} inputs skipped" if report.problems else "")
    )
    if report.problems:
        raise typer.Exit(1)


def _render(solutions: ox.QuerySolutions, fmt: QueryFormat) -> str:
    names = [v.value for v in solutions.variables]
    rows = [[_cell(row[name]) for name in names] for row in solutions]
    if fmt is QueryFormat.json:
        return (
            json.dumps([dict(zip(names, row, strict=True)) for row in rows], ensure_ascii=False, indent=1)
            + "\n"
        )
    if fmt in (QueryFormat.csv, QueryFormat.tsv):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt is QueryFormat.csv else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buffer.getvalue()
    table = Table(*names, show_lines=False)
    for row in rows:
        table.add_row(*row)
    console = Console(record=True, width=200, file=io.StringIO())
    console.print(table)
    return console.export_text()


def _cell(term: object) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))


@app.command()
def query(
    text: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or a saved query's name.")],
    store: StoreOption = Path(".kg"),
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = QueryFormat.table,
) -> None:
    """Run a SPARQL query on the graph (prefixes kg:, kgid:, skos:, schema:, ... are declared).

    Example: kg query "SELECT ?r ?name WHERE { ?r a kg:City ; skos:prefLabel ?name } LIMIT 5" --store .kg
    """
    try:
        sparql = resolve_query(text)
    except (FileNotFoundError, KeyError) as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from error
    kg_store = _open(store)
    try:
        result = kg_store.query(sparql)
    except SyntaxError as error:
        err.print(f"[red]error:[/] the query is not valid SPARQL: {error}")
        raise typer.Exit(2) from error
    if isinstance(result, ox.QuerySolutions):
        sys.stdout.write(_render(result, fmt))
    elif isinstance(result, ox.QueryBoolean):
        sys.stdout.write(("true" if bool(result) else "false") + "\n")
    else:
        sys.stdout.write((ox.serialize(result, format=ox.RdfFormat.TURTLE) or b"").decode())


@app.command("queries")
def list_queries() -> None:
    """List the saved queries of ontology/queries/ with their titles."""
    table = Table("name", "title", "description")
    for saved in saved_queries():
        table.add_row(saved.name, saved.title, saved.description)
    out.print(table)


@app.command()
def facts(
    store: StoreOption = Path(".kg"),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; stdout if absent.")
    ] = None,
    min_confidence: Annotated[float, typer.Option(help="Leave out facts below this confidence.")] = 0.0,
) -> None:
    """Write the facts interchange format (FACTS.md), read from the graph by SPARQL.

    Example: kg facts --store .kg -o facts.jsonl
    """
    data = facts_jsonl(_open(store), min_confidence)
    if output is None:
        sys.stdout.write(data)
    else:
        write_atomic(output, data.encode("utf-8"))
        err.print(f"wrote {output}")


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    store: StoreOption = Path(".kg"),
) -> None:
    """Export the graph: an RDF format, GraphML (Gephi) or an offline HTML graph.

    Example: kg export --format turtle --store .kg -o exports/graph.ttl
    """
    from kg.export.publish import render

    write_atomic(output, render(_open(store), fmt.value))
    err.print(f"wrote {output}")


@app.command()
def explain(
    entity: Annotated[str, typer.Argument(help="An IRI (full or kgid:...), or a label or alias of it.")],
    store: StoreOption = Path(".kg"),
    mentions: Annotated[int, typer.Option(help="Show at most this many mentions per fact.")] = 3,
) -> None:
    """Show what the graph knows of an entity, with the sentence behind each fact.

    Example: kg explain "Kota Madiun" --store .kg
    """
    from kg.explain import explain as explain_entity
    from kg.explain import find_entities

    kg_store = _open(store)
    found = find_entities(kg_store, entity)
    if not found:
        err.print(f"[red]error:[/] nothing in {store} is called {entity!r} (try an IRI, a label or an alias)")
        raise typer.Exit(1)
    if len(found) > 1:
        out.print(f"{len(found)} entities are called {entity!r}:", highlight=False)
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
def eval_facts(
    produced: Annotated[
        Path, typer.Argument(help="Produced facts: a .jsonl file, or a store folder to read them from.")
    ],
    gold: Annotated[Path, typer.Argument(help="Gold facts (.jsonl, the facts interchange format).")],
    errors: Annotated[
        bool, typer.Option("--errors/--no-errors", help="List missed, spurious and wrong facts.")
    ] = True,
) -> None:
    """Score produced facts against gold: precision, recall, F1 per type, and every miss.

    Example: kg eval .kg ../shared/eval/dev/gold.jsonl
    """
    from kg.evaluate import GoldFileError, describe, evaluate, load_facts, table
    from kg.facts import read_facts

    try:
        wanted = load_facts(gold)
        if produced.is_dir():
            made = {r["doc"]: r["facts"] for r in read_facts(_open(produced))}
        else:
            made = load_facts(produced)
    except GoldFileError as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from error
    result = evaluate(made, wanted)
    if errors:
        for line in map(describe, result.errors):
            out.print(line, markup=False, highlight=False)
    out.print(table(result), markup=False, highlight=False)


@app.command()
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

    kg_store = KnowledgeStore(None)
    report = run_build(paths, kg_store)
    for problem in report.problems:
        err.print(f"[yellow]skipped:[/] {problem.source}: {problem.message}")
    written = publish_all(kg_store, out_dir)
    out.print(
        f"published {report.articles} articles, {report.triples} triples: {len(written)} files in {out_dir}"
    )
    if report.problems:
        raise typer.Exit(1)


@app.command()
def validate(store: StoreOption = Path(".kg")) -> None:
    """Check the graph against the SHACL shapes of ontology/shapes.ttl; exit 1 when it does not conform.

    Example: kg validate --store .kg
    """
    from kg.export.rdf import merged_graph
    from kg.validate import SHAPES, validate_graph

    report = validate_graph(merged_graph(_open(store)))
    for v in report.violations:
        where = " ".join(
            part
            for part in (v.focus, v.path, f"= {v.value}" if v.value and v.value != v.focus else "")
            if part
        )
        out.print(f"[red]{v.severity}[/] {where}: {v.message}", markup=True, highlight=False, soft_wrap=True)
    verdict = "conforms" if report.conforms else f"does not conform: {len(report.violations)} violations"
    out.print(f"{store}: {verdict} to {SHAPES.name} ({report.nodes_checked} nodes checked)")
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def serve(
    store: StoreOption = Path(".kg"),
    host: Annotated[
        str, typer.Option(help="Address to listen on (loopback unless told otherwise).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on; 0 picks a free one.")] = 8000,
    timeout: Annotated[float, typer.Option(help="Time limit of one SPARQL query, in seconds.")] = 10.0,
    max_result_mb: Annotated[float, typer.Option(help="Size limit of one SPARQL result, in MB.")] = 64.0,
    workers: Annotated[int, typer.Option(help="Query worker processes.", min=1)] = 2,
) -> None:
    """Serve the graph: SPARQL endpoint (/sparql), linked-data pages (/id/...), search and explorer.

    Read-only, offline, on loopback by default; Ctrl-C stops it.

    Example: kg serve --store .kg --port 8000
    """
    from kg.serve.app import Settings
    from kg.serve.server import serve as run_server

    _open(store)
    settings = Settings(store, timeout, int(max_result_mb * (1 << 20)), workers=workers)
    run_server(
        settings, host, port, announce=lambda url: out.print(f"serving {store} at {url} (Ctrl-C stops)")
    )
    out.print("stopped")


__all__ = ["app"]
