"""End to end: feed subscribers in Python, Node (and Go, when built) read
while the registry restarts, and each ends with the full sequence of events.

Two scenarios, each with registries of its own on the shared database:

- single: the only registry is restarted with no pause (SIGTERM, and a new
  process on the same port as soon as the old one has exited) three times
  while documents are ingested;
- rolling: two registries behind one address (a TCP proxy of this test that
  sends each new connection to the next replica that accepts it) are
  restarted one after the other, as a Deployment's rolling update does.

Every subscriber follows the feed from the beginning and must see the
resolutions ingested during the run exactly once each, in ingestion order,
no cursor twice, the same sequence of events as the other subscribers, and
must have reconnected at least once.

    restart_test.py [--repeat N] [--scenario single|rolling]

Environment: PLENARY_TEST_REGISTRY_BIN, PLENARY_TEST_DATABASE (the URL of
the database the servers use), PLENARY_INGEST, PLENARY_PUBLISHER_TOKEN, and
PLENARY_TEST_GO_SUBSCRIBER (a built Go subscriber; optional).
Exits non-zero when a run failed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from plenary_client import PlenaryClient

HERE = Path(__file__).resolve().parent
DOCUMENTS = 45
INGEST_INTERVAL = 0.1  # seconds between documents: the run lasts about 4.5 s
SUBSCRIBER_TIMEOUT = 90


class Registry:
    """One plenary-registry process, restartable on the same port."""

    def __init__(self, binary: str, database: str, logs: Path, name: str) -> None:
        self.binary, self.database, self.logs, self.name = binary, database, logs, name
        self.port = 0
        self.process: Optional[subprocess.Popen[bytes]] = None
        self.starts = 0
        self.stop_seconds: List[float] = []  # SIGTERM to exit, per restart

    def start(self) -> None:
        self.starts += 1
        log = self.logs / f"{self.name}.{self.starts}.log"
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [self.binary, f"--listen=127.0.0.1:{self.port}", f"--database={self.database}",
                 "--feed_heartbeat_seconds=1"], stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = re.search(rb"serving service=\S+ port=(\d+)", log.read_bytes())
            if found:
                self.port = int(found.group(1))
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError(f"{self.name} did not start: {log.read_text()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        start = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stop_seconds.append(time.monotonic() - start)

    def restart(self) -> None:
        """SIGTERM, then a new process on the same port as soon as the old has exited."""
        self.stop()
        self.start()


class Proxy:
    """A TCP proxy on one address: each new connection goes to the next
    backend (round robin) that accepts it; when either side closes, so does
    the other."""

    def __init__(self, backends: List[Registry]) -> None:
        self.backends = backends
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address = "127.0.0.1:%d" % self.listener.getsockname()[1]
        self.next = 0
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.closed = True
        self.listener.close()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _connect(self) -> Optional[socket.socket]:
        for _ in range(len(self.backends)):
            backend = self.backends[self.next % len(self.backends)]
            self.next += 1
            try:
                return socket.create_connection(("127.0.0.1", backend.port), timeout=1)
            except OSError:
                continue
        return None

    def _serve(self, client: socket.socket) -> None:
        upstream = self._connect()
        if upstream is None:
            client.close()
            return
        upstream.settimeout(None)

        def pump(source: socket.socket, sink: socket.socket) -> None:
            try:
                while data := source.recv(65536):
                    sink.sendall(data)
            except OSError:
                pass
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
        pump(client, upstream)
        upstream.close()
        client.close()


def resolution_table(marker: str, index: int) -> Tuple[str, bytes]:
    session, number = random.randrange(100, 1000), random.randrange(1000, 10000)
    symbol = f"A/RES/{session}/{number}"
    return symbol, (
        "Time\tResolution Number\tResolution Name\tDescription\n"
        f"3 March 2031\t{symbol} General Assembly\t{session}/{number}. Restart test {marker} {index}\t"
        f"<p>The General Assembly</p> <ul> • 1. Welcomes restart {index}.</ul>\n").encode()


def subscriber_commands(address: str, marker: str) -> Dict[str, List[str]]:
    args = [address, marker, str(DOCUMENTS), str(SUBSCRIBER_TIMEOUT)]
    commands = {
        "python": [sys.executable, str(HERE / "subscriber.py"), *args],
        "node": ["node", str(HERE / "subscriber.mjs"), *args],
    }
    go = os.environ.get("PLENARY_TEST_GO_SUBSCRIBER")
    if go:
        commands["go"] = [go, *args]
    cli = os.environ.get("PLENARY_TEST_CLI")
    if cli:
        commands["cli"] = [sys.executable, str(HERE / "cli_subscriber.py"), cli, *args]
    return commands


def run(scenario: str, binary: str, database: str, work: Path) -> List[str]:
    """One run; returns what went wrong (nothing when it passed)."""
    marker = "zq" + "".join(random.choices("bcdfghjklmnpqrstvwxz", k=10))
    replicas = [Registry(binary, database, work, f"{scenario}-{i}")
                for i in range(1 if scenario == "single" else 2)]
    proxy: Optional[Proxy] = None
    subscribers: Dict[str, subprocess.Popen[str]] = {}
    try:
        for replica in replicas:
            replica.start()
        if scenario == "rolling":
            proxy = Proxy(replicas)
            address = proxy.address
        else:
            address = f"127.0.0.1:{replicas[0].port}"
        outputs: Dict[str, List[str]] = {}
        readers = []
        for name, command in subscriber_commands(address, marker).items():
            subscribers[name] = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
            outputs[name] = []
            # One reader per subscriber holds every line from the first on.
            readers.append(threading.Thread(target=lambda out, lines: lines.extend(out),
                                            args=(subscribers[name].stdout, outputs[name])))
            readers[-1].start()
        deadline = time.monotonic() + 30
        while not all(lines and lines[0].strip() == "READY" for lines in outputs.values()):
            if time.monotonic() > deadline:
                return [f"subscribers did not start: {outputs}"]
            time.sleep(0.01)

        # Restarts spread over the ingestion: single restarts its registry at
        # 1/4, 2/4 and 3/4; rolling restarts replica 0, 1, then 0 again.
        restarts_at = {DOCUMENTS * k // 4: replicas[(k - 1) % len(replicas)] for k in (1, 2, 3)}
        symbols = []
        with PlenaryClient(os.environ["PLENARY_REGISTRY"], os.environ["PLENARY_INGEST"],
                           os.environ["PLENARY_PUBLISHER_TOKEN"]) as ingester:
            restart: Optional[threading.Thread] = None
            for index in range(DOCUMENTS):
                if index in restarts_at:
                    if restart is not None:
                        restart.join()
                    restart = threading.Thread(target=restarts_at[index].restart)
                    restart.start()
                symbol, table = resolution_table(marker, index)
                stored = ingester.ingest(table)
                assert stored.entries[0].resolution.symbol == symbol
                symbols.append(symbol)
                time.sleep(INGEST_INTERVAL)
            if restart is not None:
                restart.join()

        problems = []
        sequences: Dict[str, List[str]] = {}
        for reader in readers:
            reader.join(SUBSCRIBER_TIMEOUT + 10)
        for name, process in subscribers.items():
            process.wait(10)
            lines = [line.split() for line in outputs[name]]
            events = [line for line in lines if line and line[0] == "EVENT"]
            cursors = [line[1] for line in events]
            sequences[name] = cursors
            got = [line[2] for line in events if line[2] in set(symbols)]
            done = [line for line in lines if line and line[0] == "DONE"]
            if process.returncode != 0 or not done:
                problems.append(f"{name}: exit {process.returncode}, last lines {lines[-3:]}")
                continue
            if got != symbols:
                missing = [s for s in symbols if s not in got]
                problems.append(f"{name}: {len(got)} of {len(symbols)} events; missing {missing}, "
                                f"order kept: {got == [s for s in symbols if s in got]}")
            if len(cursors) != len(set(cursors)):
                problems.append(f"{name}: an event came twice")
            if int(done[0][1]) < 1:
                problems.append(f"{name}: never reconnected, so no restart was tested")
            print(f"  {scenario}: {name} read {len(events)} events, {len(got)} ingested during the "
                  f"run, {done[0][1]} reconnections", flush=True)
        if len({tuple(sequence) for sequence in sequences.values()}) > 1:
            problems.append("the subscribers did not read the same sequence of events")
        stops = [seconds for replica in replicas for seconds in replica.stop_seconds]
        print(f"  {scenario}: registry stops took {', '.join(f'{s:.2f}' for s in stops)} s",
              flush=True)
        return problems
    finally:
        for process in subscribers.values():
            if process.poll() is None:
                process.kill()
                process.wait()
        if proxy is not None:
            proxy.close()
        for replica in replicas:
            replica.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--scenario", choices=["single", "rolling"], action="append")
    options = parser.parse_args()
    binary = os.environ["PLENARY_TEST_REGISTRY_BIN"]
    database = os.environ["PLENARY_TEST_DATABASE"]
    failures = 0
    work = Path(tempfile.mkdtemp(prefix="plenary-restart-"))
    try:
        for attempt in range(1, options.repeat + 1):
            for scenario in options.scenario or ["single", "rolling"]:
                start = time.monotonic()
                problems = run(scenario, binary, database, work)
                verdict = "ok" if not problems else "FAILED"
                print(f"restart test {scenario} run {attempt}/{options.repeat}: {verdict} "
                      f"({time.monotonic() - start:.1f} s)", flush=True)
                for problem in problems:
                    print("   ", problem, flush=True)
                failures += bool(problems)
        if failures:
            for log in sorted(work.glob("*.log")):
                print(f"--- {log.name}\n{log.read_text()[-2000:]}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
