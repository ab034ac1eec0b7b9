"""Shared helpers of the Recurrent Networks Lab Book.

Modules: ``data`` (datasets and loaders), ``rnn_utils`` (activations for the numpy
exercises), ``cells`` (the numpy RNN and LSTM forward passes, reused after the RNN
hands-on chapter), ``charmodel`` (the character-level model of the
dinosaur-names chapter), ``forecast`` and ``plots`` (the forecasting
pipeline and its figures), ``gradcheck`` (finite-difference checks), ``repro`` (seeding,
threads).
Chapters import them by name, e.g. ``from labutils import data``.
"""

from importlib import metadata

__version__ = metadata.version("labutils")
