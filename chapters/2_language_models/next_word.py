# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A next-word LSTM: "who is to bell the cat?"
#
# **Objective.** The [dinosaur-names chapter](dinosaur_names.ipynb) taught a recurrent network to
# predict the next *character* of a name. Here the units are *words*: a small Keras LSTM (the
# cell of the chapter [LSTM and GRU gates](../1_from_scratch/lstm_gru_gates.ipynb)) reads three
# symbols of a short fable (words, commas and periods) and predicts the fourth. On the way we
# split a text into symbols, give every symbol an integer code and a learned vector (an
# embedding), cut the text into windows, work out the best accuracy *any* model could reach on
# them, train the LSTM, read its predictions for a few prompts, and let it tell the story by
# feeding its predictions back as input.
#
# Symbols and shapes: see the [notation page](../../notation.md).
#
# **Source.** Report 003 (Amir Ali), "Use Case: Long Short-Term Memory Networks", closes its
# theory with this use case. It says the fable has 112 unique symbols and that the network
# "will learn to predict the next symbol correctly", but shows no code and no result. Its
# description, down to the 112 symbols, follows Rowel Atienza's tutorial *LSTM by Example using
# Tensorflow* (2017), whose code and data are public: `Experiments/Tensorflow/RNN/rnn_words.py`
# and `belling_the_cat.txt` in the repository `roatienza/Deep-Learning-Experiments`. How the
# fable printed in report 003 differs from that file is told in an "About the source report"
# block; the lesson does not need it.

# %% tags=["remove-stderr"]
from labutils import repro

repro.use_single_thread()  # before TensorFlow is imported

import collections
import difflib
import re

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import labutils
from labutils.grading import substituted

print("labutils", labutils.__version__, "| keras", keras.__version__)

# %% [markdown]
# ## The fable and its symbols
#
# The text is Aesop's fable *Belling the Cat* as Atienza's data file holds it (`belling_the_cat.txt`
# at commit `c0d548c` of the repository above): lower-cased, with every word and every
# punctuation mark separated by a space.

# %%
FABLE_ORIGINAL = (
    'long ago , the mice had a general council to consider what measures they could take to '
    'outwit their common enemy , the cat . some said this , and some said that but at last a '
    'young mouse got up and said he had a proposal to make , which he thought would meet the '
    'case . you will all agree , said he , that our chief danger consists in the sly and '
    'treacherous manner in which the enemy approaches us . now , if we could receive some '
    'signal of her approach , we could easily escape from her . i venture , therefore , to '
    'propose that a small bell be procured , and attached by a ribbon round the neck of the '
    'cat . by this means we should always know when she was about , and could easily retire '
    'while she was in the neighbourhood . this proposal met with general applause , until an '
    'old mouse got up and said  that is all very well , but who is to bell the cat ? the mice'
    ' looked at one another and nobody spoke . then the old mouse said it is easy to propose '
    'impossible remedies .'
)

# %% [markdown]
# A **symbol** is a word or a punctuation mark (the report: "Comma and period are also
# considered as unique symbols"). Written as a function, so that it also splits a text whose
# punctuation sticks to its words ("cat." is two symbols, "cat" and "."):

# %% nbgrader={"grade": false, "grade_id": "symbols_of", "locked": false, "schema_version": 3, "solution": true, "task": false}
def symbols_of(text):
    """The symbols of a text: its words and its punctuation marks, in order."""
    ### BEGIN SOLUTION
    return re.findall(r"[A-Za-z]+|[^\sA-Za-z]", text)
    ### END SOLUTION


# %%
original_symbols = symbols_of(FABLE_ORIGINAL)
print("splitting on spaces gives the same symbols:", original_symbols == FABLE_ORIGINAL.split())
print("symbols in the original text:", len(original_symbols))
print("unique symbols:", len(set(original_symbols)))

# %% nbgrader={"grade": true, "grade_id": "test_symbols_of", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of symbols_of (1 point). Visible: two sentences of the fable. More tests run when
# your notebook is graded.
def test_symbols_of_sentences_of_the_fable():
    assert symbols_of("Long ago, the mice had a general council.") == [
        "Long", "ago", ",", "the", "mice", "had", "a", "general", "council", "."]
    assert symbols_of("but who is to bell the cat ? the mice looked") == [
        "but", "who", "is", "to", "bell", "the", "cat", "?", "the", "mice", "looked"]


test_symbols_of_sentences_of_the_fable()
### BEGIN HIDDEN TESTS
assert symbols_of("") == []
assert symbols_of("meet the case . You will") == ["meet", "the", "case", ".", "You", "will"]
assert symbols_of("the cat?The mice,nobody") == ["the", "cat", "?", "The", "mice", ",", "nobody"]
assert symbols_of("  Then\tthe old\n\nmouse said!? ") == ["Then", "the", "old", "mouse", "said", "!", "?"]
assert symbols_of("By by BY") == ["By", "by", "BY"], "the case of a word is kept"
### END HIDDEN TESTS


# %% [markdown]
# The fable has 204 symbols, 112 of them different: these are the "112 unique symbols" of
# report 003.
#
# :::{admonition} About the source report: the fable as report 003 prints it
# :class: dropdown
# Report 003's "Dataset" paragraph prints the fable capitalised, with its punctuation stuck to
# the words, and damaged. The cells below copy it character for character and count its
# symbols: neither count is 112. Kept as printed, "The" and "the", "By" and "by", "This" and
# "this" are different symbols (113); lower-cased, 110. Atienza's file, above, has the 112.
#
# Aligning the two symbol sequences (lower-cased) shows where they differ. Most differences
# are damage done in copying: the clause "which the enemy approaches us . now , if" has become
# the nonsense words "whicslyly and treacherouslyf" (pieces of the line before it, "sly and
# treacherous", pasted over it), and two more commas are gone, three in all with the one of
# the lost clause. Two are spellings ("around", "neighborhood" for "round", "neighbourhood")
# and one is an added word ("said that it is all very well"). Six symbols of the original are
# missing from the printed text (four lost with the clause, two respelt) and four new ones
# appear, so the printed text has $112 - 6 + 4 = 110$ unique lower-case symbols. One trace of
# the original survives in the printed text: a space before the period in "meet the case .".
#
# The chapter trains on the original text: it is the one the 112 (and the "112-element vector"
# of the report's output) describes, and it has no invented words.
# :::

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the fable as report 003 prints it", "code_prompt_hide": "Hide the fable as report 003 prints it"}
FABLE_AS_PRINTED = (
    'Long ago, the mice had a general council to consider what measures they could take to '
    'outwit their common enemy, the cat. some said this, and some said that but at last a '
    'young mouse got up and said he had a proposal to make, which he thought would meet the '
    'case . You will all agree, said he that our chief danger consists in the sly and '
    'treacherous manner in whicslyly and treacherouslyf we could receive some signal of her '
    'approach, we could easily escape from her. I venture, therefore, to propose that a small'
    ' bell be procured, and attached by a ribbon around the neck of the cat. By this means we'
    ' should always know when she was about, and could easily retire while she was in the '
    'neighborhood. This proposal met with general applause until an old mouse got up and said'
    ' that it is all very well, but who is to bell the cat? The mice looked at one another '
    'and nobody spoke. Then the old mouse said it is easy to propose impossible remedies.'
)
printed_symbols = symbols_of(FABLE_AS_PRINTED)
print("symbols in the printed text:", len(printed_symbols))
print("unique symbols, as printed:", len(set(printed_symbols)))
print("unique symbols, lower-cased:", len({s.lower() for s in printed_symbols}))

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show where the printed fable differs from the original", "code_prompt_hide": "Hide where the printed fable differs from the original"}
printed_lower = [s.lower() for s in printed_symbols]
matcher = difflib.SequenceMatcher(a=original_symbols, b=printed_lower, autojunk=False)
differences = pd.DataFrame(
    [{"after": "... " + " ".join(original_symbols[max(i1 - 3, 0):i1]),
      "original": " ".join(original_symbols[i1:i2]),
      "as printed in report 003": " ".join(printed_lower[j1:j2])}
     for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
)
differences

# %% tags=["hide-cell"] mystnb={"code_prompt_show": "Show the symbols and commas of the two texts", "code_prompt_hide": "Hide the symbols and commas of the two texts"}
print("only in the original:", sorted(set(original_symbols) - set(printed_lower)))
print("only in the printed text:", sorted(set(printed_lower) - set(original_symbols)))
print("commas in the original:", original_symbols.count(","), "| as printed:", printed_lower.count(","))

# %% [markdown]
# ## Symbols to integers, ordered by frequency
#
# The report: "convert the unique symbols into unique integer values based on the frequency of
# occurrence". The most frequent symbol gets 0, the next 1, and so on (ties keep the order of
# first appearance, as in Atienza's `build_dataset`).

# %% nbgrader={"grade": false, "grade_id": "build_vocabulary", "locked": false, "schema_version": 3, "solution": true, "task": false}
def build_vocabulary(symbols):
    """The unique symbols, most frequent first; a symbol's index is its integer code."""
    ### BEGIN SOLUTION
    return [symbol for symbol, count in collections.Counter(symbols).most_common()]
    ### END SOLUTION


# %%
vocabulary = build_vocabulary(original_symbols)
code_of = {symbol: code for code, symbol in enumerate(vocabulary)}
counts = collections.Counter(original_symbols)
print("vocabulary size:", len(vocabulary))
pd.DataFrame({"symbol": vocabulary[:10], "count": [counts[s] for s in vocabulary[:10]]},
             index=pd.Index(range(10), name="code"))

# %% nbgrader={"grade": true, "grade_id": "test_build_vocabulary", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of build_vocabulary (1 point). Visible: a short list, most frequent symbol first,
# ties in the order of first appearance. More tests run when your notebook is graded.
def test_build_vocabulary_on_a_short_list():
    assert list(build_vocabulary("the cat , the mouse , the end".split())) == ["the", ",", "cat", "mouse", "end"]


test_build_vocabulary_on_a_short_list()
### BEGIN HIDDEN TESTS
def hidden_test_build_vocabulary(symbols):
    """Each symbol once, by falling count, ties in the order of first appearance; the input unchanged."""
    before = list(symbols)
    expected = sorted(set(symbols), key=lambda symbol: (-symbols.count(symbol), symbols.index(symbol)))
    assert list(build_vocabulary(symbols)) == expected
    assert symbols == before, "the list of symbols was changed"


hidden_test_build_vocabulary([])
hidden_test_build_vocabulary(["mouse"])
hidden_test_build_vocabulary(["z", "y", "x"])
hidden_test_build_vocabulary("b a b a c a , . ,".split())
hidden_test_build_vocabulary([f"w{k}" for k in np.random.default_rng(91).integers(0, 30, size=200)])
### END HIDDEN TESTS

# %% [markdown]
# (best-accuracy-possible)=
# ## Windows of three symbols, and the best accuracy possible
#
# Every run of three consecutive symbols is an input, the symbol after it the label: the 204
# symbols give 201 examples.

# %%
codes = np.array([code_of[s] for s in original_symbols])
CONTEXT = 3
x = np.stack([codes[i:i + CONTEXT] for i in range(len(codes) - CONTEXT)])
y = codes[CONTEXT:]
print("inputs", x.shape, "labels", y.shape)
print("first example:", [vocabulary[c] for c in x[0]], "->", vocabulary[y[0]])

# %% [markdown]
# Can a model get all 201 right? Only if no three-symbol context is followed by two different
# symbols. Two are:

# %%
followers = collections.defaultdict(collections.Counter)
for context, label in zip(map(tuple, x), y):
    followers[context][label] += 1
for context, labels in followers.items():
    if len(labels) > 1:
        print(" ".join(vocabulary[c] for c in context), "->",
              {vocabulary[c]: n for c, n in labels.items()})
best_possible = sum(max(labels.values()) for labels in followers.values()) / len(y)
print(f"best possible training accuracy: {best_possible:.4f} ({round(best_possible * len(y))} of {len(y)})")

# %% [markdown]
# "the cat ." is followed once by "some" and once by "by"; "up and said" once by "he" and once
# by "that". Whatever a model answers for these, it is wrong once: 199 of 201, 99.0%, is the
# ceiling for any model that sees three symbols.
#
# ## The model
#
# The symbol codes are labels, not quantities: "the" (1) is not half of "." (2). So the first
# layer is an **embedding**, which gives each of the 112 symbols a learned vector of 16 numbers.
# (Atienza's code feeds the codes themselves to the LSTM as real numbers, which imposes a
# meaningless order on the symbols. It stacks two LSTM layers of `n_hidden = 512` units, trains
# for `training_iters = 50000` steps of one window each, and notes in a comment
# `# Average Accuracy= 95.20% at 50k iter`, an average over its last thousand training steps.)
# Then one `LSTM(64)`
# reads the three vectors, and a `Dense(112, softmax)` turns its last hidden state into the
# report's "112-element vector consisting of the probability of occurrence" of each symbol.

# %% nbgrader={"grade": false, "grade_id": "build_next_symbol_model", "locked": false, "schema_version": 3, "solution": true, "task": false}
def build_next_symbol_model(vocabulary_size, embedding_size=16, units=64):
    """Embedding -> LSTM -> softmax over the vocabulary, for windows of CONTEXT symbols.

    Compiled with Adam (learning rate 0.01), the sparse categorical cross-entropy and accuracy.
    """
    ### BEGIN SOLUTION
    model = keras.Sequential([
        keras.Input((CONTEXT,)),
        keras.layers.Embedding(vocabulary_size, embedding_size),
        keras.layers.LSTM(units),
        keras.layers.Dense(vocabulary_size, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"], steps_per_execution=7)
    return model
    ### END SOLUTION


# %%
repro.seed_everything(0)
model = build_next_symbol_model(len(vocabulary))
for layer in model.layers:
    print(f"{layer.name:>10}: output shape {layer.output.shape}, {layer.count_params():5d} parameters")
print(f"{'total':>10}: {model.count_params()} parameters")

# %% nbgrader={"grade": true, "grade_id": "test_build_next_symbol_model", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of build_next_symbol_model (2 points). Visible: the layers and parameter counts of
# the model above. More tests (other sizes, the softmax, the optimiser, loss and metric it is
# compiled with) run when your notebook is graded.
def check_next_symbol_model(test_model, vocabulary_size, embedding_size, units):
    """Embedding, LSTM, Dense; windows of 3 symbols in, one probability per symbol out."""
    assert [type(layer) for layer in test_model.layers] == [keras.layers.Embedding, keras.layers.LSTM, keras.layers.Dense]
    assert tuple(test_model.input_shape) == (None, 3), "input: windows of CONTEXT symbols"
    assert tuple(test_model.output_shape) == (None, vocabulary_size), "output: one value per symbol"
    assert [layer.count_params() for layer in test_model.layers] == [
        vocabulary_size * embedding_size, 4 * units * (embedding_size + units + 1), (units + 1) * vocabulary_size]


def built(vocabulary_size, **sizes):
    """build_next_symbol_model(vocabulary_size, **sizes) for windows of 3 symbols."""
    with substituted(globals(), CONTEXT=3):
        return build_next_symbol_model(vocabulary_size, **sizes)


def test_build_next_symbol_model_as_above():
    check_next_symbol_model(built(112), 112, embedding_size=16, units=64)  # 1792, 20736, 7280 parameters


test_build_next_symbol_model_as_above()
### BEGIN HIDDEN TESTS
def hidden_test_build_next_symbol_model(vocabulary_size, embedding_size, units, seed):
    """Other sizes; the outputs are probabilities (softmax); returns the model, a batch and its output."""
    test_model = built(vocabulary_size, embedding_size=embedding_size, units=units)
    check_next_symbol_model(test_model, vocabulary_size, embedding_size, units)
    generator = np.random.default_rng(seed)
    windows, labels = generator.integers(0, vocabulary_size, size=(6, 3)), generator.integers(0, vocabulary_size, size=6)
    probabilities = keras.ops.convert_to_numpy(test_model(windows, training=False))
    assert np.all(probabilities > 0)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    return test_model, windows, labels, probabilities


def hidden_test_compiled_for_training():
    """Adam(0.01); evaluate gives the cross-entropy and the accuracy."""
    test_model, windows, labels, probabilities = hidden_test_build_next_symbol_model(7, 3, 2, seed=92)
    assert isinstance(test_model.optimizer, keras.optimizers.Adam)
    np.testing.assert_allclose(float(test_model.optimizer.learning_rate), 0.01, rtol=1e-6)
    loss, accuracy = test_model.evaluate(windows, labels, verbose=0)
    np.testing.assert_allclose(loss, -np.mean(np.log(probabilities[np.arange(6), labels])), rtol=1e-4)
    np.testing.assert_allclose(accuracy, np.mean(probabilities.argmax(axis=1) == labels), atol=1e-6)


hidden_test_build_next_symbol_model(30, embedding_size=8, units=5, seed=93)
hidden_test_compiled_for_training()
### END HIDDEN TESTS

# %% [markdown]
# ## Training
#
# Adam with learning rate 0.01, batches of 32, 60 epochs, on all 201 windows. There is no test
# set: with one short fable, the question is only whether the LSTM can learn the text.

# %%
NUM_EPOCHS = 60
history = model.fit(x, y, epochs=NUM_EPOCHS, batch_size=32, verbose=0).history

fig, ax = plt.subplots(figsize=(7, 3.5))
ax.semilogy(np.arange(1, NUM_EPOCHS + 1), history["loss"])
ax.set_xlabel("epoch")
ax.set_ylabel("training loss (cross-entropy, log scale)")
ax.set_title("Next-symbol LSTM on the fable")
plt.show()

# %% tags=["nbval-ignore-output"]
final_loss, training_accuracy = model.evaluate(x, y, verbose=0)
print(f"after training: loss {final_loss:.4f}, training accuracy {training_accuracy:.4f}")

# %% [markdown]
# On the book's reference machine the final model gets 199 of the 201 windows right, accuracy
# 0.9900 and loss 0.02; the exact loss can differ in its last digits on another machine. The
# check, with the ceiling computed {ref}`above <best-accuracy-possible>` as reference and a tolerance of one window:

# %%
print("training accuracy within one window of the best possible 199/201:",
      abs(training_accuracy - best_possible) <= 1 / len(y) + 1e-6)

# %% [markdown]
# ## Predictions for a few prompts
#
# The model's three most probable next symbols for some three-symbol prompts from the fable,
# including the ambiguous "up and said":

# %% nbgrader={"grade": false, "grade_id": "next_symbol_probabilities", "locked": false, "schema_version": 3, "solution": true, "task": false}
def next_symbol_probabilities(model, prompt):
    """The model's probabilities, one per symbol of the vocabulary, for the symbol after a
    prompt of CONTEXT symbols separated by spaces (a string); symbols are coded by code_of.
    """
    ### BEGIN SOLUTION
    prompt_codes = np.array([[code_of[s] for s in prompt.split()]])
    return model.predict(prompt_codes, verbose=0)[0]
    ### END SOLUTION


# %% tags=["nbval-ignore-output"]
PROMPTS = ["had a general", "who is to", "to bell the", "easy to propose", "up and said"]
rows = []
for prompt in PROMPTS:
    probabilities = next_symbol_probabilities(model, prompt)
    top = np.argsort(probabilities)[::-1][:3]
    rows.append({"prompt": prompt, **{f"guess {k + 1}": f"{vocabulary[c]} ({probabilities[c]:.3f})"
                                       for k, c in enumerate(top)}})
pd.DataFrame(rows).set_index("prompt")

# %% nbgrader={"grade": true, "grade_id": "test_next_symbol_probabilities", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of next_symbol_probabilities (1 point), on a small untrained model made here and
# symbol codes of their own (code_of is swapped for the test's), so that they test this function
# alone. More tests run when your notebook is graded.
def check_next_symbol_probabilities(symbols, prompt, seed):
    """The probabilities equal the model's output for the prompt's codes, in order."""
    codes = {symbol: code for code, symbol in enumerate(symbols)}
    test_model = keras.Sequential([keras.Input((3,)), keras.layers.Embedding(len(symbols), 4), keras.layers.Flatten(),
                                   keras.layers.Dense(len(symbols), activation="softmax")])
    rng = np.random.default_rng(seed)
    test_model.set_weights([rng.normal(size=weights.shape) for weights in test_model.get_weights()])
    with substituted(globals(), code_of=codes, CONTEXT=3, symbols_of=str.split):
        probabilities = next_symbol_probabilities(test_model, prompt)
    prompt_codes = np.array([[codes[symbol] for symbol in prompt.split()]])
    expected = keras.ops.convert_to_numpy(test_model(prompt_codes, training=False))[0]
    assert np.shape(probabilities) == (len(symbols),), "one probability per symbol"
    np.testing.assert_allclose(probabilities, expected, rtol=1e-5, atol=1e-7)


check_next_symbol_probabilities(["the", "cat", ".", "mice", "bell"], "the cat .", seed=101)
### BEGIN HIDDEN TESTS
check_next_symbol_probabilities(list("abcdefg"), "g a c", seed=102)
check_next_symbol_probabilities(["x", "y"], "y y x", seed=103)
check_next_symbol_probabilities(list("abcdefghij"), "j  i h", seed=104)
### END HIDDEN TESTS

# %% [markdown]
# The probabilities depend on training and are not compared by the tests; these checks are.
# Each unambiguous prompt's best guess is the fable's next symbol, with probability above 0.9;
# for "up and said" the two symbols that follow it in the fable share the probability:

# %%
for prompt, expected in [("had a general", "council"), ("who is to", "bell"), ("to bell the", "cat"),
                         ("easy to propose", "impossible")]:
    probabilities = next_symbol_probabilities(model, prompt)
    print(f"{prompt!r} -> {vocabulary[probabilities.argmax()]!r}:",
          vocabulary[probabilities.argmax()] == expected and probabilities.max() > 0.9)
ambiguous = next_symbol_probabilities(model, "up and said")
print("'up and said' -> 'he' and 'that' each between 0.3 and 0.7:",
      all(0.3 < ambiguous[code_of[s]] < 0.7 for s in ["he", "that"]))

# %% [markdown]
# ## A generated continuation
#
# Feed the model's best guess back as input, drop the oldest symbol, and repeat (greedy
# decoding, as in Atienza's tutorial). From "long ago ,", 40 symbols:

# %% nbgrader={"grade": false, "grade_id": "continue_text", "locked": false, "schema_version": 3, "solution": true, "task": false}
def continue_text(model, prompt, num_symbols):
    """Greedy continuation: append the most probable next symbol, num_symbols times.

    prompt: a string of at least CONTEXT symbols. Returns the list of the prompt's symbols
    followed by the num_symbols new ones.
    """
    ### BEGIN SOLUTION
    symbols = prompt.split()
    for _ in range(num_symbols):
        probabilities = next_symbol_probabilities(model, " ".join(symbols[-CONTEXT:]))
        symbols.append(vocabulary[probabilities.argmax()])
    return symbols
    ### END SOLUTION


# %% tags=["nbval-ignore-output"]
generated = continue_text(model, "long ago ,", 40)
print(" ".join(generated))

# %% nbgrader={"grade": true, "grade_id": "test_continue_text", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false} tags=["hide-input"]
# Graded tests of continue_text (2 points), with a stand-in for next_symbol_probabilities whose
# favourite is easy to predict (the symbol after the prompt's last one in the test's own
# vocabulary), so that they test the loop alone. More tests run when your notebook is graded.
def check_continue_text(test_vocabulary, prompt, num_symbols):
    prompts_seen, test_model = [], object()

    def stand_in_next_symbol_probabilities(model, prompt):
        """Not a model: the symbol that follows the prompt's last one in test_vocabulary is the most probable."""
        assert model is test_model, "continue_text passes its model on"
        prompts_seen.append(prompt)
        probabilities = np.full(len(test_vocabulary), 0.5 / len(test_vocabulary))
        probabilities[(test_vocabulary.index(prompt.split()[-1]) + 1) % len(test_vocabulary)] += 0.5
        return probabilities

    with substituted(globals(), next_symbol_probabilities=stand_in_next_symbol_probabilities,
                     vocabulary=test_vocabulary, CONTEXT=3, symbols_of=str.split):
        symbols = continue_text(test_model, prompt, num_symbols)
    last = test_vocabulary.index(prompt.split()[-1])
    expected = prompt.split() + [test_vocabulary[(last + k) % len(test_vocabulary)] for k in range(1, num_symbols + 1)]
    assert list(symbols) == expected, f"expected {expected}, got {symbols}"
    windows = [expected[k - 3:k] for k in range(len(prompt.split()), len(expected))]
    assert [seen.split() for seen in prompts_seen] == windows, "each prompt: the last CONTEXT symbols"


check_continue_text(["long", "ago", ",", "the", "mice"], "long ago ,", 4)
### BEGIN HIDDEN TESTS
check_continue_text(["a", "b", "c", "d", "e", "f"], "e d c b a", 9)  # a longer prompt: its last 3 symbols
check_continue_text(["x", "y"], "x y x", 5)
check_continue_text(["x", "y", "z"], "z z z", 0)
### END HIDDEN TESTS

# %% [markdown]
# The model recites the fable. Up to the first ambiguous context ("the cat ." after 25
# symbols) the continuation is forced, and the tests check it; after that, the model's choice
# between "some" and "by" decides which part of the fable it recites next, and that choice can
# differ on another machine.

# %%
first_ambiguity = next(i for i in range(CONTEXT, len(original_symbols))
                       if len(followers[tuple(codes[i - CONTEXT:i])]) > 1)
print(f"first ambiguous context ends at symbol {first_ambiguity}:",
      " ".join(original_symbols[first_ambiguity - CONTEXT:first_ambiguity]))
print("continuation equals the fable up to there:",
      generated[:first_ambiguity] == original_symbols[:first_ambiguity])

# %% [markdown]
# ## Discussion
#
# * **"The neural network will learn to predict the next symbol correctly!"** On its training
#   text, almost: 199 of 201 windows, which is the most any three-symbol model can get, since
#   two contexts of the fable are followed by different symbols.
# * The report calls the symbol codes "unique integer values" that the LSTM needs because it
#   "can only understand real numbers". An embedding (or a one-hot vector) is the right way to
#   give a network a symbol; a code used as a number carries an order that means nothing.
# * **The 112 symbols** are those of Atienza's lower-cased, space-separated file, 204 symbols
#   long. The fable as report 003 prints it has 197 symbols and 113 unique ones (110 when
#   lower-cased): damaged in copying (a clause replaced by "whicslyly and treacherouslyf", three
#   commas lost), respelt ("around", "neighborhood") and capitalised.
# * **Limitation.** A model trained on 201 windows of one fable memorises it; with no held-out
#   text there is nothing to measure generalisation on, and we claim none. The
#   [dinosaur-names chapter](dinosaur_names.ipynb) shows a character-level model that does
#   generalise, to new names, measured on names it never saw.
