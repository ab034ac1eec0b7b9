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


def outcome_class(accuracy: float, chance: float, solved: float = 0.9, margin: float = 0.05) -> str:
    """Name the outcome of a classification run: "solved" (accuracy >= ``solved``), "at chance"
    (within ``margin`` of ``chance``) or "partly learnt" (in between).

    Introduced in: Memory over long lags.
    """
    if accuracy >= solved:
        return "solved"
    if abs(accuracy - chance) <= margin:
        return "at chance"
    return "partly learnt"


def check_against_seeds(name: str, accuracy: float, seed_accuracies, chance: float,
                        solved: float = 0.9, margin: float = 0.05) -> bool:
    """Print and return whether a page's run agrees with the precomputed runs of its setup.

    Runs that must escape a plateau at chance are a knife edge: a last-bit difference in the
    float rounding can decide whether a run escapes, so such a run is compared by its outcome,
    not digit for digit. Where every seed in ``seed_accuracies`` has the same outcome
    (``outcome_class``), the page's run must have it too; where the seeds disagree, the page's
    accuracy must lie within their range, widened by ``margin``. The printed line is the same
    on every machine while the verdict holds. Introduced in: Memory over long lags.
    """
    seed_accuracies = [float(a) for a in seed_accuracies]
    if not seed_accuracies:
        raise ValueError(f"{name}: no precomputed runs to compare with")
    classes = [outcome_class(a, chance, solved, margin) for a in seed_accuracies]
    if len(set(classes)) == 1:
        verdict = outcome_class(accuracy, chance, solved, margin) == classes[0]
        print(f"{name}: {classes[0]} in all {len(classes)} seeds of the study; the page's run too:", verdict)
        return verdict
    low, high = min(seed_accuracies) - margin, max(seed_accuracies) + margin
    verdict = low <= accuracy <= high
    counts = ", ".join(f"{classes.count(c)} {c}" for c in ["solved", "partly learnt", "at chance"] if c in classes)
    print(f"{name}: the study's seeds disagree ({counts}); the page's run within their range "
          f"{min(seed_accuracies):.3f} to {max(seed_accuracies):.3f} (+- {margin}):", verdict)
    return verdict
