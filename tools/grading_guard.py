"""The limits a hand-in runs under while nbgrader grades it (used by tools/course.py).

nbgrader runs a student's code as the grading user, with the user's files in reach. Each
hand-in is therefore graded in a process of its own (see ``tools/course.py``), and that
process and the notebook's kernel get:

* resource limits (``limit_resources``): address space (memory), size of files written, no
  core dumps;
* a guard in the kernel (``write_kernel_guard``): an audit hook (PEP 578), installed by an
  IPython start-up file before the first cell runs, that refuses to read, list or change the
  instructor's files (the course folder except the hand-in's own working folder, the book's
  repository except ``labutils``, ``data`` and the virtual environment), to start programs
  and to open network connections; every refusal is logged for the grading report;
* a cap on the output each cell may produce (``CappedExecute``, set in
  ``course/nbgrader_config.py``), so that a flood of prints cannot exhaust the grader's memory.

This is not a sandbox: code that uses ``ctypes`` to patch the interpreter can get past an
audit hook. A container (or a separate user account) with only the hand-in in reach is the
real isolation; the course page says so.
"""

import json
import os
import resource
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer

GUARD_MARKER = "grading guard:"

KERNEL_GUARD = r'''
"""Grading guard (tools/grading_guard.py): refuses access to the instructor's files."""
import os
import sys


def _install_grading_guard():
    split = lambda value: tuple(os.path.realpath(p) for p in value.split(os.pathsep) if p)
    denied = split(os.environ.pop("LABBOOK_GUARD_DENY", ""))
    allowed = split(os.environ.pop("LABBOOK_GUARD_ALLOW", ""))
    log = os.open(os.environ.pop("LABBOOK_GUARD_LOG"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    realpath, fsdecode, write = os.path.realpath, os.fsdecode, os.write
    path_events = {"open", "os.listdir", "os.scandir", "os.chdir", "os.remove", "os.rmdir",
                   "os.rename", "os.truncate", "os.chmod", "os.link", "os.symlink", "os.mkdir",
                   "os.utime", "shutil.rmtree", "shutil.copyfile", "sqlite3.connect", "glob.glob"}
    program_events = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                      "os.fork", "os.forkpty", "pty.spawn"}

    def inside(path, folders):
        return any(path == folder or path.startswith(folder + os.sep) for folder in folders)

    def refuse(what):
        write(log, (what + "\n").encode("utf-8", "replace"))
        raise PermissionError(f"grading guard: {what} is not allowed while grading")

    def check_path(event, argument):
        if isinstance(argument, (str, bytes, os.PathLike)):
            path = realpath(fsdecode(argument))
            if inside(path, denied) and not inside(path, allowed):
                refuse(f"{event} {path}")

    def hook(event, args):
        if event in path_events:
            for argument in args[:2]:
                check_path(event, argument)
        elif event in program_events:
            refuse(f"starting a program ({event})")
        elif event == "socket.connect":
            refuse("opening a network connection")

    sys.addaudithook(hook)


_install_grading_guard()
del _install_grading_guard
'''


def write_kernel_guard(ipython_dir):
    """Write the guard as an IPython start-up file; point ``IPYTHONDIR`` at ``ipython_dir``."""
    startup = Path(ipython_dir) / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "00-grading-guard.py").write_text(KERNEL_GUARD)


def guard_environment(ipython_dir, denied, allowed, log_path):
    """The environment variables that turn the guard on in a kernel started with them."""
    return {
        "IPYTHONDIR": str(ipython_dir),
        "LABBOOK_GUARD_DENY": os.pathsep.join(str(p) for p in denied),
        "LABBOOK_GUARD_ALLOW": os.pathsep.join(str(p) for p in allowed),
        "LABBOOK_GUARD_LOG": str(log_path),
    }


def limit_resources(memory_mib, file_mib):
    """A ``preexec_fn`` that caps memory (address space) and file size, and disables core dumps."""
    def apply():
        memory, files = memory_mib * 2**20, file_mib * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_FSIZE, (files, files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


class CappedExecute(Execute):
    """nbgrader's Execute, keeping at most ``max_output_bytes`` of output per cell.

    nbgrader's own LimitOutput trims the stored lines after execution; this cap applies while
    the cell runs, so that a cell printing without end cannot fill the grader's memory.
    """

    max_output_bytes = Integer(1_000_000, help="output kept per cell (bytes)").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._output_bytes = {}
        return super().preprocess(nb, resources, km)

    def output(self, outs, msg, display_id, cell_index):
        used = self._output_bytes.get(cell_index, 0)
        size = len(json.dumps(msg.get("content", {})))
        if used + size <= self.max_output_bytes:
            self._output_bytes[cell_index] = used + size
            return super().output(outs, msg, display_id, cell_index)
        if used <= self.max_output_bytes:  # the first message over the cap: say so, once
            self._output_bytes[cell_index] = self.max_output_bytes + 1
            note = f"\n[grader: the output of this cell was cut at {self.max_output_bytes} bytes]\n"
            outs.append(new_output("stream", name="stdout", text=note))
        return None
