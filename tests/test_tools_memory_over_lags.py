"""tools/memory_over_lags_runs.py computes what the memory-over-lags chapter computes.

The script that wrote data/precomputed/memory_over_lags.csv keeps its own copy of the task,
the model and the Jacobian norms (students do not receive tools/); the chapter writes them in
the open. These tests compare the two: the same constants, data, weights and norms.
"""

import ast
import sys
from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf

from labutils import repro

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import memory_over_lags_runs as tools  # noqa: E402

CHAPTER = ROOT / "chapters" / "1_from_scratch" / "memory_over_lags.py"
CONSTANTS = ["N_SYMBOLS", "UNITS", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS", "N_TRAIN", "N_TEST", "N_JACOBIAN"]
FUNCTIONS = ["make_recall_task", "step_sensitivity", "task_data", "build_model", "jacobian_norms"]


@pytest.fixture(scope="module")
def chapter():
    """The chapter's constants and functions (solutions included), defined in a fresh namespace."""
    tree = ast.parse(CHAPTER.read_text())
    wanted = [node for node in tree.body
              if isinstance(node, ast.FunctionDef) and node.name in FUNCTIONS
              or isinstance(node, ast.Assign) and any(getattr(t, "id", None) in CONSTANTS + ["CELLS"]
                                                       for t in node.targets)]
    namespace = {"np": np, "keras": keras, "tf": tf}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(CHAPTER), "exec"), namespace)
    assert set(FUNCTIONS + CONSTANTS) <= set(namespace)
    return namespace


def test_the_constants_are_the_chapter_s(chapter):
    assert {name: getattr(tools, name) for name in CONSTANTS} == {name: chapter[name] for name in CONSTANTS}
    assert tools.CELLS == chapter["CELLS"]


def test_the_data_are_the_chapter_s(chapter):
    for ours, theirs in zip(tools.task_data(7, 3), chapter["task_data"](7, 3)):
        np.testing.assert_array_equal(ours[0], theirs[0])
        np.testing.assert_array_equal(ours[1], theirs[1])


@pytest.mark.parametrize("cell", list(tools.CELLS))
def test_the_model_and_the_jacobian_norms_are_the_chapter_s(chapter, cell):
    X = tools.make_recall_task(5, 6, tools.N_SYMBOLS, np.random.default_rng(1))[0]
    repro.seed_everything(2)
    ours = tools.build_model(cell, 6)
    repro.seed_everything(2)
    theirs = chapter["build_model"](cell, 6)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(tools.jacobian_norms(ours.layers[0], X),
                               chapter["jacobian_norms"](theirs.layers[0], X), rtol=1e-6)
