"""tools/chapters.py stores clean outputs: no TensorFlow start-up lines, streams merged."""

import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_output

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import chapters  # noqa: E402

NOISE = ("WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
         "I0000 00:00:1796196917.686202    8881 port.cc:153] oneDNN custom operations are on.\n"
         "2026-12-02 05:53:12.123456: I tensorflow/core/util/port.cc:113] oneDNN custom operations\n")


def test_log_noise_goes_and_a_real_warning_stays():
    cell = new_code_cell(outputs=[new_output("stream", name="stderr", text=NOISE + "UserWarning: real\n")])
    chapters.drop_log_noise(cell)
    assert [o.text for o in cell.outputs] == ["UserWarning: real\n"]


def test_a_stderr_output_of_noise_only_disappears():
    cell = new_code_cell(outputs=[new_output("stream", name="stderr", text=NOISE),
                                  new_output("stream", name="stdout", text="labutils 0.1.0\n")])
    chapters.drop_log_noise(cell)
    assert [o.name for o in cell.outputs] == ["stdout"]


@pytest.mark.parametrize("chapter", sorted((ROOT / "chapters").rglob("*.ipynb")), ids=lambda p: p.stem)
def test_stored_outputs_hold_no_log_noise(chapter):
    notebook = nbformat.read(chapter, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                assert not chapters.LOG_NOISE.search(output.text), (
                    f"{chapter.name} stores TensorFlow's start-up log: re-run tools/chapters.py execute")
