"""The few plots the forecasting chapters share.

Introduced in: Forecasting TATA.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np

_STYLES = {
    "persistence": dict(color="tab:gray", linestyle="--", marker=".", linewidth=1.2),
}


def _finish(ax, title: str, xlabel: str, ylabel: str) -> None:
    """Title, axis labels, a light grid and the legend: the same on every plot of the book."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.legend()


def plot_forecast(dates, actual, forecasts: dict, title: str, ylabel: str, ax=None):
    """Real prices and one or more forecasts against their dates; returns the Axes.

    ``forecasts`` maps a label to predictions (same length as ``dates``); a label
    "persistence" is drawn as a grey dashed line, the others in colour.
    Introduced in: Forecasting TATA.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    ax.plot(dates, np.ravel(actual), color="black", marker="o", markersize=3, linewidth=1.5,
            label="real")
    for label, predicted in forecasts.items():
        style = _STYLES.get(label, dict(marker=".", linewidth=1.5))
        ax.plot(dates, np.ravel(predicted), label=label, **style)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    _finish(ax, title, "date", ylabel)
    return ax


def plot_loss(history, title: str, log_scale: bool = True, ylabel: str = "loss (MSE on scaled values)",
              ax=None, label: str = "training loss"):
    """Training (and validation, if recorded) loss per epoch; returns the Axes.

    ``history`` is a Keras History or its ``.history`` dict; ``label`` names the training
    curve (to draw several runs on one ``ax``). Introduced in: Forecasting TATA.
    """
    losses = getattr(history, "history", history)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    epochs = np.arange(1, len(losses["loss"]) + 1)
    ax.plot(epochs, losses["loss"], label=label)
    if "val_loss" in losses:
        ax.plot(epochs, losses["val_loss"], label="validation loss")
    if log_scale:
        ax.set_yscale("log")
    _finish(ax, title, "epoch", ylabel)
    return ax


def plot_rmse_by_epoch(by_epoch, baseline_rmse: float, title: str, ylabel: str, ax=None):
    """Test RMSE after each epoch, one line per seed, and the persistence RMSE; returns the Axes.

    ``by_epoch`` is a frame with columns seed, epoch and "test RMSE" (a file of
    ``data/precomputed/``). Introduced in: Forecasting TATA.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    for seed, run in by_epoch.groupby("seed"):
        ax.plot(run["epoch"], run["test RMSE"], linewidth=1, label=f"seed {seed}")
    ax.axhline(baseline_rmse, color="tab:gray", linestyle="--", label="persistence")
    _finish(ax, title, "epoch", ylabel)
    return ax
