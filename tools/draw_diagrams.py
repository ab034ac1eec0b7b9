"""Draw the book's diagrams into labutils/figures/NAME.svg.

    python tools/draw_diagrams.py            # rewrite every diagram
    python tools/draw_diagrams.py --check    # exit 1 if a file differs from what this draws

Each diagram is a function below that places boxes, arrows and labels on an opaque white card
about 700 units wide (legible on the site's dark theme and in JupyterLab's). The output is plain
SVG text, with no dates and no random ids, so drawing twice gives the same bytes;
tests/test_diagrams.py checks that the committed files are this script's output. Why a script
rather than hand-written SVG: one palette, one arrow and one label style for all seven.
Labels use a small TeX-like markup: ``x^{⟨t⟩}``, ``W_{aa}``, ``Γ_f`` (see ``math_label``).
"""

import math
import re
import sys
from pathlib import Path
from xml.dom import minidom
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from labutils.diagrams import ALT  # noqa: E402  (the alt texts live with the package)

FIGURES = ROOT / "labutils" / "figures"

# Style: one palette and one set of sizes for every diagram.
SERIF = "'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif"
SANS = "'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
CARD, CARD_EDGE, CELL = "#ffffff", "#d0d7de", "#f4f8fc"  # CELL: inside a cell
INK, MUTED, FAINT, FAINT_TEXT = "#1f2328", "#57606a", "#b4bcc5", "#8c959f"  # FAINT: the forward pass of bptt
BLUE, BLUE_FILL = "#2f6cb0", "#e3eefa"          # cells and states
ORANGE, ORANGE_FILL = "#b35c00", "#fde9d2"      # sigmoid gates
GREEN, GREEN_FILL = "#2c7a4b", "#dcf0e3"        # tanh layers
PURPLE = "#6a3d9a"                              # the LSTM's memory cell
RED = "#c0392b"                                 # gradients
MATH, TEXT, SMALL = 20, 16, 15                  # font sizes (user units)
LINE = 1.8                                      # stroke width of arrows


def fmt(value):
    """A coordinate as short, stable text."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def math_label(label):
    """Runs (text, italic, rise, scale) of a TeX-like label: ``_x``/``_{..}`` sub, ``^x``/``^{..}`` sup.

    rise is the baseline's height and scale the font size, both in units of the label's size.
    Latin letters are italic, as in TeX, except in the words tanh, softmax and concat.
    """
    runs = []

    def parse(text, rise, scale):
        i = 0
        while i < len(text):
            char = text[i]
            if char in "_^":
                inner_rise = rise + (0.42 if char == "^" else -0.25) * scale
                if text[i + 1] == "{":
                    depth, j = 1, i + 2
                    while depth:
                        depth += {"{": 1, "}": -1}.get(text[j], 0)
                        j += 1
                    parse(text[i + 2:j - 1], inner_rise, scale * 0.72)
                    i = j
                else:
                    parse(text[i + 1], inner_rise, scale * 0.72)
                    i += 2
                continue
            word = re.match(r"tanh|softmax|concat", text[i:])
            if word:
                runs.append((word.group(), False, rise, scale))
                i += len(word.group())
                continue
            runs.append((char, char.isascii() and char.isalpha(), rise, scale))
            i += 1

    parse(label, 0.0, 1.0)
    merged = []
    for run in runs:
        if merged and merged[-1][1:] == run[1:]:
            merged[-1] = (merged[-1][0] + run[0],) + run[1:]
        else:
            merged.append(run)
    return merged


class Drawing:
    """An SVG card of a given size, built from shapes, arrows and labels."""

    def __init__(self, width, height, shift=0):
        """A card width x height; with shift, every shape drawn moves up by that much."""
        self.width, self.height, self.shift = width, height, shift
        self.parts = []

    def add(self, element):
        """Append one SVG element (text)."""
        self.parts.append(element)

    # text --------------------------------------------------------------------------------
    def rich(self, x, y, text, size=TEXT, anchor="middle", color=MUTED, math_color=INK, halo=None):
        """Words (sans-serif) with $formulas$ (serif, 10 % larger) in one line, baseline at y.

        halo: a colour drawn around the letters, to keep them legible over lines.
        """
        spans, rise_now = [], 0.0
        for index, piece in enumerate(text.split("$")):
            if index % 2 == 0:
                runs, family, fill, base = [(piece, False, 0.0, 1.0)] if piece else [], SANS, color, size
            else:
                runs, family, fill, base = math_label(piece), SERIF, math_color, size * 1.1
            for run, italic, rise, scale in runs:
                attrs = f' font-family="{family}"' if family != SERIF else ""
                if round(rise * base, 1) != round(rise_now, 1):
                    attrs += f' dy="{fmt(rise_now - rise * base)}"'
                if italic:
                    attrs += ' font-style="italic"'
                if base * scale != size:
                    attrs += f' font-size="{fmt(base * scale)}"'
                if fill != color:
                    attrs += f' fill="{fill}"'
                spans.append(f"<tspan{attrs}>{escape(run)}</tspan>")
                rise_now = rise * base
        outline = (f' stroke="{halo}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'
                   if halo else "")
        self.add(f'<text x="{fmt(x)}" y="{fmt(y)}" font-family="{SERIF}" font-size="{fmt(size)}" '
                 f'text-anchor="{anchor}" fill="{color}"{outline}>'
                 f'{"".join(spans)}</text>')

    def math(self, x, y, label, size=MATH, anchor="middle", color=INK, halo=None):
        """A formula whose baseline is at y (use y + 0.35 * size to centre it on y)."""
        self.rich(x, y, f"${label}$", size / 1.1, anchor, color, color, halo)

    def text(self, x, y, words, size=TEXT, anchor="middle", color=MUTED, weight=None):
        """Plain words (sans-serif) with their baseline at y."""
        bold = f' font-weight="{weight}"' if weight else ""
        self.add(f'<text x="{fmt(x)}" y="{fmt(y)}" font-family="{SANS}" font-size="{size}" '
                 f'text-anchor="{anchor}" fill="{color}"{bold}>{escape(words)}</text>')

    def vec(self, x, y, direction, sup, size=MATH, color=INK):
        """The state a with an arrow over it (→ forward, ← backward) and a superscript."""
        self.math(x, y, "a", size, color=color)
        left, right, top = x - 0.2 * size, x + 0.36 * size, y - 0.82 * size
        tip, tail = (right, left) if direction > 0 else (left, right)
        self.add(f'<path d="M{fmt(tail)},{fmt(top)}H{fmt(tip)}" stroke="{color}" stroke-width="1.4"/>')
        self.head(tip, top, direction, 0, color, 6)
        self.math(x + 0.42 * size, y - 0.42 * size, sup, size * 0.72, anchor="start", color=color)

    # shapes ------------------------------------------------------------------------------
    def box(self, cx, cy, w, h, stroke=BLUE, fill=BLUE_FILL, label=None, size=MATH, rx=6):
        """A rounded box centred on (cx, cy), with an optional formula inside."""
        self.add(f'<rect x="{fmt(cx - w / 2)}" y="{fmt(cy - h / 2)}" width="{fmt(w)}" '
                 f'height="{fmt(h)}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="1.6"/>')
        if label:
            self.math(cx, cy + 0.35 * size, label, size)

    def op(self, cx, cy, symbol, r=13, color=INK):
        """A pointwise operation: a small circle with ×, + or 1−."""
        self.add(f'<circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="{r}" fill="{CARD}" stroke="{color}" '
                 f'stroke-width="1.6"/>')
        size = 20 if len(symbol) == 1 else 14
        self.add(f'<text x="{fmt(cx)}" y="{fmt(cy + 0.35 * size)}" font-family="{SANS}" '
                 f'font-size="{size}" text-anchor="middle" fill="{color}">{escape(symbol)}</text>')

    def pill(self, cx, cy, label, stroke=GREEN, fill=CARD):
        """A pointwise function (tanh of the memory cell): an ellipse with its name."""
        self.add(f'<ellipse cx="{fmt(cx)}" cy="{fmt(cy)}" rx="27" ry="14" fill="{fill}" '
                 f'stroke="{stroke}" stroke-width="1.6"/>')
        self.math(cx, cy + 0.35 * 16, label, 16)

    def dots(self, x, y, color=INK, vertical=False):
        """Three dots: the steps left out."""
        for k in (-1, 0, 1):
            self.dot(x + (0 if vertical else 9 * k), y + (9 * k if vertical else 0), color, 2.2)

    def dot(self, x, y, color=INK, r=3.5):
        """A junction: the line branches here."""
        self.add(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{r}" fill="{color}"/>')

    # lines -------------------------------------------------------------------------------
    def head(self, x, y, dx, dy, color, length=9):
        """An arrowhead with its tip at (x, y), pointing along (dx, dy)."""
        norm = math.hypot(dx, dy)
        ux, uy = dx / norm, dy / norm
        bx, by = x - ux * length, y - uy * length
        half = length * 0.45
        points = [(x, y), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
        self.add(f'<path d="M{"L".join(f"{fmt(px)},{fmt(py)}" for px, py in points)}Z" '
                 f'fill="{color}"/>')

    def line(self, points, color=INK, width=LINE, arrow=True, dashed=False):
        """A polyline through points, with an arrowhead at the last point unless arrow=False."""
        points = list(points)
        if arrow:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            norm = math.hypot(x1 - x0, y1 - y0)
            stop = 8 / norm  # end the stroke inside the head, so its tip stays sharp
            points[-1] = (x1 - (x1 - x0) * stop, y1 - (y1 - y0) * stop)
        d = "M" + "L".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        self.add(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{width}"{dash} '
                 f'stroke-linejoin="round"/>')
        if arrow:
            self.head(x1, y1, x1 - x0, y1 - y0, color, 9 + width)

    def gap(self, x, y, under, fill=CARD):
        """Blank the line under a crossing at (x, y), "h" or "v"; then draw the line over it."""
        w, h = (16, 8) if under == "h" else (8, 16)
        self.add(f'<rect x="{fmt(x - w / 2)}" y="{fmt(y - h / 2)}" width="{w}" height="{h}" '
                 f'fill="{fill}"/>')

    def svg(self, title, desc):
        """The finished SVG document."""
        card = (f'<rect x="1" y="1" width="{self.width - 2}" height="{self.height - 2}" rx="10" '
                f'fill="{CARD}" stroke="{CARD_EDGE}"/>')
        body = "\n".join(self.parts)
        if self.shift:
            body = f'<g transform="translate(0,-{self.shift})">\n{body}\n</g>'
        body = card + "\n" + body
        text = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" '
                f'height="{self.height}" viewBox="0 0 {self.width} {self.height}" role="img">\n'
                f"<title>{escape(title)}</title>\n<desc>{escape(desc)}</desc>\n{body}\n</svg>\n")
        # IPython's SVG display object re-serialises the file with minidom: store that form,
        # so a chapter's output is byte for byte the file.
        return minidom.parseString(text).documentElement.toxml() + "\n"


# The diagrams ----------------------------------------------------------------------------
def rnn_unrolled():
    """The RNN unrolled over T_x steps: one cell, the same parameters, at every step."""
    d = Drawing(680, 330)
    cy, w, h = 140, 86, 60
    steps = [(150, "1"), (290, "2"), (430, "3"), (600, "T_x")]
    d.math(44, cy + 7, "a^{⟨0⟩}")
    d.line([(68, cy), (150 - w / 2, cy)])
    for (cx, t), (next_cx, _) in zip(steps, steps[1:] + [(None, None)]):
        d.box(cx, cy, w, h)
        d.text(cx, cy + 6, "RNN cell", TEXT, color=INK)
        d.line([(cx, cy - h / 2), (cx, 66)])
        d.math(cx, 52, f"ŷ^{{⟨{t}⟩}}")
        d.math(cx, 262, f"x^{{⟨{t}⟩}}")
        d.line([(cx, 240), (cx, cy + h / 2)])
        if next_cx is None:
            d.line([(cx + w / 2, cy), (668, cy)])
        elif t == "3":
            d.line([(cx + w / 2, cy), (500, cy)], arrow=False)
            d.dots(514, cy)
            d.line([(530, cy), (next_cx - w / 2, cy)])
            d.math(488, cy - 12, f"a^{{⟨{t}⟩}}", 17)
        else:
            d.line([(cx + w / 2, cy), (next_cx - w / 2, cy)])
            d.math((cx + next_cx) / 2, cy - 12, f"a^{{⟨{t}⟩}}", 17)
    d.add(f'<path d="M107,280V290H643V280" fill="none" stroke="{MUTED}" stroke-width="1.2"/>')
    d.rich(375, 316, "every step uses the same $W_{ax}$, $W_{aa}$, $W_{ya}$, $b_a$, $b_y$")
    return d


def rnn_cell():
    """One basic RNN cell, from a^<t-1> and x^<t> to a^<t> and ŷ^<t>."""
    d = Drawing(680, 450)
    y = 265                                                  # the hidden state's line
    d.box(335, 245, 460, 290, stroke=BLUE, fill=CELL, rx=14)
    d.text(120, 124, "RNN cell", SMALL, anchor="start", color=BLUE, weight="bold")
    d.math(52, y - 12, "a^{⟨t−1⟩}")
    d.text(52, y + 24, "from step t−1", SMALL)
    d.line([(16, y), (135, y)])
    d.box(165, y, 60, 40, stroke=INK, fill=CARD, label="W_{aa}")
    d.line([(195, y), (247, y)])
    d.op(260, y, "+")
    d.math(214, 220, "b_a")
    d.line([(224, 224), (251, 255)])
    d.math(260, 434, "x^{⟨t⟩}")
    d.line([(260, 412), (260, 365)])
    d.box(260, 345, 60, 40, stroke=INK, fill=CARD, label="W_{ax}")
    d.line([(260, 325), (260, y + 13)])
    d.line([(273, y), (307, y)])
    d.box(345, y, 76, 42, stroke=GREEN, fill=GREEN_FILL, label="tanh")
    d.line([(383, y), (652, y)])
    d.math(414, y - 10, "a^{⟨t⟩}", 16)
    d.dot(445, y)
    d.line([(445, y), (445, 172)])
    d.box(445, 150, 190, 44, label="softmax(W_{ya} a^{⟨t⟩} + b_y)", size=17)
    d.line([(445, 128), (445, 56)])
    d.math(445, 40, "ŷ^{⟨t⟩}")
    d.math(618, y - 12, "a^{⟨t⟩}")
    d.text(618, y + 24, "to step t+1", SMALL)
    return d


def gate(d, cx, cy, symbol, name):
    """A learned layer of a gated cell: σ (orange) or tanh (green); its name beside its input."""
    stroke, fill = (ORANGE, ORANGE_FILL) if symbol == "σ" else (GREEN, GREEN_FILL)
    d.box(cx, cy, 56 if symbol == "σ" else 64, 40, stroke=stroke, fill=fill, label=symbol)
    if name:
        d.text(cx - 7, cy + 52, name, SMALL, anchor="end")


def lstm_cell():
    """The LSTM cell: the memory line on top, three sigmoid gates and the candidate below."""
    d = Drawing(700, 480, shift=30)
    mem, bus, gates = 110, 410, 320                          # heights of the three rows
    d.box(355, 265, 530, 370, stroke=BLUE, fill=CELL, rx=14)
    d.text(606, 440, "LSTM cell", SMALL, anchor="end", color=BLUE, weight="bold")
    # the bus: [a<t-1>; x<t>] feeds every layer
    d.math(48, bus - 12, "a^{⟨t−1⟩}")
    d.line([(16, bus), (460, bus), (460, gates + 20)])
    d.math(130, 496, "x^{⟨t⟩}")
    d.line([(130, 474), (130, bus)], arrow=False)
    d.dot(130, bus)
    for x in (210, 290, 380):
        d.dot(x, bus)
        d.line([(x, bus), (x, gates + 20)])
    gate(d, 210, gates, "σ", "forget")
    gate(d, 290, gates, "σ", "update")
    gate(d, 380, gates, "tanh", "candidate")
    gate(d, 460, gates, "σ", "output")
    # the memory cell, along the top
    d.math(48, mem - 12, "c^{⟨t−1⟩}", color=PURPLE)
    d.line([(16, mem), (197, mem)], PURPLE, 2.6, arrow=False)
    d.line([(223, mem), (367, mem)], PURPLE, 2.6, arrow=False)
    d.line([(393, mem), (684, mem)], PURPLE, 2.6)
    d.math(656, mem - 12, "c^{⟨t⟩}", color=PURPLE)
    d.op(210, mem, "×")
    d.op(380, mem, "+")
    d.line([(210, gates - 20), (210, mem + 13)])
    d.math(218, 250, "Γ_f", anchor="start")
    d.line([(290, gates - 20), (290, 200), (367, 200)])
    d.math(298, 250, "Γ_u", anchor="start")
    d.line([(380, gates - 20), (380, 213)])
    d.math(388, 258, "c̃^{⟨t⟩}", anchor="start")
    d.op(380, 200, "×")
    d.line([(380, 187), (380, mem + 13)])
    # the hidden state: a<t> = Γ_o × tanh(c<t>)
    d.line([(460, gates - 20), (460, 260), (527, 260)])
    d.math(468, 292, "Γ_o", anchor="start")
    d.dot(540, mem, PURPLE)
    d.line([(540, mem), (540, 166)], PURPLE, 1.8)
    d.pill(540, 180, "tanh")
    d.line([(540, 194), (540, 247)])
    d.op(540, 260, "×")
    d.line([(540, 273), (540, bus), (684, bus)])
    d.math(656, bus - 12, "a^{⟨t⟩}")
    return d


def gru_cell():
    """The GRU cell (Keras, reset_after=False): a reset gate, an update gate, one state."""
    d = Drawing(700, 510, shift=30)
    top, bus, gates = 100, 410, 330
    d.box(350, 275, 540, 420, stroke=BLUE, fill=CELL, rx=14)
    d.text(606, 476, "GRU cell", SMALL, anchor="end", color=BLUE, weight="bold")
    d.text(684, 526, "as keras.layers.GRU(reset_after=False) computes it", SMALL, anchor="end")
    # the state line along the top: a<t> = Γ_z ⊙ a<t-1> + (1 − Γ_z) ⊙ ã<t>
    d.math(46, top - 12, "a^{⟨t−1⟩}")
    d.line([(16, top), (417, top)], arrow=False)
    d.line([(443, top), (547, top)], arrow=False)
    d.line([(573, top), (684, top)])
    d.math(656, top - 12, "a^{⟨t⟩}")
    d.op(430, top, "×")
    d.op(560, top, "+")
    d.dot(110, top)
    d.line([(110, top), (110, bus), (330, bus), (330, gates + 20)])
    d.math(150, 526, "x^{⟨t⟩}")
    d.line([(150, 506), (150, bus)], arrow=False)
    d.dot(150, 460)
    d.dot(150, bus)
    d.dot(220, bus)
    d.line([(220, bus), (220, gates + 20)])
    gate(d, 220, gates, "σ", "reset")
    gate(d, 330, gates, "σ", "update")
    # the reset gate scales the old state the candidate sees
    d.dot(110, 250)
    d.line([(110, 250), (207, 250)])
    d.line([(220, gates - 20), (220, 263)])
    d.math(228, 300, "Γ_r", anchor="start")
    d.op(220, 250, "×")
    d.line([(233, 250), (480, 250), (480, gates), (520, gates)])
    d.math(405, 240, "Γ_r ⊙ a^{⟨t−1⟩}", 16)
    d.line([(150, 460), (560, 460), (560, gates + 20)])
    gate(d, 560, gates, "tanh", "")
    d.line([(560, gates - 20), (560, 193)])
    d.math(568, 276, "ã^{⟨t⟩}", anchor="start")
    # the update gate: keep Γ_z of the old state, write 1 − Γ_z of the candidate
    d.gap(330, 250, "h", CELL)
    d.line([(330, gates - 20), (330, 180), (482, 180)])
    d.math(338, 300, "Γ_z", anchor="start")
    d.dot(430, 180)
    d.line([(430, 180), (430, top + 13)])
    d.op(495, 180, "1−")
    d.line([(508, 180), (547, 180)])
    d.op(560, 180, "×")
    d.line([(560, 167), (560, top + 13)])
    return d


def bidirectional_rnn():
    """A bidirectional RNN: a forward and a backward chain, concatenated for each output."""
    d = Drawing(680, 490)
    fwd, bwd, cat = 300, 195, 115                            # heights of the rows
    columns = [150, 280, 410, 540]
    d.vec(36, fwd + 7, +1, "⟨0⟩", color=BLUE)
    d.line([(62, fwd), (columns[0] - 48, fwd)], BLUE)
    d.vec(644, bwd + 7, -1, "⟨5⟩", color=ORANGE)
    d.line([(632, bwd), (columns[-1] + 48, bwd)], ORANGE)
    for t, cx in enumerate(columns, start=1):
        if t < len(columns):                                 # the chains between the cells
            d.line([(cx + 12, fwd), (cx + 82, fwd)], BLUE)
            d.line([(cx + 82 + 36, bwd), (cx + 48, bwd)], ORANGE)
        # x<t> feeds both chains
        d.math(cx, 452, f"x^{{⟨{t}⟩}}")
        d.line([(cx, 430), (cx, 370)], arrow=False)
        d.dot(cx, 370)
        d.line([(cx, 370), (cx - 18, 370), (cx - 18, fwd + 22)])
        d.gap(cx + 30, fwd, "h")
        d.line([(cx, 370), (cx + 30, 370), (cx + 30, bwd + 22)])
        d.box(cx - 18, fwd, 60, 44)
        d.vec(cx - 24, fwd + 7, +1, f"⟨{t}⟩", color=BLUE)
        d.box(cx + 18, bwd, 60, 44, stroke=ORANGE, fill=ORANGE_FILL)
        d.vec(cx + 12, bwd + 7, -1, f"⟨{t}⟩", color=ORANGE)
        # both states go up to the output
        if t > 1:
            d.gap(cx - 30, bwd, "h")
        d.line([(cx - 30, fwd - 22), (cx - 30, cat + 14)], BLUE)
        d.line([(cx + 30, bwd - 22), (cx + 30, cat + 14)], ORANGE)
        d.box(cx, cat, 84, 28, stroke=INK, fill=CARD)
        d.text(cx, cat + 5, "concat", SMALL, color=INK)
        d.line([(cx, cat - 14), (cx, 64)])
        d.math(cx, 50, f"ŷ^{{⟨{t}⟩}}")
    d.line([(150, 474), (180, 474)], BLUE, arrow=False)
    d.text(188, 479, "forward chain", SMALL, anchor="start")
    d.line([(330, 474), (360, 474)], ORANGE, arrow=False)
    d.text(368, 479, "backward chain", SMALL, anchor="start")
    return d


def bptt():
    """Backpropagation through time: the gradients flow right to left through the unrolled RNN."""
    d = Drawing(700, 430)
    cy, w, h = 215, 88, 64
    columns = [150, 295, 440, 585]
    fwd, back = cy - 12, cy + 10                             # heights of the two passes
    # the parameter gradients: every step adds its share
    d.math(60, 82, "Σ", 22, color=RED)
    d.add(f'<circle cx="60" cy="75" r="16" fill="none" stroke="{RED}" stroke-width="1.6"/>')
    d.line([(columns[-1], 75), (78, 75)], RED, 1.4)
    d.rich(90, 50, "$dW_{ax}$, $dW_{aa}$, $db_a$: every step's share, summed", SMALL, anchor="start",
           color=RED, math_color=RED)
    # the forward pass, faintly
    d.math(44, fwd - 10, "a^{⟨0⟩}", 17, color=FAINT_TEXT)
    d.line([(20, fwd), (columns[0] - w / 2, fwd)], FAINT)
    d.math(40, back + 30, "da^{⟨0⟩}", 17, color=RED)
    d.line([(columns[0] - w / 2, back), (20, back)], RED)
    for t, cx in enumerate(columns, start=1):
        last = t == len(columns)
        if not last:
            d.line([(cx + w / 2, fwd), (cx + 145 - w / 2, fwd)], FAINT)
        d.line([(cx - 24, 312), (cx - 24, cy + h / 2)], FAINT)
        d.math(cx - 24, 330, f"x^{{⟨{t}⟩}}", 17, color=FAINT_TEXT)
        d.line([(cx - 24, cy - h / 2), (cx - 24, 150)], FAINT)
        d.math(cx - 24, 138, f"ŷ^{{⟨{t}⟩}}", 17, color=FAINT_TEXT)
        d.box(cx, cy, w, h, stroke=INK, fill=CARD)
        d.text(cx, cy + 6, f"step {t}", TEXT, color=INK)
        # gradients: da<t> from the output, plus da_prev from the step after
        d.math(cx + 72, 125, f"da^{{⟨{t}⟩}}", 17, color=RED)
        d.gap(cx + 72, fwd, "h")
        if last:
            d.line([(cx + 72, 134), (cx + 72, back), (cx + w / 2, back)], RED)
        else:
            d.line([(cx + 72, 134), (cx + 72, back - 10)], RED)
            d.op(cx + 72, back, "+", r=10, color=RED)
            d.line([(cx + 145 - w / 2, back), (cx + 82, back)], RED)
            d.line([(cx + 62, back), (cx + w / 2, back)], RED)
            d.math(cx + 86, back + 40, "da_{prev}", 15, color=RED)
        d.line([(cx + 24, cy + h / 2), (cx + 24, 338)], RED)
        d.math(cx + 24, 358, f"dx^{{⟨{t}⟩}}", 17, color=RED)
        d.dot(cx, 75, RED)
        d.line([(cx, cy - h / 2), (cx, 75)], RED, 1.4, arrow=False, dashed=True)
    d.line([(150, 406), (180, 406)], FAINT, arrow=False)
    d.text(188, 411, "forward pass", SMALL, anchor="start")
    d.line([(330, 406), (360, 406)], RED, arrow=False)
    d.text(368, 411, "backward pass: gradients", SMALL, anchor="start")
    return d


def sliding_window():
    """Windows of 60 days and their next-day targets, sliding by one day; the split in time."""
    d = Drawing(700, 470)
    x0, day, days, split, window = 130, 10, 54, 40, 14       # not to scale: 14 boxes for 60 days

    def at(k):
        return x0 + k * day

    top, bottom = 52, 160
    d.add(f'<rect x="{at(0)}" y="{top}" width="{split * day}" height="{bottom - top}" '
          f'fill="#eef4fb"/>')
    d.add(f'<rect x="{at(split)}" y="{top}" width="{(days - split) * day}" '
          f'height="{bottom - top}" fill="#fdf3e7"/>')
    d.text((at(0) + at(split)) / 2, 42, "training days", SMALL, color=BLUE, weight="bold")
    d.text((at(split) + at(days)) / 2, 42, "test days", SMALL, color=ORANGE, weight="bold")
    prices = [100 + 9 * math.sin(k / 6) + 3 * math.sin(k / 1.7) + 2 * math.sin(1.9 * k + 1) + 0.35 * k
              for k in range(days)]
    low, high = min(prices), max(prices)
    points = [(at(k + 0.5), bottom - 12 - (p - low) / (high - low) * (bottom - top - 24))
              for k, p in enumerate(prices)]
    d.line(points, INK, 1.6, arrow=False)
    d.text(30, (top + bottom) / 2 + 5, "price", SMALL, anchor="start")
    d.line([(at(0), bottom + 8), (at(days) + 4, bottom + 8)], MUTED, 1.2)
    d.text(at(days), bottom + 28, "time (days)", SMALL, anchor="end")
    d.add(f'<path d="M{at(split)},{top - 6}V398" stroke="{MUTED}" stroke-width="1.4" '
          f'stroke-dasharray="6 4"/>')

    def example(row_y, start, label, note=""):
        d.text(x0 - 10, row_y + 5, label, SMALL, anchor="end", color=INK)
        d.add(f'<rect x="{at(start)}" y="{row_y - 10}" width="{window * day}" height="20" '
              f'fill="{BLUE_FILL}" stroke="{BLUE}" stroke-width="1.4"/>')
        for k in range(1, window):
            d.add(f'<path d="M{at(start + k)},{row_y - 10}v20" stroke="{BLUE}" stroke-width="0.5"/>')
        d.math((at(start) + at(start + window)) / 2, row_y + 6, "X", 17, halo=BLUE_FILL)
        d.add(f'<rect x="{at(start + window)}" y="{row_y - 10}" width="{day}" height="20" '
              f'fill="{ORANGE}" stroke="{ORANGE}" stroke-width="1.4"/>')
        d.math(at(start + window + 1) + 6, row_y + 6, "y", 17, anchor="start", color=ORANGE)
        if note:
            d.rich(at(start + window + 1) + 24, row_y + 5, note, SMALL, anchor="start")

    example(214, 0, "window 1", "$X$ = 60 days, $y$ = the next day")
    example(244, 1, "window 2", "slides by one day")
    example(274, 2, "window 3")
    d.dots(at(10), 306, MUTED, vertical=True)
    example(344, split - window, "test window 1")
    example(374, split - window + 1, "test window 2")
    d.text(350, 424, "Test windows reach back into the training days for their inputs;", SMALL,
           color=INK)
    d.text(350, 446, "no window ever reads a day after its target. (Not to scale.)", SMALL,
           color=INK)
    return d


DIAGRAMS = {
    "rnn_unrolled": ("An RNN unrolled over time", rnn_unrolled),
    "rnn_cell": ("A basic RNN cell", rnn_cell),
    "lstm_cell": ("The LSTM cell", lstm_cell),
    "gru_cell": ("The GRU cell", gru_cell),
    "bidirectional_rnn": ("A bidirectional RNN", bidirectional_rnn),
    "bptt": ("Backpropagation through time", bptt),
    "sliding_window": ("The sliding window of the forecasting chapters", sliding_window),
}


def draw(name):
    """The SVG text of diagram name."""
    title, function = DIAGRAMS[name]
    return function().svg(title, ALT[name])


def main(argv):
    """Write every diagram, or with --check report the ones whose file is not current."""
    stale = []
    for name in DIAGRAMS:
        path = FIGURES / f"{name}.svg"
        text = draw(name)
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            FIGURES.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: {len(text.encode()):,} bytes")
    if stale:
        print("not current (run python tools/draw_diagrams.py):", ", ".join(stale))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
