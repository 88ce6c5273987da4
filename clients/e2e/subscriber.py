"""A feed subscriber for restart_test.py, on the installed plenary_client.

    subscriber.py ADDRESS MARKER COUNT TIMEOUT_SECONDS

Follows the feed from the beginning and prints one line per event,
"EVENT <cursor> <symbol>", then "DONE <reconnects>" once it has seen COUNT
resolutions whose title holds MARKER. Exits 1 if they do not all come within
TIMEOUT_SECONDS, 2 if the subscription raised.
"""

import sys
import threading

from plenary_client import PlenaryClient, PlenaryError


def main() -> int:
    address, marker, count, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    seen = 0
    with PlenaryClient(address) as client, client.subscribe(from_beginning=True) as feed:
        watchdog = threading.Timer(timeout, feed.close)
        watchdog.start()
        print("READY", flush=True)
        try:
            for event in feed:
                resolution = event.entry.resolution
                print("EVENT", event.cursor, resolution.symbol or "-", flush=True)
                if marker in resolution.title:
                    seen += 1
                    if seen == count:
                        print("DONE", feed.reconnects, flush=True)
                        return 0
        except PlenaryError as error:
            print("ERROR", error, flush=True)
            return 2
        finally:
            watchdog.cancel()
    print("TIMEOUT", seen, flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
