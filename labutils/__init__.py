"""Shared helpers of the Recurrent Networks Lab Book.

Modules: ``data`` (datasets and loaders), ``rnn_utils`` (activations for the numpy
exercises), ``charmodel`` (the character-level model of the dinosaur-names chapter),
``forecast`` and ``plots`` (the forecasting plumbing and its figures), ``checks`` (tolerance
checks of training results), ``precomputed`` (readers of ``data/precomputed/``), ``gradcheck``
(finite-difference checks), ``grading`` (stand-ins in the exercises' graded tests),
``diagrams`` (the book's figures of cells and networks, SVG in ``labutils/figures``),
``repro`` (seeding, threads). The package holds no exercise solution: students receive it.
Chapters import them by name, e.g. ``from labutils import data``.
"""

from importlib import metadata

__version__ = metadata.version("labutils")
