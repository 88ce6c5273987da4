"""Prints every record of the feed from the beginning, then each new one as
it comes; survives server restarts by resuming from its cursor."""
import os

from plenary_client import FeedEventType, PlenaryClient

client = PlenaryClient(os.environ.get("PLENARY_REGISTRY", "127.0.0.1:50051"),
                       reader_token=os.environ.get("PLENARY_READER_TOKEN"))
for event in client.subscribe(from_beginning=True):
    entry = event.entry
    name = entry.resolution.symbol if entry.HasField("resolution") else entry.statement.headline
    print(FeedEventType.Name(event.type), name, "| resume after", event.cursor)
