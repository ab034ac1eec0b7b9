"""tools/precomputed.py computes what the chapters compute.

The scripts that wrote data/precomputed/ (tools/tata_aapl_runs.py, tools/seed_spread.py) take
the windows, the persistence baseline, the lag check and the model builder from
tools/precomputed.py, which students do not receive. The chapters write the same code in the
open (the TATA chapter's exercises and its keras.Sequential model), so these tests compare the
two: same results on random series, same weights from the same seed.
"""

import re
import sys
from pathlib import Path

import keras
import numpy as np
import pandas as pd
import pytest

from labutils import repro

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import precomputed as tools  # noqa: E402

TATA = ROOT / "chapters" / "3_forecasting" / "forecast_tata.py"


def tata_cells():
    """The code cells of the TATA chapter's source, as (header line, source) pairs."""
    cells, header, lines = [], None, []
    for line in TATA.read_text().splitlines():
        if line.startswith("# %%"):
            if header is not None and "[markdown]" not in header:
                cells.append((header, "\n".join(lines)))
            header, lines = line, []
        else:
            lines.append(line)
    if header is not None and "[markdown]" not in header:
        cells.append((header, "\n".join(lines)))
    return cells


def tata_solutions():
    """The TATA chapter's solutions of its four exercises, defined in a fresh namespace."""
    namespace = {"np": np, "pd": pd}
    for header, source in tata_cells():
        grade_id = re.search(r'"grade_id": "(\w+)"', header)
        if grade_id and '"solution": true' in header:
            exec(source, namespace)
    return namespace


@pytest.fixture(scope="module")
def chapter():
    return tata_solutions()


@pytest.mark.parametrize("n, window", [(30, 5), (61, 60), (12, 1)])
def test_windows_equal_the_chapter_s(chapter, n, window):
    rng = np.random.default_rng(n)
    values, test = rng.normal(size=n), rng.normal(size=7)
    for ours, theirs in [(tools.make_windows(values, window), chapter["make_windows"](values, window)),
                         (tools.test_windows(values, test, window),
                          chapter["test_windows"](values, test, window))]:
        assert ours[0].shape == theirs[0].shape
        np.testing.assert_array_equal(ours[0], theirs[0])
        np.testing.assert_array_equal(ours[1], theirs[1])


def test_windows_refuse_too_few_values():
    with pytest.raises(ValueError):
        tools.make_windows(np.arange(5.0), 5)
    with pytest.raises(ValueError):
        tools.test_windows(np.arange(3.0), np.arange(4.0), 4)


def test_persistence_and_lag_check_equal_the_chapter_s(chapter):
    rng = np.random.default_rng(0)
    train, test = pd.Series(rng.normal(size=40)), pd.Series(rng.normal(size=16), index=range(100, 116))
    np.testing.assert_array_equal(tools.persistence_forecast(train, test),
                                  chapter["persistence_forecast"](train, test))
    predicted = rng.normal(size=16)
    pd.testing.assert_frame_equal(tools.lag_check(test, predicted, max_lag=5),
                                  chapter["lag_check"](test, predicted, max_lag=5))


def test_the_builder_gives_the_chapter_s_model_seed_for_seed():
    """The TATA chapter's model cell and build_recurrent_model: same layers, same weights."""
    model_cell = next(source for _, source in tata_cells() if "keras.Sequential(" in source)
    namespace = {"keras": keras, "pd": pd, "repro": repro, "SEED": 3, "WINDOW": 6}
    exec(model_cell, namespace)  # seeds with SEED, then builds and compiles `model`
    repro.seed_everything(3)
    built = tools.build_recurrent_model(6, cell="lstm", units=50, layers=4, dropout=0.2,
                                        jit_compile=True, steps_per_execution=16)
    chapter_model = namespace["model"]
    assert [type(layer) for layer in built.layers] == [type(layer) for layer in chapter_model.layers]
    for ours, theirs in zip(built.get_weights(), chapter_model.get_weights()):
        np.testing.assert_array_equal(ours, theirs)
    dropout_seeds = [[np.asarray(layer.seed_generator.state.value) for layer in model.layers
                      if isinstance(layer, keras.layers.Dropout)] for model in (built, chapter_model)]
    for ours, theirs in zip(*dropout_seeds):
        np.testing.assert_array_equal(ours, theirs)


def layer_summary(model):
    """(class name, units or wrapped class, return_sequences) of every layer."""
    rows = []
    for layer in model.layers:
        inner = getattr(layer, "forward_layer", layer)
        rows.append((type(layer).__name__, type(inner).__name__, getattr(inner, "units", None),
                     getattr(inner, "return_sequences", None)))
    return rows


def test_builder_lstm_stack_of_the_reports():
    model = tools.build_recurrent_model(60)
    assert model.input_shape == (None, 60, 1) and model.output_shape == (None, 1)
    assert layer_summary(model) == [
        ("LSTM", "LSTM", 50, True), ("Dropout", "Dropout", None, None),
        ("LSTM", "LSTM", 50, True), ("Dropout", "Dropout", None, None),
        ("LSTM", "LSTM", 50, True), ("Dropout", "Dropout", None, None),
        ("LSTM", "LSTM", 50, False), ("Dropout", "Dropout", None, None),
        ("Dense", "Dense", 1, None),
    ]
    assert model.count_params() == 71051  # 10400 + 3 * 20200 + 51, as the reports' summary


def test_builder_gru_without_dropout_mixed_and_bidirectional():
    gru = tools.build_recurrent_model(1, cell="gru", units=4, layers=1, dropout=0, activation="sigmoid")
    assert layer_summary(gru) == [("GRU", "GRU", 4, False), ("Dense", "Dense", 1, None)]
    assert gru.layers[0].activation.__name__ == "sigmoid"
    mixed = tools.build_recurrent_model(7, cell=["lstm", "gru"], units=[8, 4], dropout=0, dense_units=(3,))
    assert layer_summary(mixed) == [("LSTM", "LSTM", 8, True), ("GRU", "GRU", 4, False),
                                    ("Dense", "Dense", 3, None), ("Dense", "Dense", 1, None)]
    both_ways = tools.build_recurrent_model(5, units=6, layers=2, bidirectional=True)
    assert [row[:2] for row in layer_summary(both_ways)] == [
        ("Bidirectional", "LSTM"), ("Dropout", "Dropout"),
        ("Bidirectional", "LSTM"), ("Dropout", "Dropout"), ("Dense", "Dense")]
    assert both_ways.layers[0].output.shape == (None, 5, 12)
    with pytest.raises(ValueError, match="cell must be one of"):
        tools.build_recurrent_model(5, cell="rnn")
