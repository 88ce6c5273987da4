// Run by clients/run_tests.sh in an empty folder where the `npm pack`
// tarball was installed: the package loads outside the repository, finds its
// .proto files, and talks to the live services. Exits non-zero on failure.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { PlenaryClient, PlenaryError, status } from '@plenary-un/client';

const { PLENARY_REGISTRY, PLENARY_INGEST, PLENARY_PUBLISHER_TOKEN } = process.env;
const client = new PlenaryClient(PLENARY_REGISTRY,
  { ingestAddress: PLENARY_INGEST, publisherToken: PLENARY_PUBLISHER_TOKEN, int64: 'bigint' });
try {
  await assert.rejects(client.getResolution('A/RES/99/99999'),
    (error) => error instanceof PlenaryError && error.code === status.NOT_FOUND);

  const session = randomInt(100, 1000);
  const number = randomInt(1000, 10000);
  const symbol = `A/RES/${session}/${number}`;
  const stored = await client.ingest(
    'Time\tResolution Number\tResolution Name\tDescription\n' +
    `3 March 2031\t${symbol} General Assembly\t${session}/${number}. Package smoke test ${number}\t` +
    '<p>The General Assembly</p> <ul> • 1. Welcomes the package.</ul>\n');
  assert.equal(typeof stored.document_id, 'bigint');

  const feed = client.subscribe({ from_beginning: true });
  const watchdog = setTimeout(() => feed.close(), 20_000);
  let found = null;
  for await (const event of feed) {
    if (event.entry?.resolution?.symbol === symbol) {
      found = event;
      break;
    }
  }
  clearTimeout(watchdog);
  assert.ok(found, `${symbol} did not come on the feed`);
  assert.ok(found.committed_at instanceof Date);
  console.log(`package smoke test: ok (${symbol} ingested, read back on the feed)`);
} finally {
  client.close();
}
