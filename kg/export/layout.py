"""Node positions computed at export time, so the page opens drawn instead of simulating physics.

networkx's own layouts need numpy, which the project does not depend on; this is the
Fruchterman-Reingold force model in plain Python, with repulsion counted only between nodes
in neighbouring grid cells (linear per step, not quadratic). Each connected component is laid
out alone and the components are packed in rows, biggest first. Starting points come from a
seeded generator over the sorted nodes, so the same graph always gets the same positions.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Sequence

import networkx as nx

SEED = 42
SPACING = 110.0  # pixels between two linked nodes, roughly
MAX_STEPS = 60
GRAVITY = 0.05  # pulls stragglers of a component towards its centre

Point = tuple[float, float]


def layout(graph: nx.Graph, seed: int = SEED) -> dict[Hashable, Point]:
    """Positions in pixels for every node of `graph` (edge directions and multi-edges ignored)."""
    simple = nx.Graph(graph)
    parts = sorted(
        (sorted(component, key=str) for component in nx.connected_components(simple)),
        key=lambda nodes: (-len(nodes), str(nodes[0])),
    )
    laid = [_component(simple, nodes, seed) for nodes in parts]
    return _pack(laid)


def _component(graph: nx.Graph, nodes: Sequence[Hashable], seed: int) -> dict[Hashable, Point]:
    """Fruchterman-Reingold on one component, in units of one ideal edge length."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.subgraph(nodes).edges() if a != b]
    rng = random.Random(seed)
    side = math.sqrt(len(nodes))
    xs = [rng.uniform(-side, side) for _ in nodes]
    ys = [rng.uniform(-side, side) for _ in nodes]
    steps = MAX_STEPS if len(nodes) <= 2000 else 35
    for step in range(steps):
        _step(xs, ys, edges, side * 0.5 * (1 - step / steps) + 0.05)
    return {node: (xs[i], ys[i]) for node, i in index.items()}


def _step(xs: list[float], ys: list[float], edges: list[tuple[int, int]], limit: float) -> None:
    """One move of every node: repulsion from nearby nodes, attraction along edges, capped at `limit`."""
    dx, dy = _repulsion(xs, ys)
    for a, b in edges:
        ex, ey = xs[a] - xs[b], ys[a] - ys[b]
        distance = math.hypot(ex, ey) or 0.01
        dx[a] -= ex * distance
        dy[a] -= ey * distance
        dx[b] += ex * distance
        dy[b] += ey * distance
    for i in range(len(xs)):
        mx, my = dx[i] - GRAVITY * xs[i], dy[i] - GRAVITY * ys[i]
        length = math.hypot(mx, my)
        if length > limit:
            mx, my = mx * limit / length, my * limit / length
        xs[i] += mx
        ys[i] += my


def _repulsion(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """k²/d pushes between nodes less than two units apart (k = 1), found through a grid of cells.

    Each pair is counted once, pushing both ways: the pairs within a cell, and those between a
    cell and four of its eight neighbours (the other four count it as theirs).
    """
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        cells[(math.floor(x / 2), math.floor(y / 2))].append(i)
    dx = [0.0] * len(xs)
    dy = [0.0] * len(xs)
    for (cx, cy), members in cells.items():
        own = [(i, xs[i], ys[i]) for i in members]
        near = [
            (j, xs[j], ys[j])
            for key in ((cx + 1, cy - 1), (cx + 1, cy), (cx + 1, cy + 1), (cx, cy + 1))
            for j in cells.get(key, ())
        ]
        for position, (i, x, y) in enumerate(own):
            fx = fy = 0.0
            for others in (own[position + 1 :], near):
                for j, ox, oy in others:
                    ex, ey = x - ox, y - oy
                    squared = ex * ex + ey * ey or 0.0001
                    ex /= squared
                    ey /= squared
                    fx += ex
                    fy += ey
                    dx[j] -= ex
                    dy[j] -= ey
            dx[i] += fx
            dy[i] += fy
    return dx, dy


def _pack(parts: list[dict[Hashable, Point]]) -> dict[Hashable, Point]:
    """Components side by side in rows about as wide as all of them are tall, scaled to pixels."""
    boxes = [_box(part) for part in parts]
    area = sum((box[2] - box[0] + 2) * (box[3] - box[1] + 2) for box in boxes)
    row_width = max(math.sqrt(area) * 1.3, max((box[2] - box[0] + 2 for box in boxes), default=0))
    placed: dict[Hashable, Point] = {}
    x = y = row_height = 0.0
    for part, (left, top, right, bottom) in zip(parts, boxes, strict=True):
        width, height = right - left + 2, bottom - top + 2
        if x and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in part.items():
            placed[node] = (round((px - left + 1 + x) * SPACING, 1), round((py - top + 1 + y) * SPACING, 1))
        x += width
        row_height = max(row_height, height)
    return placed


def _box(part: dict[Hashable, Point]) -> tuple[float, float, float, float]:
    xs = [x for x, _ in part.values()]
    ys = [y for _, y in part.values()]
    return min(xs), min(ys), max(xs), max(ys)
