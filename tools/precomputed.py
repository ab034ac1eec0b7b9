"""Pieces shared by the scripts that write data/precomputed/ (results too slow for a page).

Used by tools/seed_spread.py (IBM chapter) and tools/tata_aapl_runs.py (TATA and Apple
chapters). data/precomputed/README.md lists the commands that wrote the committed files.
"""

import time
from pathlib import Path

import keras
import pandas as pd

from labutils import forecast

OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "precomputed"


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
