"""Geometry of the HOW-WOW-POW-NOW matrix drawn on the server as SVG: where the quadrants, the threshold
lines and each proposal's marker go. No database access here; views/matrix.py gathers the data.

Impact (how well a proposal solves the problem) runs upwards, ease (how easy it is to implement) to the
right. Scores go from 1 to 5; each whole score is a cell of the 5 × 5 grid. The quadrant boundary sits
between the cells below and from `high_from` (a score counts as high from that value up, see
models.quadrant_of). The quadrants' shading reaches into a band above and below the grid where their
names are written, so no name covers a marker. Several proposals in one cell are spread over it in a
fixed pattern (by primary key), so they never overlap and the picture is the same on every visit; when
both layers are shown, the official markers take the left half of a cell and the crowd's the right."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .models import QUADRANT_MEANINGS, SCORE_RANGE, Quadrant, quadrant_of

LOW, HIGH = SCORE_RANGE[0] - 0.5, SCORE_RANGE[-1] + 0.5  # the plot's edges, in score units
CELL = 100  # SVG user units per score
LEFT = 96  # room for the impact axis and its labels
TOP = 8
BAND = 46  # above and below the grid: where the quadrants are named
BOTTOM = 72  # room for the ease axis and its labels
RIGHT = 16
PLOT_SIZE = CELL * len(SCORE_RANGE)
WIDTH = LEFT + PLOT_SIZE + RIGHT
HEIGHT = TOP + BAND + PLOT_SIZE + BAND + BOTTOM
RADIUS = 9
MIN_RADIUS = 3
SPREAD = 0.8  # the share of a cell that the markers of one cell may use
EDGE_GAP = 4  # between the threshold line and a marker moved off it


def x_of(ease: float) -> float:
    return round(LEFT + (float(ease) - LOW) * CELL, 2)


def y_of(impact: float) -> float:
    return round(TOP + BAND + (HIGH - float(impact)) * CELL, 2)


def boundary(high_from) -> float:
    """Where the threshold line goes, in score units: below the first whole score that counts as high."""
    return min(max(math.ceil(Decimal(str(high_from))) - 0.5, LOW), HIGH)


@dataclass
class Region:
    quadrant: Quadrant
    label: str
    meaning: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float
    anchor: str  # text-anchor of the label
    meaning_y: float


@dataclass
class Marker:
    item: object
    x: float
    y: float
    radius: float

    @property
    def square(self) -> dict:
        """A hollow square around the point (crowd medians), as rect attributes."""
        side = round(self.radius * 2, 2)
        return {"x": round(self.x - self.radius, 2), "y": round(self.y - self.radius, 2), "side": side}


@dataclass
class Tick:
    value: int
    position: float


@dataclass
class Matrix:
    high_from: Decimal
    regions: list[Region]
    official: list[Marker] = field(default_factory=list)
    crowd: list[Marker] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP + BAND  # the grid
    right: int = LEFT + PLOT_SIZE
    bottom: int = TOP + BAND + PLOT_SIZE
    region_top: int = TOP  # the shading, with the bands
    region_bottom: int = TOP + BAND + PLOT_SIZE + BAND
    threshold_x: float = 0
    threshold_y: float = 0
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    grid_x: list[float] = field(default_factory=list)
    grid_y: list[float] = field(default_factory=list)

    @property
    def plot_width(self) -> int:
        return self.right - self.left

    @property
    def region_height(self) -> int:
        return self.region_bottom - self.region_top

    @property
    def x_axis_y(self) -> float:
        return self.region_bottom + 56

    @property
    def tick_label_y(self) -> float:
        return self.region_bottom + 22

    @property
    def y_axis_x(self) -> float:
        return self.left - 62

    @property
    def y_axis_middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x_axis_middle(self) -> float:
        return (self.left + self.right) / 2

    @property
    def tick_label_x(self) -> float:
        return self.left - 14


def regions(high_from, label_of) -> list[Region]:
    """The four quadrants as rectangles (those that have any area at this threshold), each reaching
    into the band above or below the grid where its name is written."""
    line = boundary(high_from)
    mid_x, mid_y = x_of(line), y_of(line)
    left, right, top, bottom = x_of(LOW), x_of(HIGH), y_of(HIGH), y_of(LOW)
    spans = {
        Quadrant.NOW: ((mid_x, right), (top, mid_y)),
        Quadrant.WOW: ((left, mid_x), (top, mid_y)),
        Quadrant.POW: ((mid_x, right), (mid_y, bottom)),
        Quadrant.HOW: ((left, mid_x), (mid_y, bottom)),
    }
    result = []
    for quadrant, ((x0, x1), (y0, y1)) in spans.items():
        if x1 - x0 <= 0 or y1 - y0 <= 0:
            continue  # no whole score falls in this quadrant at this threshold
        easy = quadrant in (Quadrant.NOW, Quadrant.POW)
        high = quadrant in (Quadrant.NOW, Quadrant.WOW)
        if high:
            y0 -= BAND
        else:
            y1 += BAND
        text_y = y0 + 21 if high else y1 - 24
        result.append(
            Region(
                quadrant=quadrant,
                label=label_of(quadrant),
                meaning=str(QUADRANT_MEANINGS[quadrant]),
                x=x0,
                y=y0,
                width=round(x1 - x0, 2),
                height=round(y1 - y0, 2),
                text_x=x1 - 8 if easy else x0 + 8,
                text_y=text_y,
                anchor="end" if easy else "start",
                meaning_y=text_y + 17,
            )
        )
    return result


def _side(value: float, line: float, high_from) -> int:
    """0 off the threshold line; on it, +1 when the value counts as high, -1 when low."""
    if value != line:
        return 0
    return 1 if Decimal(str(value)) >= Decimal(str(high_from)) else -1


def spread(items, high_from, *, half=None) -> list[Marker]:
    """Markers for (item, impact, ease) triples. Items on the same spot are laid out in a small grid
    around it, ordered by their `pk`. `half` ("left" or "right") keeps items on a whole score to that
    half of its cell, so that two layers drawn together do not cover each other. A crowd median that
    falls exactly on the threshold line (e.g. 2.5 when high starts at 3) is drawn wholly on the side of
    the line it belongs to."""
    line = boundary(high_from)
    spots = defaultdict(list)
    for item, impact, ease in items:
        spots[(float(impact), float(ease))].append(item)
    box_width = CELL * SPREAD / (2 if half else 1)
    box_height = CELL * SPREAD
    half_shift = {"left": -CELL / 4, "right": CELL / 4}.get(half, 0)
    markers = []
    for (impact, ease), group in sorted(spots.items()):
        group.sort(key=lambda item: item.pk)
        columns = max(1, math.ceil(math.sqrt(len(group) * box_width / box_height)))
        rows = math.ceil(len(group) / columns)
        step = min(RADIUS * 2.6, box_width / columns, box_height / rows)
        radius = RADIUS if len(group) == 1 else max(MIN_RADIUS, min(RADIUS, step * 0.4))
        extent_x = (columns - 1) / 2 * step + radius
        extent_y = (rows - 1) / 2 * step + radius
        side_x, side_y = _side(ease, line, high_from), _side(impact, line, high_from)
        if side_x:
            centre_x = x_of(line) + side_x * (extent_x + EDGE_GAP)
        else:
            centre_x = x_of(ease) + (half_shift if ease.is_integer() else 0)
        centre_y = y_of(line) - side_y * (extent_y + EDGE_GAP) if side_y else y_of(impact)
        for number, item in enumerate(group):
            row, column = divmod(number, columns)
            markers.append(
                Marker(
                    item=item,
                    x=round(centre_x + (column - (columns - 1) / 2) * step, 2),
                    y=round(centre_y + (row - (rows - 1) / 2) * step, 2),
                    radius=round(radius, 2),
                )
            )
    return markers


def build(high_from, label_of, official=(), crowd=(), *, both_layers=False) -> Matrix:
    """The whole picture. `official` and `crowd`: (item, impact, ease) triples; `label_of(quadrant)`
    gives the index's name of a quadrant. With `both_layers`, official markers take the left half of
    their cell and crowd markers the right half."""
    line = boundary(high_from)
    return Matrix(
        high_from=Decimal(str(high_from)),
        regions=regions(high_from, label_of),
        official=spread(official, high_from, half="left" if both_layers else None),
        crowd=spread(crowd, high_from, half="right" if both_layers else None),
        threshold_x=x_of(line),
        threshold_y=y_of(line),
        x_ticks=[Tick(score, x_of(score)) for score in SCORE_RANGE],
        y_ticks=[Tick(score, y_of(score)) for score in SCORE_RANGE],
        grid_x=[x_of(score + 0.5) for score in SCORE_RANGE[:-1]],
        grid_y=[y_of(score + 0.5) for score in SCORE_RANGE[:-1]],
    )


QUADRANT_ORDER = {quadrant: number for number, quadrant in enumerate(Quadrant)}


def quadrant_sort_key(impact, ease, high_from):
    """NOW, WOW, POW, HOW; within a quadrant the strongest first."""
    quadrant = quadrant_of(impact, ease, high_from)
    return (QUADRANT_ORDER.get(quadrant, len(QUADRANT_ORDER)), -(impact or 0), -(ease or 0))
