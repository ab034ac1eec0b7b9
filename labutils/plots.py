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
    ax.set_title(title)
    ax.set_xlabel("date")
    ax.set_ylabel(ylabel)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(alpha=0.3)
    ax.legend()
    return ax


def plot_loss(history, title: str, log_scale: bool = True, ylabel: str = "loss (MSE on scaled values)",
              ax=None):
    """Training (and validation, if recorded) loss per epoch; returns the Axes.

    ``history`` is a Keras History or its ``.history`` dict. Introduced in: Forecasting TATA.
    """
    losses = getattr(history, "history", history)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    epochs = np.arange(1, len(losses["loss"]) + 1)
    ax.plot(epochs, losses["loss"], label="training loss")
    if "val_loss" in losses:
        ax.plot(epochs, losses["val_loss"], label="validation loss")
    if log_scale:
        ax.set_yscale("log")
    ax.set_title(title)
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.legend()
    return ax
