#!/usr/bin/env python3
"""Latency of `ecconf-check lsp` as an editor sees it: a configuration of about LINES lines
(tools/gen-config) is opened, then changed ROUNDS times (a comment line added, the whole text sent);
each change is timed from the moment it is sent until its diagnostics are published (the server's
10 ms quiet period included), then hover, completion, code actions (over the first half of the
file), semantic tokens and selection ranges are timed round trip.
Prints the median, the 90th percentile and the worst of each. A benchmark, not a test: it fails only
when the server does not answer.

Usage: bench/lsp_latency.py ECCONF_CHECK [LINES] [ROUNDS]   (defaults 2000 and 50)
"""
import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class client:
    def __init__(self, binary, workspace):
        self.process = subprocess.Popen([binary, "lsp"], cwd=workspace, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pending = b""

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def receive(self):
        while True:
            end = self.pending.find(b"\r\n\r\n")
            if end >= 0:
                length = int(self.pending[:end].split(b":")[1])
                if len(self.pending) >= end + 4 + length:
                    body, self.pending = self.pending[end + 4:end + 4 + length], self.pending[end + 4 + length:]
                    return json.loads(body)
            if not select.select([self.process.stdout], [], [], 30)[0]:
                sys.exit("lsp_latency: no answer within 30 s")
            self.pending += os.read(self.process.stdout.fileno(), 1 << 20)

    def wait_for(self, test):
        while True:
            message = self.receive()
            if test(message):
                return message


def summary(name, seconds):
    ms = sorted(s * 1000 for s in seconds)
    print(f"{name}: median {statistics.median(ms):.1f} ms, p90 {ms[int(len(ms) * 0.9) - 1]:.1f} ms, "
          f"worst {ms[-1]:.1f} ms ({len(ms)} rounds)")


def main():
    binary = os.path.abspath(sys.argv[1])
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    with tempfile.TemporaryDirectory() as workspace:
        # gen-config sizes in MB; about 30 bytes a line.
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen-config"), str(lines * 30 / 1e6),
                        os.path.join(workspace, "generated")], check=True, capture_output=True)
        text = open(os.path.join(workspace, "generated.conf"), encoding="utf-8").read()
        uri = "file://" + os.path.join(workspace, "ecelerity.conf")
        print(f"lsp_latency: {text.count(chr(10))} lines, {len(text)} bytes")
        c = client(binary, workspace)
        c.send({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"rootUri": "file://" + workspace, "capabilities": {}}})
        c.wait_for(lambda m: m.get("id") == 0)
        c.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "ecelerity", "version": 0, "text": text}}})
        c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        changes = []
        for version in range(1, rounds + 1):
            text += f"# edit {version}\n"
            start = time.perf_counter()
            c.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
            c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and
                       m["params"].get("version") == version)
            changes.append(time.perf_counter() - start)
        summary("change to diagnostics", changes)
        middle = text.count("\n") // 2
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": middle, "character": 0}}
        requests = (("textDocument/hover", {"position": {"line": 2, "character": 3}}),
                    ("textDocument/completion", {"position": {"line": middle, "character": 0}}),
                    ("textDocument/codeAction", {"range": whole, "context": {"diagnostics": []}}),
                    ("textDocument/semanticTokens/full", {}),
                    ("textDocument/selectionRange", {"positions": [{"line": middle, "character": 3}]}))
        for method, params in requests:
            times = []
            for number in range(rounds):
                start = time.perf_counter()
                c.send({"jsonrpc": "2.0", "id": number + 1, "method": method,
                        "params": {"textDocument": {"uri": uri}, **params}})
                c.wait_for(lambda m, n=number + 1: m.get("id") == n)
                times.append(time.perf_counter() - start)
            summary(method.split("/", 1)[1], times)
        c.send({"jsonrpc": "2.0", "id": -1, "method": "shutdown"})
        c.wait_for(lambda m: m.get("id") == -1)
        c.send({"jsonrpc": "2.0", "method": "exit"})
        c.process.wait(30)


main()
