"""Runs one cell on a started kernel and gathers what it produced, as a notebook frontend sees it."""

import re
from queue import Empty

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def execute(kc, code, timeout=120):
    """Executes CODE; returns (reply content, [iopub message] of the cell, in order)."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
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


def plain(text):
    """TEXT without ANSI colour codes."""
    return ANSI.sub("", text)
