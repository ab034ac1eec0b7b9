"""Loading the book's data files, with their quirks handled in code.

The files in ``data/`` are byte-exact copies of public files (see ``data/SOURCES.md``)
and are never edited. Every quirk (newest-first order, DD-MM-YY or M/D/YYYY dates,
CRLF line ends, thousands separators, a text column, one row with empty cells) is
handled here, and every problem is reported as a :class:`DataError` that names the
file and the reason.

Rules of :func:`load_prices`:

* Order: the dates in the file must be strictly monotonic. An oldest-first file is
  kept, a newest-first file is reversed; any other order raises, and so do
  duplicate dates. The result is always oldest-first.
* Missing values: only the columns you ask for with ``columns=`` are checked; a
  missing value (NaN) in one of them raises, naming the column and the dates. With
  ``columns=None`` all price columns are returned and missing values are kept as NaN
  (the IBM file has one such row, 2017-07-31, with empty Open and Low).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_OHLC = ("Open", "High", "Low", "Close")
_YAHOO = (*_OHLC, "Adj Close", "Volume")
_NSE = ("Open", "High", "Low", "Last", "Close", "Total Trade Quantity", "Turnover (Lacs)")


class DataError(ValueError):
    """A data file is missing, altered or malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class DatasetSpec:
    """One registered data file: how to read it and what to expect in it."""

    file: str
    date_format: str | None  # None for the text file
    sha256: str
    stored_order: str | None  # "newest-first" / "oldest-first"; None for the text file
    columns: tuple[str, ...]  # the price columns (text columns such as IBM's "Name" are not listed)
    note: str


def _spec(file, date_format, sha256, stored_order, columns, note):
    return file, DatasetSpec(file, date_format, sha256, stored_order, tuple(columns), note)


DATASETS: dict[str, DatasetSpec] = dict(
    [
        _spec("dinos.txt", None,
              "ad6465621cf56c08f71d4fbb40cf7eab763f9df42c54cc460d6c4d86e9c927fb", None, (),
              "1536 names, no trailing newline; 10 lines hold two names glued together"),
        _spec("NSE-TATAGLOBAL.csv", "%Y-%m-%d",
              "104d075e71dab8c7f56a73ed57694bd78e5610fd362b5f731f27539bfa23b32c",
              "newest-first", _NSE, "newest first; market-holiday gaps"),
        _spec("tatatest.csv", "%Y-%m-%d",
              "fe0574894a2db2c5d308fc29ac071da3582f8cdf7c0e4058ff65020c8a29ac2e",
              "newest-first", _NSE, "newest first; lies after the training file in time"),
        _spec("AAPL.csv", "%Y-%m-%d",
              "9177e1f89eb45033b480a140c4ab6ef0d5202ae9c32c9dbc421227636928e771",
              "newest-first", _YAHOO, "newest first; CRLF; no trailing newline"),
        _spec("AAPL-TEST.csv", "%Y-%m-%d",
              "4c5b989e13b0dd8a8268e662dd807d2f862df0d9f56550bbcbd83f0798ae3a28",
              "newest-first", _YAHOO, "newest first; CRLF"),
        _spec("HSI.csv", "%d-%m-%y",
              "63eb6b1f63e4ab996cc451abc9c6508ffad87ed7e6f13bfe8cdc7b596b22916c",
              "newest-first", _YAHOO, "dates DD-MM-YY; newest first"),
        _spec("HSItest.csv", "%d-%m-%y",
              "e9748af3bf7eb0ff887ad7f04616c9d3d4a57e29c7b963c92f1c3ae5988b9c35",
              "newest-first", _YAHOO,
              "dates DD-MM-YY; newest first; lies BEFORE the training period of HSI.csv"),
        _spec("IBM_2006-01-01_to_2018-01-01.csv", "%Y-%m-%d",
              "3d62c85ddf670e69a4340239dbe1cd2acfe8393898b54645c00ac689d97f112a",
              "oldest-first", (*_OHLC, "Volume"),
              "oldest first; text column Name dropped; 2017-07-31 has empty Open and Low"),
        _spec("BTC-USD.csv", "%Y-%m-%d",
              "2cb7c0a2da866c90d693ea9950ad0536babfac2d362a4d2c0cace6ceac371893",
              "oldest-first", _YAHOO, "oldest first; every calendar day"),
        _spec("Google_Stock_Price_Train.csv", "%m/%d/%Y",
              "4562853ef186ae4ffbe7511df2b282a915f2385f0b183d91546ebd2e4d79c2b2",
              "oldest-first", (*_OHLC, "Volume"),
              "M/D/YYYY; CRLF; thousands separators; Close not split-adjusted before 2014-03-27"),
        _spec("Google_Stock_Price_Test.csv", "%m/%d/%Y",
              "ca5da062e65fa9b6e280ea0ad57e510fc9b62a99f6aa2d4b39641008022fd1a3",
              "oldest-first", (*_OHLC, "Volume"), "M/D/YYYY; CRLF; thousands separators"),
    ]
)


def sha256_of(path) -> str:
    """Return the SHA-256 hex digest of a file. Introduced in: Forecasting TATA."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _resolve(name, path, data_dir) -> tuple[Path, DatasetSpec | None]:
    """Find the file and its registry entry (None for an unregistered file of the user's)."""
    if (name is None) == (path is None):
        raise TypeError("give exactly one of `name` (a registered data set) or `path=` (your own file)")
    if path is not None:
        path = Path(path)
        return path, DATASETS.get(path.name)
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    if name not in DATASETS:
        raise DataError(
            f"{folder / name}: unknown data set {name!r}; registered: {', '.join(sorted(DATASETS))} "
            "(pass path= to load your own file)"
        )
    return folder / DATASETS[name].file, DATASETS[name]


def _check_file(path: Path, spec: DatasetSpec | None, verify_checksum: bool) -> None:
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    if verify_checksum and spec is not None:
        actual = sha256_of(path)
        if actual != spec.sha256:
            raise DataError(
                f"{path}: checksum mismatch (expected sha256 {spec.sha256}, got {actual}); "
                "the file is not the registered copy. If it is your own file, "
                "pass verify_checksum=False."
            )


def load_text(name: str | None = "dinos.txt", *, data_dir=None, path=None, verify_checksum: bool = True) -> str:
    """Return the text of a data file, checksum verified. Introduced in: Dinosaur names.

    Pass ``path=`` (and ``name=None`` is implied) to read your own file.
    """
    if path is not None:
        name = None
    path, spec = _resolve(name, path, data_dir)
    _check_file(path, spec, verify_checksum)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not UTF-8 text ({err})") from None
    if not text:
        raise DataError(f"{path}: the file is empty")
    return text


def find_glued_names(names: list[str]) -> list[str]:
    """Return the names that hold two names glued together, e.g. "HylosaurusHypacrosaurus".

    A name is glued when an upper-case letter follows its first character.
    Introduced in: Dinosaur names.
    """
    return [n for n in names if any(c.isupper() for c in n[1:])]


def _first_bad(mask: pd.Series, dates: pd.Series) -> str:
    """Describe the first row where `mask` is true: its date as written and its data-row number."""
    i = int(mask.to_numpy().argmax())
    return f"row {i + 1} (date {dates.iloc[i]!r})"


def load_prices(
    name: str | None = None,
    *,
    data_dir=None,
    path=None,
    verify_checksum: bool = True,
    columns=None,
    date_format: str | None = None,
    min_rows: int | None = None,
) -> pd.DataFrame:
    """Load a daily price table as a tidy, oldest-first frame. Introduced in: Forecasting TATA.

    ``name`` is a key of :data:`DATASETS` (looked up in ``data_dir``, default :data:`DATA_DIR`);
    or pass ``path=`` to your own file. A registered file name keeps its spec (and checksum,
    unless ``verify_checksum=False``); an unregistered file is read with ``date_format``
    (ISO 8601 when not given) and has no checksum.

    Returns a frame with a DatetimeIndex named "Date", sorted oldest-first, and float64
    columns: ``columns`` if given (they must exist and hold no missing values), else the
    spec's price columns (or every column but Date for an unregistered file), with any
    missing values kept as NaN. ``min_rows`` requires at least that many rows.
    Raises :class:`DataError` naming the file and the problem.
    """
    path, spec = _resolve(name, path, data_dir)
    if spec is not None and spec.date_format is None:
        raise DataError(f"{path}: not a price table (use load_text for this file)")
    _check_file(path, spec, verify_checksum)
    fmt = date_format or (spec.date_format if spec else None) or "ISO8601"
    if isinstance(columns, str):
        columns = [columns]

    try:
        raw = pd.read_csv(path, thousands=",", dtype={"Date": str})
    except (pd.errors.EmptyDataError, pd.errors.ParserError) as err:
        raise DataError(f"{path}: cannot read as CSV ({err})") from None

    if columns is not None:
        wanted = list(columns)
    elif spec is not None:
        wanted = list(spec.columns)
    else:
        wanted = [c for c in raw.columns if c != "Date"]
    missing = [c for c in ["Date", *wanted] if c not in raw.columns]
    if missing:
        raise DataError(f"{path}: missing column(s) {missing}; the file has {list(raw.columns)}")
    if raw.empty:
        raise DataError(f"{path}: the file has no data rows")

    date_text = raw["Date"]
    dates = pd.to_datetime(date_text, format=fmt, errors="coerce")
    if dates.isna().any():
        bad = dates.isna()
        raise DataError(
            f"{path}: cannot parse date {date_text[bad].iloc[0]!r} in row {int(bad.to_numpy().argmax()) + 1} "
            f"with format {fmt!r}"
        )
    duplicated = dates[dates.duplicated()]
    if len(duplicated):
        shown = ", ".join(sorted({d.strftime("%Y-%m-%d") for d in duplicated}))
        raise DataError(f"{path}: duplicate dates {shown}")

    frame = pd.DataFrame(index=pd.DatetimeIndex(dates, name="Date"))
    for col in wanted:
        values = raw[col]
        if not pd.api.types.is_numeric_dtype(values):
            # pandas skips `thousands` for a column with any non-number in it, so strip commas here.
            numbers = pd.to_numeric(values.astype(str).str.replace(",", ""), errors="coerce")
            bad = values.notna() & numbers.isna()
            if bad.any():
                raise DataError(
                    f"{path}: column {col!r} has a non-numeric value {values[bad].iloc[0]!r} "
                    f"in {_first_bad(bad, date_text)}"
                )
            values = numbers
        frame[col] = values.to_numpy(dtype="float64")

    if columns is not None:
        for col in wanted:
            if frame[col].isna().any():
                where = ", ".join(d.strftime("%Y-%m-%d") for d in frame.index[frame[col].isna()])
                raise DataError(f"{path}: column {col!r} has missing values on {where}")

    if frame.index.is_monotonic_decreasing:
        frame = frame.iloc[::-1]
    elif not frame.index.is_monotonic_increasing:
        steps = pd.Series(frame.index).diff().dt.days.to_numpy()
        up, down = (steps > 0).argmax(), (steps < 0).argmax()
        i = max(up, down)  # the first row that breaks the direction set by the rows before it
        raise DataError(
            f"{path}: dates are not in order (neither oldest-first nor newest-first); "
            f"row {i + 1} (date {date_text.iloc[i]!r}) breaks the order"
        )

    if min_rows is not None and len(frame) < min_rows:
        raise DataError(f"{path}: has {len(frame)} rows, needs at least {min_rows}")
    return frame
