"""Worker threads with names the operating system shows (top -H, /proc, py-spy).

Python names its threads only for itself; ``named_pool`` also sets the OS
thread name, so CPU per part of the worker can be read from
``/proc/<pid>/task/*/comm`` (``cxpulse bench`` does) without a profiler.
Threads a thread starts inherit its name: ONNX Runtime's pool started from
the inference thread is counted as inference.

Example::

    pool = named_pool("inference")
    pool.submit(score, batch)   # runs on OS thread "inference"
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from concurrent.futures import ThreadPoolExecutor

PR_SET_NAME = 15
_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True) if sys.platform == "linux" else None


def set_os_thread_name(name: str) -> None:
    """Name the calling thread (Linux keeps 15 bytes); a no-op elsewhere."""
    if _libc is not None:
        _libc.prctl(PR_SET_NAME, name.encode()[:15], 0, 0, 0)


def named_pool(name: str) -> ThreadPoolExecutor:
    """One thread, named ``name`` for Python and for the OS."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix=name,
                              initializer=set_os_thread_name, initargs=(name,))
