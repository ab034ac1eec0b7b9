"""Tests of labutils.checks: the tolerance checks that the forecasting chapters print."""

import pandas as pd
import pytest

from labutils import checks


def test_check_against_reference_prints_and_returns_each_verdict(capsys):
    table = pd.DataFrame({"RMSE": [6.0], "MAE": [9.0]}, index=["LSTM"])
    verdicts = checks.check_against_reference(table, "LSTM", {"RMSE": 5.0, "MAE": 5.0}, tolerance=0.25)
    assert verdicts == {"RMSE": True, "MAE": False}
    assert capsys.readouterr().out.splitlines() == [
        "LSTM RMSE within 25 % of the reference 5.0: True",
        "LSTM MAE within 25 % of the reference 5.0: False",
    ]


def test_check_against_precomputed_uses_the_loss_of_the_seed_and_the_rmse_range(capsys):
    by_epoch = pd.DataFrame({"seed": [0, 0, 0, 1, 1, 1], "epoch": [1, 2, 3, 1, 2, 3],
                             "training loss": [1.0, 0.5, 0.4, 2.0, 1.0, 0.8],
                             "test RMSE": [9.0, 5.0, 7.0, 3.0, 6.0, 4.0]})
    verdicts = checks.check_against_precomputed(by_epoch, 0, 2, training_loss=0.55, test_rmse=8.5,
                                                epochs_around=1)
    assert verdicts == {"training loss": True, "test RMSE": True}
    assert "(5.0000e-01)" in capsys.readouterr().out
    # epoch 1 only: the range is 3 .. 9, and 0.4 is 60 % off the seed-0 loss of 1.0
    assert checks.check_against_precomputed(by_epoch, 0, 1, 0.4, 9.5, epochs_around=0) == {
        "training loss": False, "test RMSE": False}
    with pytest.raises(ValueError, match="seed 2, epoch 1"):
        checks.check_against_precomputed(by_epoch, 2, 1, 1.0, 5.0)
