"""Shared helpers of the Recurrent Networks Lab Book.

Modules: ``data`` (datasets and loaders), ``rnn_utils`` (activations for the numpy
exercises), ``gradcheck`` (finite-difference checks), ``repro`` (seeding, threads).
Chapters import them by name, e.g. ``from labutils import data``.
"""

from importlib import metadata

__version__ = metadata.version("labutils")
