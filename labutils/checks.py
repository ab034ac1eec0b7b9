"""Tolerance checks of training results, for the chapters' stored outputs.

Training results differ in the float rounding from CPU to CPU, so a chapter cannot check
them digit for digit. These functions print a verdict (True / False) that is the same on
every machine as long as the result stays within a stated tolerance of a reference run.
They are the book's testing plumbing, not part of the forecasting lesson.

Introduced in: Forecasting TATA.
"""

from __future__ import annotations

import pandas as pd


def check_against_reference(table: pd.DataFrame, row: str, references: dict, tolerance: float) -> dict:
    """Print and return, per metric, whether ``table.loc[row, metric]`` lies within ``tolerance``
    (relative, e.g. 0.25 for 25 %) of its value in ``references`` (a reference run's results).

    Introduced in: Forecasting Hang Seng.
    """
    verdicts = {}
    for metric, reference in references.items():
        verdicts[metric] = bool(abs(table.loc[row, metric] / reference - 1) < tolerance)
        print(f"{row} {metric} within {tolerance * 100:.0f} % of the reference {reference}:", verdicts[metric])
    return verdicts


def check_against_precomputed(by_epoch: pd.DataFrame, seed: int, epoch: int, training_loss: float,
                              test_rmse: float, loss_tolerance: float = 0.25,
                              epochs_around: int = 10) -> dict:
    """Print and return whether a run trained on a page agrees with precomputed runs of its setup.

    ``by_epoch`` has one row per (seed, epoch) with "training loss" and "test RMSE" (a file
    of ``data/precomputed/``). Two verdicts: the page's final ``training_loss`` lies within
    ``loss_tolerance`` (relative) of the precomputed run ``seed`` after ``epoch``, and its
    ``test_rmse`` lies inside the range that all precomputed runs reach within
    ``epochs_around`` epochs of ``epoch``. On the machine that wrote the file the page's run
    equals the precomputed one; on another CPU rounding makes it another draw, and the test
    RMSE of one draw can jump a lot from epoch to epoch, hence a range rather than a
    relative tolerance. Introduced in: Forecasting TATA.
    """
    stored = by_epoch[(by_epoch["seed"] == seed) & (by_epoch["epoch"] == epoch)]
    if len(stored) != 1:
        raise ValueError(f"the precomputed runs hold {len(stored)} rows for seed {seed}, epoch {epoch}")
    stored_loss = stored["training loss"].item()
    nearby = by_epoch[(by_epoch["epoch"] - epoch).abs() <= epochs_around]["test RMSE"]
    verdicts = {
        "training loss": bool(abs(training_loss / stored_loss - 1) < loss_tolerance),
        "test RMSE": bool(nearby.min() <= test_rmse <= nearby.max()),
    }
    print(f"training loss within {loss_tolerance * 100:.0f} % of the precomputed seed-{seed} run's "
          f"after epoch {epoch} ({stored_loss:.4e}):", verdicts["training loss"])
    print(f"test RMSE within the range of the precomputed runs in epochs {epoch - epochs_around} "
          f"to {epoch + epochs_around} ({nearby.min():.3f} to {nearby.max():.3f}):", verdicts["test RMSE"])
    return verdicts
