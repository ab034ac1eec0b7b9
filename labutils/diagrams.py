"""The book's diagrams: ``show(name)`` displays one in a notebook, ``ALT`` holds their alt texts.

The pictures are ``labutils/figures/NAME.svg``, drawn by ``tools/draw_diagrams.py`` (edit that
script and run it, never the SVG files). A chapter shows one with a cell tagged ``remove-input``
whose metadata gives the page its alt text: ``mystnb: {image: {alt: ALT[name]}}``.

Introduced in: the RNN by hand (the unrolled RNN); each chapter shows the diagrams of its topic.
"""

from importlib import resources

ALT = {
    "rnn_unrolled": (
        "An RNN unrolled over time: a row of identical RNN cells, one per time step. Each cell "
        "reads the input x of its step and the hidden state a of the step before (a0 at the "
        "start), passes its new state on to the next cell and emits a prediction y-hat; every "
        "step uses the same parameters Wax, Waa, Wya, ba and by."
    ),
    "rnn_cell": (
        "One basic RNN cell: the previous hidden state a(t-1) times Waa, plus the input x(t) times "
        "Wax, plus the bias ba, goes through tanh and gives the new hidden state a(t). a(t) goes on "
        "to the next time step and up to the prediction y-hat(t) = softmax(Wya a(t) + by)."
    ),
    "lstm_cell": (
        "The LSTM cell. Along the top, the memory cell c(t-1) is multiplied by the forget gate, "
        "then the update gate times the candidate memory is added, giving c(t). Below, the three "
        "sigmoid gates (forget, update, output) and the tanh candidate all read the previous hidden "
        "state a(t-1) and the input x(t); the new hidden state a(t) is the output gate times "
        "tanh(c(t))."
    ),
    "gru_cell": (
        "The GRU cell as keras.layers.GRU(reset_after=False) computes it. The reset gate scales the "
        "previous state a(t-1) before the tanh candidate reads it together with the input x(t); the "
        "new state a(t) keeps the update gate's share of a(t-1) and takes the rest, 1 minus the "
        "update gate, from the candidate."
    ),
    "bidirectional_rnn": (
        "A bidirectional RNN over four inputs x(1) to x(4): a forward chain of cells reads them "
        "from left to right and a backward chain reads them from right to left. At each step the "
        "two chains' states are concatenated to compute the prediction y-hat(t)."
    ),
    "bptt": (
        "Backpropagation through time over four steps, the forward pass drawn faintly. The "
        "gradients flow from right to left: each step's backward pass receives da(t) from its own "
        "output plus da_prev from the step after it, sends dx(t) down to its input and da_prev to "
        "the step before, and da0 leaves the first step; each step's share of dWax, dWaa and dba "
        "is summed over all the steps."
    ),
    "sliding_window": (
        "The sliding window of the forecasting chapters: a price series split in time into "
        "training days followed by test days. Each example takes 60 consecutive days as its "
        "input X and the next day as its target y, and the window slides forward by one day; "
        "test windows reach back into the training days for their inputs, and no window reads a "
        "day after its target."
    ),
}


def svg_text(name):
    """The SVG source of diagram ``name`` (a key of ``ALT``)."""
    if name not in ALT:
        raise KeyError(f"no diagram {name!r}; the diagrams are {', '.join(ALT)}")
    return resources.files("labutils").joinpath("figures", f"{name}.svg").read_text(encoding="utf-8")


def show(name):
    """Diagram ``name`` as an ``IPython.display.SVG``: the last line of a chapter's figure cell."""
    from IPython.display import SVG

    return SVG(data=svg_text(name))
