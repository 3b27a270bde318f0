#!/usr/bin/env python3
"""Drives `ecconf-check lsp` through the scripted conversations of tests/data/lsp/conversations/*.json and
compares every message the server sends with the expected one, exactly. Each conversation runs in a fresh
copy of tests/data/lsp/workspace; "${ROOT}" in the script stands for that copy's path and "${ROOT_URI}"
for its file: URI. A step sends a message ("send": JSON, framed here) or raw bytes ("raw": text, sent as
they are, for the malformed inputs), then waits for exactly the messages of "expect". After the last
step the conversation closes the server's input and checks its exit status, that it sent nothing more,
and what it wrote to standard error.

Usage: tests/lsp_conversation_test.py ECCONF_CHECK [--write]   (from the repository root; --write records
what the server sends as the new expectations, for review)
"""
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data", "lsp")
TIMEOUT = 30  # seconds for one message: generous for sanitizer builds; a hang fails, never blocks


def fail(message):
    print(f"lsp_conversation: {message}", file=sys.stderr)
    sys.exit(1)


def substitute(value, mapping):
    if isinstance(value, str):
        for key, text in mapping.items():
            value = value.replace(key, text)
        return value
    if isinstance(value, list):
        return [substitute(item, mapping) for item in value]
    if isinstance(value, dict):
        # Keys too: a WorkspaceEdit's changes are keyed by URI.
        return {substitute(key, mapping): substitute(item, mapping) for key, item in value.items()}
    return value


class server:
    def __init__(self, binary, workspace):
        self.step = ""  # named in a timeout
        self.process = subprocess.Popen([binary, "lsp"], cwd=workspace, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.pending = b""

    def write(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def read_message(self):
        """The next framed message, or None at the end of the output."""
        while True:
            header_end = self.pending.find(b"\r\n\r\n")
            if header_end >= 0:
                headers = self.pending[:header_end].decode()
                length = int(headers.split(":", 1)[1])
                start = header_end + 4
                if len(self.pending) >= start + length:
                    body = self.pending[start:start + length]
                    self.pending = self.pending[start + length:]
                    return json.loads(body)
            ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT)
            if not ready:
                fail(f"{self.step}: no message within {TIMEOUT} s (a hang)")
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                if self.pending:
                    fail(f"output ends inside a message: {self.pending!r}")
                return None
            self.pending += chunk


def frame(message):
    body = json.dumps(message, separators=(",", ":")).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def run(binary, conversation, write):
    with tempfile.TemporaryDirectory() as temp:
        workspace = os.path.realpath(os.path.join(temp, "workspace"))
        shutil.copytree(os.path.join(DATA, "workspace"), workspace)
        mapping = {"${ROOT_URI}": "file://" + workspace, "${ROOT}": workspace}
        unmapping = {workspace: "${ROOT}"}
        s = server(binary, workspace)
        for number, step in enumerate(conversation["steps"], 1):
            if "send" in step:
                s.write(frame(substitute(step["send"], mapping)))
            else:
                s.write(substitute(step["raw"], mapping).encode())
            got = []
            s.step = f"{conversation['name']}, step {number}"
            for expected in step.get("expect", []):
                message = s.read_message()
                if message is None:
                    fail(f"{conversation['name']}, step {number}: the server stopped; expected {expected}")
                got.append(substitute(message, {"file://" + workspace: "${ROOT_URI}", **unmapping}))
            if write:
                step["expect"] = got
            elif got != step.get("expect", []):
                fail(f"{conversation['name']}, step {number} ({step.get('note', '')}):\n"
                     f"expected {json.dumps(step.get('expect', []), indent=1)}\n"
                     f"got      {json.dumps(got, indent=1)}")
        s.process.stdin.close()
        rest = s.read_message()
        if rest is not None:
            fail(f"{conversation['name']}: unexpected message after the last step: {rest}")
        status = s.process.wait(TIMEOUT)
        stderr = s.process.stderr.read().decode()
        if write:
            conversation["exit_status"] = status
            conversation["stderr"] = stderr
        elif status != conversation["exit_status"] or stderr != conversation["stderr"]:
            fail(f"{conversation['name']}: exit status {status} (expected {conversation['exit_status']}), "
                 f"standard error {stderr!r} (expected {conversation['stderr']!r})")
        return len(conversation["steps"])


def main():
    if len(sys.argv) < 2:
        fail("usage: tests/lsp_conversation_test.py ECCONF_CHECK [--write]")
    binary = os.path.abspath(sys.argv[1])
    write = "--write" in sys.argv[2:]
    folder = os.path.join(DATA, "conversations")
    conversations = steps = 0
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as f:
            script = json.load(f)
        steps += sum(run(binary, conversation, write) for conversation in script)
        conversations += len(script)
        if write:
            with open(path, "w", encoding="utf-8") as f:
                json.dump(script, f, indent=1, ensure_ascii=False)
                f.write("\n")
    print(f"lsp_conversation: {conversations} conversations, {steps} steps, every message as expected")


main()
