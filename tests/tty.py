"""Run a program on a pseudo-terminal and type answers at its prompts (age and our CLI read
passphrases from the terminal, never from a pipe)."""

from __future__ import annotations

import os
import pty
import select
import signal
import time


def run_with_tty(argv: list, answers: list[str], timeout: float = 60, env: dict | None = None) -> tuple[int, bytes]:
    """Type one answer each time the program's output ends in a prompt (`...: `).

    Returns (exit code, everything the program wrote to the terminal).
    """
    argv = [str(a) for a in argv]
    pid, fd = pty.fork()
    if pid == 0:  # child: the pty is its controlling terminal and stdio
        try:
            os.execvpe(argv[0], argv, env if env is not None else os.environ)
        finally:
            os._exit(127)
    output = b""
    answered, answered_at = 0, -1
    deadline = time.monotonic() + timeout
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                raise AssertionError(f"{argv[0]} did not finish in {timeout} s; output: {output!r}")
            try:
                data = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            output += data
            if answered < len(answers) and output.endswith(b": ") and len(output) != answered_at:
                os.write(fd, answers[answered].encode() + b"\n")
                answered += 1
                answered_at = len(output)
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    assert answered == len(answers), f"{argv[0]} asked for {answered} of {len(answers)} answers: {output!r}"
    return os.waitstatus_to_exitcode(status), output
