"""A feed subscriber for restart_test.py: the `plenary watch` command.

    cli_subscriber.py PLENARY_BINARY ADDRESS MARKER COUNT TIMEOUT_SECONDS

Runs `plenary watch --from_beginning --json` and speaks subscriber.py's
protocol: "READY", then "EVENT <cursor> <symbol>" per record event, then
"DONE <reconnects>" once COUNT resolutions whose title holds MARKER came;
"TIMEOUT <seen>" and exit 1 otherwise, exit 2 if the command failed.
Reconnects are the "feed interrupted" lines the command writes as it
resumes by itself.
"""

import json
import subprocess
import sys
import threading


def main() -> int:
    binary, address = sys.argv[1], sys.argv[2]
    marker, count, timeout = sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    watch = subprocess.Popen(
        [binary, "watch", "--from_beginning", "--json", f"--registry={address}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reconnects = 0

    def count_reconnects() -> None:
        nonlocal reconnects
        for line in watch.stderr:
            reconnects += "feed interrupted" in line

    threading.Thread(target=count_reconnects, daemon=True).start()
    watchdog = threading.Timer(timeout, watch.kill)
    watchdog.start()
    print("READY", flush=True)
    seen = 0
    try:
        for line in watch.stdout:
            event = json.loads(line)
            if event.get("type") == "FEED_EVENT_TYPE_PROGRESS":
                continue
            resolution = event.get("entry", {}).get("resolution", {})
            print("EVENT", event["cursor"], resolution.get("symbol") or "-", flush=True)
            if marker in resolution.get("title", ""):
                seen += 1
                if seen == count:
                    print("DONE", reconnects, flush=True)
                    return 0
    finally:
        watchdog.cancel()
        watch.kill()
    if watch.wait() not in (0, -9):
        print("ERROR plenary watch exited with", watch.returncode, flush=True)
        return 2
    print("TIMEOUT", seen, flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
