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


def test_outcome_class_names_solved_chance_and_in_between():
    assert checks.outcome_class(0.95, chance=0.25) == "solved"
    assert checks.outcome_class(0.9, chance=0.25) == "solved"
    assert checks.outcome_class(0.29, chance=0.25) == "at chance"
    assert checks.outcome_class(0.21, chance=0.25) == "at chance"
    assert checks.outcome_class(0.31, chance=0.25) == "partly learnt"
    assert checks.outcome_class(0.19, chance=0.25) == "partly learnt"


def test_check_against_seeds_asks_the_same_outcome_where_the_seeds_agree(capsys):
    assert checks.check_against_seeds("GRU, k=10", 0.998, [1.0, 1.0, 0.999], chance=0.25)
    assert not checks.check_against_seeds("GRU, k=10", 0.85, [1.0, 1.0, 0.999], chance=0.25)
    assert checks.check_against_seeds("LSTM, k=40", 0.230, [0.248, 0.255, 0.251], chance=0.25)
    assert not checks.check_against_seeds("LSTM, k=40", 1.0, [0.248, 0.255, 0.251], chance=0.25)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "GRU, k=10: solved in all 3 seeds of the study; the page's run too: True"
    assert lines[1].endswith("the page's run too: False")
    assert lines[2] == "LSTM, k=40: at chance in all 3 seeds of the study; the page's run too: True"


def test_check_against_seeds_asks_the_range_where_the_seeds_disagree(capsys):
    seeds = [0.238, 1.0, 0.254]
    assert checks.check_against_seeds("GRU, k=40", 1.0, seeds, chance=0.25)
    assert checks.check_against_seeds("GRU, k=40", 0.2, seeds, chance=0.25)
    assert not checks.check_against_seeds("GRU, k=40", 0.18, [0.238, 0.5], chance=0.25)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == lines[1]  # the same line whichever side of the knife edge the page lands
    assert lines[0] == ("GRU, k=40: the study's seeds disagree (1 solved, 2 at chance); "
                        "the page's run within their range 0.238 to 1.000 (+- 0.05): True")
    assert lines[2].endswith("(1 partly learnt, 1 at chance); the page's run within their range 0.238 to 0.500 (+- 0.05): False")


def test_check_against_seeds_refuses_an_empty_study():
    with pytest.raises(ValueError, match="no precomputed runs"):
        checks.check_against_seeds("x", 0.5, [], chance=0.25)
