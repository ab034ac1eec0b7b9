"""Reference numpy forward passes of the RNN and LSTM, one cell and a whole sequence.

Introduced in: RNN hands-on (the solutions of its exercises, reused by later chapters).
The code is the same as the chapter's solutions, line for line, so the caches have the
same layout and the chapters that import these functions print the published digits.
"""

import numpy as np

from labutils.rnn_utils import sigmoid, softmax


def rnn_cell_forward(xt, a_prev, parameters):
    """One forward step of a basic RNN cell.

    xt: input at time t, shape (n_x, m); a_prev: hidden state at t-1, shape (n_a, m);
    parameters: dict with Wax (n_a, n_x), Waa (n_a, n_a), Wya (n_y, n_a), ba (n_a, 1), by (n_y, 1).
    Returns a_next (n_a, m), yt_pred (n_y, m) and cache = (a_next, a_prev, xt, parameters).
    """
    Wax, Waa, Wya = parameters["Wax"], parameters["Waa"], parameters["Wya"]
    ba, by = parameters["ba"], parameters["by"]

    a_next = np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)
    yt_pred = softmax(np.dot(Wya, a_next) + by)

    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache


def rnn_forward(x, a0, parameters):
    """Forward pass of a basic RNN over a whole sequence.

    x: inputs, shape (n_x, m, T_x); a0: initial hidden state, shape (n_a, m).
    Returns a (n_a, m, T_x), y_pred (n_y, m, T_x) and caches = (list of cell caches, x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape

    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    caches = []

    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)

    return a, y_pred, (caches, x)


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One forward step of an LSTM cell.

    xt: (n_x, m); a_prev, c_prev: (n_a, m); parameters: dict with Wf, Wi, Wc, Wo of shape
    (n_a, n_a + n_x), bf, bi, bc, bo of shape (n_a, 1), Wy (n_y, n_a) and by (n_y, 1).
    Returns a_next, c_next, yt_pred and
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters).
    """
    Wf, bf = parameters["Wf"], parameters["bf"]
    Wi, bi = parameters["Wi"], parameters["bi"]
    Wc, bc = parameters["Wc"], parameters["bc"]
    Wo, bo = parameters["Wo"], parameters["bo"]
    Wy, by = parameters["Wy"], parameters["by"]

    concat = np.concatenate([a_prev, xt], axis=0)

    ft = sigmoid(np.dot(Wf, concat) + bf)
    it = sigmoid(np.dot(Wi, concat) + bi)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(Wo, concat) + bo)
    a_next = ot * np.tanh(c_next)

    yt_pred = softmax(np.dot(Wy, a_next) + by)

    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache


def lstm_forward(x, a0, parameters):
    """Forward pass of an LSTM over a whole sequence.

    x: inputs, shape (n_x, m, T_x); a0: initial hidden state, shape (n_a, m); the memory
    cell starts at zero. Returns a, y, c (hidden states, predictions, memory cells, each with
    time as the last axis) and caches = (list of cell caches, x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape

    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    caches = []

    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t] = a_next
        c[:, :, t] = c_next
        y[:, :, t] = yt
        caches.append(cache)

    return a, y, c, (caches, x)
