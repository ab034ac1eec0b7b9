"""tools/lstm_vs_gru_runs.py computes what the LSTM-against-GRU chapter computes.

The script that wrote data/precomputed/lstm_vs_gru.csv keeps its own copy of the tasks, the
contenders, the models and the training protocol (students do not receive tools/); the
chapter writes them in the open. These tests compare the two: the same constants, widths,
data, weights and early-stopping rule. No long training.
"""

import ast
import sys
from pathlib import Path

import keras
import numpy as np
import pandas as pd
import pytest
import tensorflow as tf

from labutils import forecast, repro
from labutils.data import load_prices

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import lstm_vs_gru_runs as tools  # noqa: E402

CHAPTER = ROOT / "chapters" / "3_forecasting" / "lstm_vs_gru.py"
CONSTANTS = ["LEARNING_RATE", "BATCH_SIZE", "MAX_EPOCHS", "PATIENCE", "VALIDATION_SHARE", "SEEDS", "LAG",
             "N_SYMBOLS", "MEMORY_UNITS", "IBM_UNITS", "MEMORY_TRAIN", "MEMORY_TEST", "WINDOW", "TEST_START",
             "IBM_SMALL"]
FUNCTIONS = ["make_recall_task", "make_windows", "test_windows", "persistence_forecast", "matched_gru_units",
             "build_contender", "train_contender", "memory_data"]


@pytest.fixture(scope="module")
def chapter():
    """The chapter's constants and functions (solutions included), defined in a fresh namespace."""
    tree = ast.parse(CHAPTER.read_text())
    wanted = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in FUNCTIONS:
            wanted.append(node)
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            names += [e.id for t in node.targets if isinstance(t, ast.Tuple) for e in t.elts if isinstance(e, ast.Name)]
            if set(names) & set(CONSTANTS):
                wanted.append(node)
    namespace = {"np": np, "keras": keras, "tf": tf}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(CHAPTER), "exec"), namespace)
    assert set(FUNCTIONS + CONSTANTS) <= set(namespace)
    return namespace


def test_the_constants_are_the_chapter_s(chapter):
    assert {name: getattr(tools, name) for name in CONSTANTS} == {name: chapter[name] for name in CONSTANTS}


@pytest.mark.parametrize("n, d", [(16, 4), (32, 1), (1, 1), (50, 1), (64, 10)])
def test_the_matched_widths_and_the_parameter_counts_are_the_chapter_s(chapter, n, d):
    assert tools.gru_units_like(n, d) == chapter["matched_gru_units"](n, d)
    for cell, count in [("LSTM", tools.lstm_parameters), ("GRU", tools.gru_parameters)]:
        layer = {"LSTM": keras.layers.LSTM, "GRU": keras.layers.GRU}[cell](n)
        layer.build((None, 3, d))
        assert layer.count_params() == count(n, d)


def test_the_contenders_are_the_chapter_s(chapter):
    assert list(tools.contenders(16, 4)) == ["LSTM(16)", "GRU(16)", f"GRU({chapter['matched_gru_units'](16, 4)})"]
    assert list(tools.contenders(32, 1)) == ["LSTM(32)", "GRU(32)", f"GRU({chapter['matched_gru_units'](32, 1)})"]


@pytest.mark.parametrize("size", [250, 2000])
def test_the_memory_data_are_the_chapter_s(chapter, size):
    for ours, theirs in zip(tools.memory_data(3, size), chapter["memory_data"](3, size)):
        np.testing.assert_array_equal(ours[0], theirs[0])
        np.testing.assert_array_equal(ours[1], theirs[1])
    assert len(tools.memory_data(3, size)[0][0]) == size


def test_the_ibm_data_are_the_chapter_s_as_keras_reads_them(chapter):
    """The script cuts float32 windows, the chapter float64 ones; Keras casts both to the same float32."""
    ibm = tools.ibm_data()
    prices = load_prices("IBM_2006-01-01_to_2018-01-01.csv", columns=["High"])
    train, test = forecast.chronological_split(prices, chapter["TEST_START"])
    train_high, test_high = train["High"].to_numpy(), test["High"].to_numpy()
    scaler = forecast.fit_scaler(train_high)
    scaled_train, scaled_test = forecast.scale(scaler, train_high), forecast.scale(scaler, test_high)
    X, y = chapter["make_windows"](scaled_train, chapter["WINDOW"])
    X_test, _ = chapter["test_windows"](scaled_train, scaled_test, chapter["WINDOW"])
    np.testing.assert_array_equal(ibm["X_train"], X.astype("float32"))
    np.testing.assert_array_equal(ibm["y_train"], y.astype("float32"))
    np.testing.assert_array_equal(ibm["X_test"], X_test.astype("float32"))
    np.testing.assert_array_equal(ibm["previous"], chapter["persistence_forecast"](train_high, test_high))
    np.testing.assert_array_equal(ibm["actual"], test_high)
    small_X, small_y = tools.ibm_slice(ibm, "small")
    np.testing.assert_array_equal(small_X, X[-chapter["IBM_SMALL"]:].astype("float32"))
    assert len(small_y) == chapter["IBM_SMALL"]


@pytest.mark.parametrize("task, cell, units, shape", [("memory", "LSTM", 16, (21, 4)), ("memory", "GRU", 18, (21, 4)),
                                                      ("ibm", "LSTM", 32, (60, 1)), ("ibm", "GRU", 32, (60, 1))])
def test_the_models_are_the_chapter_s(chapter, task, cell, units, shape):
    repro.seed_everything(2)
    ours = tools.build_contender(task, cell, units, *shape)
    repro.seed_everything(2)
    theirs = chapter["build_contender"](task, cell, units, *shape)
    assert [type(layer) for layer in ours.layers] == [type(layer) for layer in theirs.layers]
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert ours.loss == theirs.loss
    assert float(ours.optimizer.learning_rate) == float(theirs.optimizer.learning_rate)


def test_the_training_is_the_chapter_s(chapter):
    """One short fit each on a few sequences: the same losses, epoch by epoch, and the same stop."""
    (X, y), _ = tools.memory_data(0, 40)
    histories = []
    for train in (tools.train_contender, chapter["train_contender"]):
        repro.seed_everything(1)
        model = tools.build_contender("memory", "GRU", 4, 21, 4)
        histories.append(pd.DataFrame(train(model, X, y).history))
    pd.testing.assert_frame_equal(histories[0], histories[1])
    assert len(histories[0]) <= tools.MAX_EPOCHS
