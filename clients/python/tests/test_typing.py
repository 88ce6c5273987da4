"""The package is typed for its users: mypy (Debian's python3-mypy), run on
code that uses the installed package, finds the mistakes a user makes."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

HAVE_MYPY = importlib.util.find_spec("mypy") is not None

USER_CODE = textwrap.dedent("""\
    import asyncio
    from plenary_client import AsyncPlenaryClient, NotFoundError, PlenaryClient

    client = PlenaryClient("127.0.0.1:50051", reader_token="r")
    ok: str = client.get_resolution("64/222", timeout=2.5).symbol
    pages = client.search("water", page_size=3, kinds=["ENTRY_KIND_STATEMENT"])
    total: int = pages.total_size
    client.search("water", pagesize=3)                      # line 8: no such argument
    client.list_resolutions(body=3)                         # line 9: not a str
    client.get_resolution("64/222", timeout="soon")         # line 10: not a deadline
    for event in client.subscribe(from_beginning=True, max_reconnects=None):
        cursor: str = event.cursor
    try:
        client.get_statement("st-1")
    except NotFoundError as error:
        details: str = error.details

    async def main() -> None:
        async with AsyncPlenaryClient("127.0.0.1:50051") as aclient:
            async for resolution in await aclient.list_resolutions(text="water"):
                print(resolution.symbol)
            await aclient.search(query=1)                   # line 22: not a str

    from plenary_client import VOTE_POSITION_AGAINST, MemberStateVoteFilter
    against = MemberStateVoteFilter(member_state="USA", position=VOTE_POSITION_AGAINST)
    client.list_resolutions(member_state_vote=against, text="water")
    abstained = MemberStateVoteFilter(member_state="Israel", position="VOTE_POSITION_ABSTAINING")
    client.subscribe(member_state_votes=[against, abstained], query="water")
    client.list_resolutions(member_state_vote="USA")        # line 29: not a filter
    client.subscribe(member_state_votes=["USA"])            # line 30: not a filter
    """)


@unittest.skipUnless(HAVE_MYPY, "needs mypy (apt-get install python3-mypy)")
class TypingTest(unittest.TestCase):
    def test_mypy_finds_the_users_mistakes_and_nothing_else(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "user.py")
            with open(path, "w") as user:
                user.write(USER_CODE)
            result = subprocess.run(
                [sys.executable, "-m", "mypy", "--python-executable", sys.executable, "--ignore-missing-imports",
                 "--no-error-summary", "--cache-dir", os.path.join(directory, "cache"), path],
                capture_output=True, text=True, cwd=directory)
        errors = [line for line in result.stdout.splitlines() if ": error:" in line]
        lines = sorted(int(line.split(":")[1]) for line in errors)
        self.assertEqual(lines, [8, 9, 10, 22, 29, 30], result.stdout + result.stderr)
        self.assertIn('Unexpected keyword argument "pagesize"', result.stdout)


if __name__ == "__main__":
    unittest.main()
