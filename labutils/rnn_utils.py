"""Activation helpers called by the numpy exercises.

Introduced in: RNN hands-on. They follow the original exercise's ``rnn_utils`` module, so
the chapters print the published digits (softmax is made safe for columns far apart).
"""

import numpy as np


def softmax(x):
    """Column-wise softmax of ``x`` (shape ``(n_y, m)``): each column sums to 1.

    Each column's largest entry is subtracted first, for numerical stability. (The original
    exercise subtracted the largest entry of the whole array: a column far below it then
    underflows to 0/0. The printed digits of the exercises are the same either way.)
    """
    e_x = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e_x / e_x.sum(axis=0)


def sigmoid(x):
    """Logistic function ``1 / (1 + exp(-x))``, element-wise."""
    return 1 / (1 + np.exp(-x))
