"""Tests of the pieces that read and summarise several precomputed runs of one model."""

import matplotlib
import pandas as pd

from labutils import plots


def test_rmse_by_epoch_plot_has_a_line_per_seed_and_the_baseline():
    by_epoch = pd.DataFrame({"seed": [0, 0, 1, 1], "epoch": [1, 2, 1, 2], "test RMSE": [3.0, 2.0, 4.0, 1.0]})
    ax = plots.plot_rmse_by_epoch(by_epoch, 2.5, "title", "RMSE")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["seed 0", "seed 1", "persistence"]
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "RMSE"
    matplotlib.pyplot.close("all")


def test_loss_curves_of_several_runs_get_their_own_labels():
    ax = plots.plot_loss({"loss": [1.0, 0.5, 0.4]}, "loss", label="100 epochs")
    plots.plot_loss({"loss": [1.0, 0.5]}, "loss", label="2 epochs", ax=ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["100 epochs", "2 epochs"]
    matplotlib.pyplot.close("all")


