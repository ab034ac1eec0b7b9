"""Pieces shared by the scripts that write data/precomputed/ (results too slow for a page).

Used by tools/seed_spread.py (IBM chapter) and tools/tata_aapl_runs.py (TATA and Apple
chapters). data/precomputed/README.md lists the commands that wrote the committed files.

The scripts must build and train exactly what the chapters build and train. The chapters
write the windows, the persistence baseline, the lag check (students' exercises in the
TATA chapter) and the Keras model in the open; this instructor-side module, which students
do not receive, holds the same code for the scripts: ``make_windows``, ``test_windows``,
``persistence_forecast``, ``lag_check`` (the same results as the chapters' solutions) and
``build_recurrent_model`` (the same layers, constructed in the same order, as the chapters'
``keras.Sequential`` models, so the same seed gives the same weights). A short run of a
script lands on the committed per-epoch values (see data/precomputed/README.md).
"""

import time
from pathlib import Path

import keras
import numpy as np
import pandas as pd

from labutils import forecast

OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "precomputed"


CELLS = ("lstm", "gru")


def make_windows(values, window):
    """Windows of ``window`` values of a 1-D series and their next-day targets: X (n - window, window, 1), y."""
    values = np.asarray(values, dtype="float64")
    n_windows = len(values) - window
    if n_windows < 1:
        raise ValueError(f"{len(values)} values give no window of {window} days with a target")
    X = np.stack([values[i : i + window] for i in range(n_windows)])
    return X.reshape(n_windows, window, 1), values[window:].copy()


def test_windows(train_values, test_values, window):
    """One window per test day: the last ``window`` training values, then the test values before it."""
    train_values = np.asarray(train_values, dtype="float64")
    if len(train_values) < window:
        raise ValueError(f"too few training values for windows of {window} days: {len(train_values)}")
    return make_windows(np.concatenate([train_values[-window:], np.asarray(test_values, dtype="float64")]),
                        window)


test_windows.__test__ = False  # not a pytest test, despite its name


def persistence_forecast(train_values, test_values):
    """Tomorrow = today: the previous value for each test day (the last training value first)."""
    known = np.concatenate([np.ravel(train_values)[-1:], np.ravel(test_values)]).astype("float64")
    return known[:-1]


def lag_check(actual, predicted, max_lag=3):
    """RMSE of the forecast for day t against the real value of day t - k, k = 0 .. max_lag."""
    actual, predicted = np.ravel(actual).astype("float64"), np.ravel(predicted).astype("float64")
    rows = [{"lag (days)": lag, "days": len(actual) - lag,
             "RMSE": np.sqrt(np.mean((predicted[lag:] - actual[: len(actual) - lag]) ** 2))}
            for lag in range(max_lag + 1)]
    return pd.DataFrame(rows).set_index("lag (days)")


def build_recurrent_model(
    window: int,
    n_features: int = 1,
    cell="lstm",
    units=50,
    layers: int = 4,
    dropout: float = 0.2,
    bidirectional: bool = False,
    activation: str = "tanh",
    optimizer="adam",
    loss: str = "mse",
    dense_units=(),
    output_activation=None,
    jit_compile: bool = False,
    steps_per_execution: int = 1,
):
    """The stacked recurrent model of the forecasting reports, compiled.

    Input (window, n_features) -> ``layers`` recurrent layers of ``units`` each (an int, or
    one per layer), each followed by Dropout(``dropout``) when ``dropout`` > 0 -> optional
    Dense hidden layers (``dense_units``, ReLU) -> Dense(1, ``output_activation``).
    ``cell`` is "lstm" or "gru", or a list giving the cell of each layer (mixed stacks;
    then ``layers`` is its length). Every recurrent layer but the last returns sequences.
    ``bidirectional`` wraps each recurrent layer in ``keras.layers.Bidirectional``.
    Call ``labutils.repro.seed_everything`` first for repeatable weights.
    ``jit_compile=True`` (XLA) trains the 4 x LSTM(50) model in about 60 % of the CPU time,
    repeatably, but with float rounding different from ``jit_compile=False``;
    ``steps_per_execution`` > 1 runs several batches per call (same batches, same results)
    to cut per-batch overhead. Written by the chapters with keras.Sequential.
    """
    cells = [cell] * layers if isinstance(cell, str) else list(cell)
    unknown = [c for c in cells if c not in CELLS]
    if unknown or not cells:
        raise ValueError(f"cell must be one of {CELLS} or a non-empty list of them, got {cell!r}")
    layer_units = [units] * len(cells) if isinstance(units, int) else list(units)
    if len(layer_units) != len(cells):
        raise ValueError(f"got {len(layer_units)} unit counts for {len(cells)} recurrent layers")

    recurrent_class = {"lstm": keras.layers.LSTM, "gru": keras.layers.GRU}
    model = keras.Sequential(name=f"{'_'.join(dict.fromkeys(cells))}_{len(cells)}_layers")
    model.add(keras.Input(shape=(window, n_features)))
    for i, (kind, n_units) in enumerate(zip(cells, layer_units)):
        layer = recurrent_class[kind](n_units, activation=activation,
                                      return_sequences=i < len(cells) - 1)
        model.add(keras.layers.Bidirectional(layer) if bidirectional else layer)
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    for n_units in dense_units:
        model.add(keras.layers.Dense(n_units, activation="relu"))
    model.add(keras.layers.Dense(1, activation=output_activation))
    model.compile(optimizer=optimizer, loss=loss, jit_compile=jit_compile,
                  steps_per_execution=steps_per_execution)
    return model


def append_rows(path: Path, rows, command: str) -> None:
    """Append rows (dicts) to a CSV file; a new file starts with a comment naming the command."""
    frame = pd.DataFrame(rows)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w") as f:
            f.write(f"# Precomputed by: {command}\n")
            f.write("# (see data/precomputed/README.md)\n")
        frame.to_csv(path, mode="a", index=False)
    else:
        frame.to_csv(path, mode="a", index=False, header=False)


def done_keys(path: Path, columns) -> set:
    """The tuples of ``columns`` already in a CSV file (empty when there is no file)."""
    if not path.exists():
        return set()
    done = pd.read_csv(path, comment="#")
    return set(zip(*(done[column] for column in columns)))


class TestRMSEEachEpoch(keras.callbacks.Callback):
    """Record the test RMSE and the training CPU time (cumulative) after every epoch.

    ``predict`` maps the model to its test forecasts in price units; ``actual`` and
    ``previous`` are the test prices and the persistence forecast.
    """

    __test__ = False  # not a pytest test class

    def __init__(self, predict, actual, previous):
        super().__init__()
        self.predict, self.actual, self.previous = predict, actual, previous
        self.rmse, self.cpu_seconds = [], []

    def on_train_begin(self, logs=None):
        self.start = time.process_time()

    def on_epoch_end(self, epoch, logs=None):
        self.cpu_seconds.append(time.process_time() - self.start)
        predicted = self.predict(self.model)
        self.rmse.append(forecast.forecast_metrics(self.actual, predicted, self.previous)["RMSE"])
