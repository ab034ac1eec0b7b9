"""Reading the precomputed training runs of ``data/precomputed/`` (too slow for a page).

The files are written by the instructors' scripts in ``tools/`` (their README says which
and how); the chapters only read them. Introduced in: Forecasting TATA.
"""

from __future__ import annotations

import pandas as pd

from labutils.data import DATA_DIR

PRECOMPUTED_DIR = DATA_DIR / "precomputed"


def read(name) -> pd.DataFrame:
    """A file of ``data/precomputed/`` (a name, or a path) as a frame; its comment lines skipped.

    Introduced in: Forecasting TATA.
    """
    return pd.read_csv(PRECOMPUTED_DIR / name, comment="#")


def forecasts(name, dates) -> dict:
    """``{seed: forecast}`` for the days ``dates`` from a predictions file of precomputed runs.

    The file (a name in ``data/precomputed/``, or a path) has the columns seed, date and
    predicted. Each forecast is a 1-D array in the order of ``dates``. Raises ValueError,
    naming the file, when a run lacks one of the dates or holds one twice.
    Introduced in: Forecasting TATA.
    """
    runs = pd.read_csv(PRECOMPUTED_DIR / name, comment="#", parse_dates=["date"])
    dates = pd.DatetimeIndex(dates)
    result = {}
    for seed, run in runs.groupby("seed"):
        by_date = run.set_index("date")["predicted"]
        missing = dates.difference(by_date.index)
        if len(missing) or by_date.index.duplicated().any():
            raise ValueError(f"{name}: the run with seed {seed} does not hold one forecast for each "
                             f"of the {len(dates)} days (missing: {list(missing.strftime('%Y-%m-%d'))})")
        result[int(seed)] = by_date.loc[dates].to_numpy()
    return result
