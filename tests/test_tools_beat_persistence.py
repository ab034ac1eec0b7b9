"""tools/beat_persistence_runs.py computes what the beat-persistence chapter computes.

The script that wrote data/precomputed/beat_persistence_*.csv keeps its own copy of the series,
the network inputs and the model (students do not receive tools/); the chapter writes them in
the open. These tests compare the two: the same constants, series, inputs, windows and weights.
"""

import ast
import sys
from pathlib import Path

import keras
import numpy as np
import pandas as pd
import pytest

from labutils import repro
from labutils.data import load_prices

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import beat_persistence_runs as tools  # noqa: E402

CHAPTER = ROOT / "chapters" / "3_forecasting" / "beat_persistence.py"
CONSTANTS = ["SERIES", "N_TEST", "N_TEST_SHORT", "HORIZONS", "WINDOW", "UNITS", "LEARNING_RATE",
             "BATCH_SIZE", "MAX_EPOCHS", "PATIENCE", "VALIDATION_SHARE", "TARGETS"]
FUNCTIONS = ["load_series", "test_size", "network_inputs", "network_windows", "build_network",
             "train_and_forecast"]


@pytest.fixture(scope="module")
def chapter():
    """The chapter's constants and functions, defined in a fresh namespace."""
    tree = ast.parse(CHAPTER.read_text())
    wanted = [node for node in tree.body
              if isinstance(node, ast.FunctionDef) and node.name in FUNCTIONS
              or isinstance(node, ast.Assign) and any(getattr(t, "id", None) in CONSTANTS + ["CELLS"]
                                                       for t in node.targets)]
    namespace = {"np": np, "pd": pd, "keras": keras, "load_prices": load_prices, "repro": repro,
                 "time": __import__("time")}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(CHAPTER), "exec"), namespace)
    assert set(FUNCTIONS + CONSTANTS) <= set(namespace)
    return namespace


def test_the_constants_are_the_chapter_s(chapter):
    assert {name: getattr(tools, name) for name in CONSTANTS} == {name: chapter[name] for name in CONSTANTS}
    assert list(tools.CELLS) == list(chapter["CELLS"])


@pytest.mark.parametrize("name", list(tools.SERIES))
def test_the_series_are_the_chapter_s(chapter, name):
    ours, theirs = tools.load_series(name), chapter["load_series"](name)
    pd.testing.assert_series_equal(ours, theirs)
    assert ours.index.is_monotonic_increasing and tools.test_size(name) == chapter["test_size"](name)


@pytest.mark.parametrize("target", tools.TARGETS)
def test_the_inputs_and_windows_are_the_chapter_s(chapter, target):
    values = tools.load_series("Hang Seng").to_numpy()
    n_train = len(values) - tools.test_size("Hang Seng")
    ours, theirs = tools.network_inputs(values, n_train, target), chapter["network_inputs"](values, n_train, target)
    np.testing.assert_array_equal(ours[0], theirs[0])
    np.testing.assert_array_equal(ours[1], theirs[1])
    origins = np.arange(n_train - 1, len(values) - 1)
    out = np.full((len(origins), tools.HORIZONS), 0.1)
    np.testing.assert_array_equal(ours[2](out, origins), theirs[2](out, origins))
    np.testing.assert_array_equal(tools.network_windows(ours[0], origins), chapter["network_windows"](theirs[0], origins))


def test_no_input_reads_beyond_its_origin():
    values = tools.load_series("Hang Seng").to_numpy()
    n_train = len(values) - tools.test_size("Hang Seng")
    changed = values.copy()
    changed[n_train + 10 :] *= 1.5
    for target in tools.TARGETS:
        a = tools.network_windows(tools.network_inputs(values, n_train, target)[0], [n_train + 9])
        b = tools.network_windows(tools.network_inputs(changed, n_train, target)[0], [n_train + 9])
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("cell", list(tools.CELLS))
def test_the_model_is_the_chapter_s(chapter, cell):
    repro.seed_everything(3)
    ours = tools.build_network(cell)
    repro.seed_everything(3)
    theirs = chapter["build_network"](cell)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_the_committed_study_is_complete_and_on_the_series_origins():
    runs = pd.read_csv(tools.RUNS, comment="#")
    rows = pd.read_csv(tools.FORECASTS, comment="#")
    keys = ["dataset", "cell", "target", "seed"]
    assert not runs.duplicated(keys).any() and not rows.duplicated(keys + ["origin"]).any()
    assert len(runs) == len(tools.SERIES) * len(tools.CELLS) * len(tools.TARGETS) * 3
    for (name, *_), run in rows.groupby(keys):
        series = tools.load_series(name)
        n_train = len(series) - tools.test_size(name)
        expected = list(series.index[n_train - 1 : len(series) - 1].strftime("%Y-%m-%d"))
        assert sorted(run["origin"]) == expected, name
        assert np.isfinite(run[[f"h{h}" for h in range(1, tools.HORIZONS + 1)]].to_numpy()).all()
    assert set(map(tuple, runs[keys].to_numpy())) == set(map(tuple, rows[keys].drop_duplicates().to_numpy()))
