#!/usr/bin/python3
"""Baseline for bench/feed: etcd's put -> watch event latency on loopback.

Puts a key N times through etcd's v3 JSON gateway and times how long after
each put returns its watch event arrives on an open watch stream, like the
feed benchmark times an ingest call's return to the event's arrival.

Usage: etcd_watch_latency.py HOST:PORT [SAMPLES]
Prints: etcd put->watch p50_us p99_us samples
"""
import base64
import http.client
import json
import sys
import threading
import time


def main():
    address, samples = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200
    host, port = address.split(":")
    key = base64.b64encode(b"plenary-bench").decode()
    received = {}
    ready = threading.Event()

    def watch():
        connection = http.client.HTTPConnection(host, int(port))
        connection.request("POST", "/v3/watch", json.dumps({"create_request": {"key": key}}))
        response = connection.getresponse()
        for line in response:  # one JSON object per event batch
            now = time.perf_counter()
            result = json.loads(line).get("result", {})
            if result.get("created"):
                ready.set()
            for event in result.get("events", []):
                value = base64.b64decode(event["kv"]["value"]).decode()
                received[int(value)] = now
            if len(received) >= samples:
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    ready.wait(10)
    putter = http.client.HTTPConnection(host, int(port))
    returned = {}
    for i in range(samples):
        body = json.dumps({"key": key, "value": base64.b64encode(str(i).encode()).decode()})
        putter.request("POST", "/v3/kv/put", body)
        putter.getresponse().read()
        returned[i] = time.perf_counter()
        time.sleep(0.005)
    watcher.join(10)
    latencies = sorted(max(0.0, received[i] - returned[i]) for i in returned if i in received)
    p50 = latencies[len(latencies) // 2] * 1e6
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1e6
    print(f"etcd put->watch {p50:.0f} {p99:.0f} {len(latencies)}")


if __name__ == "__main__":
    main()
