"""Tests of labutils.data: every registered file, every quirk, every bad input."""

import re
import shutil

import numpy as np
import pandas as pd
import pytest

from labutils.data import (
    DATA_DIR,
    DATASETS,
    DataError,
    find_glued_names,
    load_prices,
    load_text,
    sha256_of,
)

IBM = "IBM_2006-01-01_to_2018-01-01.csv"
GOOGLE = "Google_Stock_Price_Train.csv"

# file -> (rows, first date, last date) after loading (oldest-first), from data/SOURCES.md
EXPECTED = {
    "NSE-TATAGLOBAL.csv": (2035, "2010-07-21", "2018-09-28"),
    "tatatest.csv": (16, "2018-10-01", "2018-10-24"),
    "AAPL.csv": (2249, "2010-11-18", "2019-10-25"),
    "AAPL-TEST.csv": (16, "2019-10-28", "2019-11-18"),
    "HSI.csv": (250, "2018-10-04", "2019-10-10"),
    "HSItest.csv": (25, "2018-08-28", "2018-10-03"),
    IBM: (3020, "2006-01-03", "2017-12-29"),
    "BTC-USD.csv": (2065, "2014-09-17", "2020-05-12"),
    GOOGLE: (1258, "2012-01-03", "2016-12-30"),
    "Google_Stock_Price_Test.csv": (20, "2017-01-03", "2017-01-31"),
}


def write(path, text):
    """Write `text` byte for byte (no newline translation) and return the path."""
    path.write_bytes(text.encode())
    return path


# --- registry ---------------------------------------------------------------------------


def test_registry_agrees_with_sha256sums():
    sums = {}
    for line in (DATA_DIR / "SHA256SUMS").read_text().splitlines():
        digest, file = line.split()
        sums[file] = digest
    assert {k: s.sha256 for k, s in DATASETS.items()} == sums
    assert all(key == spec.file for key, spec in DATASETS.items())


def test_files_match_their_checksums():
    for spec in DATASETS.values():
        assert sha256_of(DATA_DIR / spec.file) == spec.sha256, spec.file


def test_every_price_file_is_registered():
    assert set(EXPECTED) == {k for k, s in DATASETS.items() if s.date_format is not None}


# --- every registered file loads -------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_registered_file_loads(name):
    rows, first, last = EXPECTED[name]
    frame = load_prices(name)
    assert len(frame) == rows
    assert isinstance(frame.index, pd.DatetimeIndex) and frame.index.name == "Date"
    assert frame.index[0] == pd.Timestamp(first) and frame.index[-1] == pd.Timestamp(last)
    assert frame.index.is_monotonic_increasing and frame.index.is_unique
    assert list(frame.columns) == list(DATASETS[name].columns)
    assert all(dtype == np.float64 for dtype in frame.dtypes)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_stored_order_is_as_registered(name):
    first_line = (DATA_DIR / name).read_text().splitlines()[1]
    first_date = pd.to_datetime(first_line.split(",")[0], format=DATASETS[name].date_format)
    stored_first = EXPECTED[name][1 if DATASETS[name].stored_order == "oldest-first" else 2]
    assert first_date == pd.Timestamp(stored_first)


def test_newest_first_file_is_reversed():
    tata = load_prices("NSE-TATAGLOBAL.csv")
    assert tata.loc["2018-09-28", "Close"] == 233.75  # first line of the file, last row here
    assert tata.iloc[-1]["Close"] == 233.75 and tata.iloc[0]["Close"] == 121.55


def test_dd_mm_yy_dates():
    hsi = load_prices("HSI.csv")
    assert hsi.index[-1] == pd.Timestamp("2019-10-10")  # "10-10-19"
    assert hsi.loc["2018-10-05", "Open"] == 26503.75  # "05-10-18" is 5 October, not 10 May
    test = load_prices("HSItest.csv")
    assert test.index[-1] < hsi.index[0]  # the test days lie before the training period


def test_month_day_year_dates_crlf_and_thousands_separators():
    google = load_prices(GOOGLE)
    assert google.loc["2012-01-03", "Volume"] == 7380500.0
    assert google.loc["2013-10-18", "Close"] == 1008.64  # one of the 109 quoted closes
    quoted_close = google["Close"] >= 1000
    assert quoted_close.sum() == 109
    assert google["Volume"].dtype == np.float64 and google.notna().all().all()
    test = load_prices("Google_Stock_Price_Test.csv")
    assert test.loc["2017-01-03", "Volume"] == 1657300.0


def test_crlf_file_without_trailing_newline():
    assert b"\r\n" in (DATA_DIR / "AAPL.csv").read_bytes()
    aapl = load_prices("AAPL.csv")
    assert aapl.loc["2010-11-18", "Volume"] == 123622800.0  # the last line, no newline after it
    assert list(aapl.columns)[-1] == "Volume"  # no stray "\r" in a column name


def test_ibm_text_column_dropped_and_year_split():
    ibm = load_prices(IBM)
    assert "Name" not in ibm.columns
    assert (ibm.index.year <= 2016).sum() == 2769
    assert (ibm.index.year == 2017).sum() == 251


def test_ibm_missing_values_kept_when_no_columns_requested():
    ibm = load_prices(IBM)
    assert ibm.loc["2017-07-31", ["Open", "Low"]].isna().all()
    assert ibm.loc["2017-07-31", "High"] == 144.93
    assert int(ibm.isna().sum().sum()) == 2


def test_ibm_requested_column_without_gaps_loads():
    high = load_prices(IBM, columns=["High"])
    assert list(high.columns) == ["High"] and len(high) == 3020


def test_ibm_requested_column_with_gap_raises():
    with pytest.raises(DataError, match=r"IBM_2006.*'Open' has missing values on 2017-07-31"):
        load_prices(IBM, columns=["Open"])


def test_btc_has_every_calendar_day():
    btc = load_prices("BTC-USD.csv")
    assert (btc.index.to_series().diff().dropna() == pd.Timedelta(days=1)).all()


def test_columns_selects_in_given_order():
    frame = load_prices("AAPL.csv", columns=["Close", "Open"])
    assert list(frame.columns) == ["Close", "Open"]


def test_data_dir_and_path_with_registered_name(tmp_path):
    shutil.copy(DATA_DIR / "HSI.csv", tmp_path / "HSI.csv")
    by_dir = load_prices("HSI.csv", data_dir=tmp_path)
    by_path = load_prices(path=tmp_path / "HSI.csv")  # the spec is found by the file name
    pd.testing.assert_frame_equal(by_dir, by_path)
    assert by_dir.index[0] == pd.Timestamp("2018-10-04")


def test_own_file_with_date_format(tmp_path):
    own = write(tmp_path / "mine.csv", "Date,Close\r\n31/01/2020,\"1,234.5\"\r\n30/01/2020,2\r\n")
    frame = load_prices(path=own, date_format="%d/%m/%Y")
    assert list(frame.index) == [pd.Timestamp("2020-01-30"), pd.Timestamp("2020-01-31")]
    assert list(frame["Close"]) == [2.0, 1234.5]


def test_min_rows_enough():
    assert len(load_prices("tatatest.csv", min_rows=16)) == 16


# --- dinos.txt ---------------------------------------------------------------------------


def test_dinos_text():
    text = load_text()
    assert len(text) == 19909
    assert len(set(text.lower())) == 27
    assert not text.endswith("\n")
    names = text.split("\n")
    assert len(names) == 1536 and names[0] == "Aachenosaurus" and names[-1] == "Zuul"


def test_glued_names():
    glued = find_glued_names(load_text().split("\n"))
    assert len(glued) == 10
    assert "HylosaurusHypacrosaurus" in glued
    assert find_glued_names(["Aardonyx", "ZatomusZby", "tRex"]) == ["ZatomusZby", "tRex"]


# --- bad inputs ---------------------------------------------------------------------------

GOOD = "Date,Open,Close\n2020-01-01,1,2\n2020-01-02,3,4\n2020-01-03,5,6\n"


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"nope\.csv: file not found"):
        load_prices(path=tmp_path / "nope.csv")
    with pytest.raises(DataError, match=r"HSI\.csv: file not found"):
        load_prices("HSI.csv", data_dir=tmp_path)
    with pytest.raises(DataError, match=r"dinos\.txt: file not found"):
        load_text(data_dir=tmp_path)


def test_unknown_name():
    with pytest.raises(DataError, match=r"unknown data set 'foo\.csv'.*path="):
        load_prices("foo.csv")


def test_text_file_is_not_a_price_table():
    with pytest.raises(DataError, match=r"dinos\.txt: not a price table"):
        load_prices("dinos.txt")


def test_checksum_mismatch_and_bypass(tmp_path):
    altered = (DATA_DIR / "HSI.csv").read_text().replace("25707.92969", "25707.9297", 1)
    write(tmp_path / "HSI.csv", altered)
    with pytest.raises(DataError, match=r"HSI\.csv: checksum mismatch.*verify_checksum=False"):
        load_prices("HSI.csv", data_dir=tmp_path)
    with pytest.raises(DataError, match=r"HSI\.csv: checksum mismatch"):
        load_prices(path=tmp_path / "HSI.csv")
    frame = load_prices("HSI.csv", data_dir=tmp_path, verify_checksum=False)
    assert frame.loc["2019-10-10", "Close"] == 25707.9297
    write(tmp_path / "dinos.txt", "Aardonyx\nZuul")
    with pytest.raises(DataError, match=r"dinos\.txt: checksum mismatch"):
        load_text(data_dir=tmp_path)
    assert load_text(data_dir=tmp_path, verify_checksum=False) == "Aardonyx\nZuul"


def test_missing_column(tmp_path):
    own = write(tmp_path / "own.csv", GOOD)
    with pytest.raises(DataError, match=re.escape("own.csv: missing column(s) ['High']")):
        load_prices(path=own, columns=["Open", "High"])
    no_date = write(tmp_path / "nodate.csv", "Day,Close\n2020-01-01,1\n")
    with pytest.raises(DataError, match=re.escape("nodate.csv: missing column(s) ['Date']")):
        load_prices(path=no_date)


def test_registered_file_missing_a_column(tmp_path):
    write(tmp_path / "tatatest.csv", "Date,Open\n2018-10-01,1\n")
    with pytest.raises(DataError, match=r"tatatest\.csv: missing column\(s\) \['High', 'Low'"):
        load_prices(path=tmp_path / "tatatest.csv", verify_checksum=False)


def test_non_numeric_value(tmp_path):
    own = write(tmp_path / "own.csv", GOOD.replace("2020-01-02,3,4", '2020-01-02,"1,000",abc'))
    with pytest.raises(DataError, match=r"own\.csv: column 'Close' has a non-numeric value 'abc' "
                                         r"in row 2 \(date '2020-01-02'\)"):
        load_prices(path=own)
    assert list(load_prices(path=own, columns=["Open"])["Open"]) == [1.0, 1000.0, 5.0]


def test_missing_value_in_requested_column(tmp_path):
    own = write(tmp_path / "own.csv", GOOD.replace("2020-01-02,3,4", "2020-01-02,3,"))
    with pytest.raises(DataError, match=r"own\.csv: column 'Close' has missing values on 2020-01-02"):
        load_prices(path=own, columns=["Close"])
    assert load_prices(path=own)["Close"].isna().sum() == 1  # kept as NaN without columns=


def test_duplicate_dates(tmp_path):
    own = write(tmp_path / "own.csv", GOOD.replace("2020-01-03", "2020-01-02"))
    with pytest.raises(DataError, match=r"own\.csv: duplicate dates 2020-01-02"):
        load_prices(path=own)


def test_unsorted_dates(tmp_path):
    shuffled = "Date,Close\n2020-01-01,1\n2020-01-03,3\n2020-01-02,2\n"
    own = write(tmp_path / "own.csv", shuffled)
    with pytest.raises(DataError, match=r"own\.csv: dates are not in order.*row 3 \(date '2020-01-02'\)"):
        load_prices(path=own)


def test_unparseable_date(tmp_path):
    own = write(tmp_path / "own.csv", GOOD.replace("2020-01-03", "2020-13-45"))
    with pytest.raises(DataError, match=r"own\.csv: cannot parse date '2020-13-45' in row 3"):
        load_prices(path=own)
    # a DD-MM-YY file read as ISO fails loudly instead of guessing
    hsi_like = write(tmp_path / "hsi.csv", "Date,Close\n10-10-19,1\n09-10-19,2\n")
    with pytest.raises(DataError, match=r"hsi\.csv: cannot parse date '10-10-19'"):
        load_prices(path=hsi_like)


def test_too_few_rows(tmp_path):
    own = write(tmp_path / "own.csv", GOOD)
    with pytest.raises(DataError, match=r"own\.csv: has 3 rows, needs at least 61"):
        load_prices(path=own, min_rows=61)


def test_empty_csv_and_header_only(tmp_path):
    with pytest.raises(DataError, match=r"empty\.csv: cannot read as CSV"):
        load_prices(path=write(tmp_path / "empty.csv", ""))
    with pytest.raises(DataError, match=r"header\.csv: the file has no data rows"):
        load_prices(path=write(tmp_path / "header.csv", "Date,Close\n"))


def test_empty_text_file(tmp_path):
    with pytest.raises(DataError, match=r"empty\.txt: the file is empty"):
        load_text(path=write(tmp_path / "empty.txt", ""))


def test_name_or_path_not_both():
    with pytest.raises(TypeError):
        load_prices()
    with pytest.raises(TypeError):
        load_prices("HSI.csv", path=DATA_DIR / "HSI.csv")
