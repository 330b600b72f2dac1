"""Runs one cell on a started kernel and gathers what it produced, as a notebook frontend sees it."""

import re
from queue import Empty

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def execute(kc, code, timeout=120, km=None):
    """Executes CODE; returns (reply content, [iopub message] of the cell, in order).

    Given the kernel's manager KM, a kernel that dies while the cell runs fails at once, with its
    exit code (-11 is SIGSEGV), instead of after TIMEOUT seconds of silence.
    """
    msg_id = kc.execute(code)
    reply = _shell_reply(kc, msg_id, code, timeout, km)
    outputs = []
    while True:
        try:
            message = kc.get_iopub_msg(timeout=timeout)
        except Empty:
            raise AssertionError("no idle status after %r" % code)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        kind = message["msg_type"]
        if kind == "status" and message["content"]["execution_state"] == "idle":
            return reply["content"], outputs
        if kind not in ("status", "execute_input"):
            outputs.append(message)


def _shell_reply(kc, msg_id, code, timeout, km):
    waited = 0.0
    while True:
        step = timeout if km is None else min(1.0, timeout - waited)
        try:
            reply = kc.get_shell_msg(timeout=step)
        except Empty:
            waited += step
            if km is not None and not km.is_alive():
                raise AssertionError("the kernel died (exit code %s) while running %r" % (_exit_code(km), code))
            if waited >= timeout:
                raise AssertionError("no reply within %d s to %r" % (timeout, code))
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def _exit_code(km):
    process = getattr(km.provisioner, "process", None)
    return process.poll() if process is not None else "unknown"


def plain(text):
    """TEXT without ANSI colour codes."""
    return ANSI.sub("", text)
