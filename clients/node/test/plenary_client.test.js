// Tests of plenary_client.js against live servers (started by
// clients/run_tests.sh). Environment: PLENARY_REGISTRY and PLENARY_INGEST
// (host:port), PLENARY_PUBLISHER_TOKEN, PLENARY_READER_REGISTRY and
// PLENARY_READER_TOKEN (a registry started with --reader-tokens and one of its
// tokens), and PLENARY_TEST_RESTART_REGISTRY, a shell command that stops the
// registry with SIGTERM and starts it again on the same port. Every test ingests documents of its own (random symbols), so
// the tests do not depend on each other, nor on the Python tests sharing the
// database.

import assert from 'node:assert/strict';
import { exec } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { PlenaryClient, PlenaryError, status } from '../plenary_client.js';

const {
  PLENARY_REGISTRY: REGISTRY,
  PLENARY_INGEST: INGEST,
  PLENARY_PUBLISHER_TOKEN: TOKEN,
  PLENARY_TEST_RESTART_REGISTRY: RESTART_REGISTRY,
  PLENARY_READER_REGISTRY: READER_REGISTRY,
  PLENARY_READER_TOKEN: READER_TOKEN,
} = process.env;

const NAIROBI_TABLE =
  'Time\tResolution Number\tResolution Name\tDescription\n' +
  '21 December 2009\tA/RES/64/222 General Assembly\t64/222. Nairobi outcome document\t' +
  '<p>The General Assembly</p> <ul> • 16. We welcome efforts.</ul>\n';

const FEED_TIMEOUT_MS = 20_000;

/** A word no document contains but the ones a test gives it to. */
function uniqueWord() {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return 'zq' + Array.from({ length: 10 }, () => letters[randomInt(letters.length)]).join('');
}

/** A one-row resolution table with a symbol no other test uses. */
function uniqueResolution(word = '') {
  // Symbols have a session of up to 3 digits and a number of up to 4.
  const session = randomInt(100, 1000);
  const number = randomInt(1000, 10000);
  const table =
    'Time\tResolution Number\tResolution Name\tDescription\n' +
    `3 March 2031\tA/RES/${session}/${number} General Assembly\t` +
    `${session}/${number}. Client test ${number} ${word}\t` +
    `<p>The General Assembly</p> <ul> • 1. Welcomes test ${number}.</ul>\n`;
  return { symbol: `A/RES/${session}/${number}`, table };
}

/** A web-page message of the Secretary-General no other test uses. */
function uniqueStatement(word = '') {
  const number = randomInt(100000, 1000000);
  return (
    `International Day of Client Test ${number} ${word}\n20 December\n\n` +
    `"Let us stand together, test ${number}."\n\n` +
    'Secretary-General António Guterres\n' +
    `Message for the International Day of Client Test ${number}\n`
  );
}

/**
 * A one-row resolution table, and meeting coverage that reports its recorded
 * vote naming the Member States `against` and `abstaining`: the vote is
 * recorded on the resolution when the coverage comes after it. Coverage
 * cites a resolution by its short symbol, whose session has at most two
 * digits; sessions 10 to 99 are ones uniqueResolution never uses.
 */
function resolutionWithVote(word, { against, abstaining }) {
  const session = randomInt(10, 100);
  const number = randomInt(1000, 10000);
  const table =
    'Time\tResolution Number\tResolution Name\tDescription\n' +
    `3 March 2031\tA/RES/${session}/${number} General Assembly\t` +
    `${session}/${number}. Client test ${number} ${word}\t` +
    `<p>The General Assembly</p> <ul> • 1. Welcomes test ${number}.</ul>\n`;
  const coverage =
    `General Assembly\nGA/${randomInt(20000, 100000)}\n3 March 2031\n\n` +
    `66th Meeting (AM)\n\nGENERAL ASSEMBLY ADOPTS CLIENT TEST TEXT ${number}\n\n` +
    `The General Assembly today adopted resolution ${session}/${number} by a recorded vote` +
    ` of 150 in favour to\n2 against (${against}), with 3 abstentions (${abstaining}).\n`;
  return { symbol: `A/RES/${session}/${number}`, table, coverage };
}

/** Two resolutions with a vote each: the United States against one, abstaining on the other. */
function twoVotes(word) {
  return {
    against: resolutionWithVote(word,
      { against: 'Israel, United States', abstaining: 'Australia, Canada, Japan' }),
    abstained: resolutionWithVote(word,
      { against: 'Israel, Canada', abstaining: 'Australia, United States, Japan' }),
  };
}

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const sorted = (values) => [...values].sort();

const symbolOf = (event) => event.entry.resolution?.symbol;

/**
 * Reads events until one for which done() is true (that one included), or
 * `count` events; fails if they do not come in time. next() rather than
 * `for await`, since leaving a loop would close the feed.
 */
async function read(feed, { done = () => false, count = Infinity, timeoutMs = FEED_TIMEOUT_MS }) {
  const watchdog = setTimeout(() => feed.close(), timeoutMs);
  const events = [];
  try {
    while (events.length < count) {
      const { value, done: closed } = await feed.next();
      if (closed) throw new Error(`the awaited events did not come in ${timeoutMs} ms: ${JSON.stringify(events)}`);
      events.push(value);
      if (done(value)) break;
    }
    return events;
  } finally {
    clearTimeout(watchdog);
  }
}

/** Every event that comes within `ms`; closes the feed. */
async function readFor(feed, ms) {
  const watchdog = setTimeout(() => feed.close(), ms);
  const events = [];
  for await (const event of feed) events.push(event);
  clearTimeout(watchdog);
  return events;
}

describe('PlenaryClient', { skip: !(REGISTRY && INGEST && TOKEN) && 'run through clients/run_tests.sh' }, () => {
  let client;
  before(() => {
    client = new PlenaryClient(REGISTRY, { ingestAddress: INGEST, publisherToken: TOKEN });
  });
  after(() => client.close());

  describe('registry queries', () => {
    test('getResolution accepts every form of the symbol', async () => {
      await client.ingest(NAIROBI_TABLE); // a duplicate when another test stored it first
      for (const form of ['A/RES/64/222', 'a/res/64/222', ' A / RES / 64/222 ', '64/222',
        'Nairobi outcome document', 'nairobi OUTCOME document']) {
        const resolution = await client.getResolution(form);
        assert.equal(resolution.symbol, 'A/RES/64/222', form);
        assert.equal(resolution.body, 'General Assembly');
        assert.deepEqual(resolution.adopted, { year: 2009, month: 12, day: 21 });
      }
    });

    test('getResolution reads a revision', async () => {
      const { symbol, table } = uniqueResolution();
      await client.ingest(table);
      assert.equal((await client.getResolution(symbol, 1)).revision, 1);
      await assert.rejects(client.getResolution(symbol, 2), { code: status.NOT_FOUND });
    });

    test('an unknown symbol is NOT_FOUND', async () => {
      await assert.rejects(client.getResolution('A/RES/99/99999'),
        (error) => error instanceof PlenaryError && error.code === status.NOT_FOUND
          && error.details.includes('99/99999') && error.cause?.code === status.NOT_FOUND);
    });

    test('getResolutions answers in the order asked', async () => {
      const first = uniqueResolution();
      const second = uniqueResolution();
      await client.ingest(first.table);
      await client.ingest(second.table);
      const resolutions = await client.getResolutions([second.symbol, first.symbol.toLowerCase()]);
      assert.deepEqual(resolutions.map((r) => r.symbol), [second.symbol, first.symbol]);
      await assert.rejects(client.getResolutions([first.symbol, 'A/RES/99/99999']),
        { code: status.NOT_FOUND });
    });

    test('getStatement by id', async () => {
      const stored = (await client.ingest(uniqueStatement())).entries[0].statement;
      const statement = await client.getStatement(stored.id);
      assert.equal(statement.headline, stored.headline);
      assert.equal(statement.speaker_role, 'Secretary-General');
      await assert.rejects(client.getStatement('st-0000000000000000'), { code: status.NOT_FOUND });
    });

    test('the listResolutions pager reads every page', async () => {
      const word = uniqueWord();
      const symbols = [];
      for (let i = 0; i < 3; i++) {
        symbols.push((await client.ingest(uniqueResolution(word).table)).entries[0].resolution.symbol);
      }
      const pager = await client.listResolutions({ text: word, page_size: 1 });
      assert.equal(pager.totalSize, 3);
      assert.equal(pager.firstPage.resolutions.length, 1);
      const found = await collect(pager);
      assert.deepEqual(sorted(found.map((r) => r.symbol)), sorted(symbols));
      assert.equal((await collect(pager.pages())).length, 3);
    });

    test('the listStatements pager reads every page', async () => {
      const word = uniqueWord();
      const ids = [];
      for (let i = 0; i < 2; i++) {
        ids.push((await client.ingest(uniqueStatement(word))).entries[0].statement.id);
      }
      const found = await collect(await client.listStatements({ text: word, page_size: 1 }));
      assert.deepEqual(sorted(found.map((s) => s.id)), sorted(ids));
    });

    test('listResolutions selects by how a Member State voted', async () => {
      const word = uniqueWord();
      const { against, abstained } = twoVotes(word);
      for (const document of [against.table, abstained.table, against.coverage, abstained.coverage]) {
        await client.ingest(document);
      }
      const listed = async (member_state_vote) =>
        (await collect(await client.listResolutions({ text: word, member_state_vote }))).map((r) => r.symbol);

      assert.deepEqual(await listed({ member_state: 'USA', position: 'VOTE_POSITION_AGAINST' }), [against.symbol]);
      assert.deepEqual(await listed({ member_state: 'United States', position: 'VOTE_POSITION_ABSTAINING' }),
        [abstained.symbol]);
      assert.deepEqual(sorted(await listed({ member_state: 'Israel' })), sorted([against.symbol, abstained.symbol]));
      assert.deepEqual(await listed({ member_state: 'JPN', position: 'VOTE_POSITION_IN_FAVOUR' }), []);
      const [withVote] = await collect(await client.listResolutions({ text: word,
        member_state_vote: { member_state: 'USA', position: 'VOTE_POSITION_AGAINST' } }));
      assert.deepEqual(withVote.vote.member_states
        .filter((named) => named.position === 'VOTE_POSITION_AGAINST')
        .map((named) => named.member_state.alpha3), ['ISR', 'USA']);

      await assert.rejects(listed({ member_state: 'Atlantis' }), (error) => error instanceof PlenaryError
        && error.code === status.INVALID_ARGUMENT && error.details.includes('member_state_vote.member_state'));
    });

    test('a bad filter is INVALID_ARGUMENT', async () => {
      await assert.rejects(client.listResolutions({ order_by: 'nonsense' }), { code: status.INVALID_ARGUMENT });
    });

    test('search pages and filters', async () => {
      const word = uniqueWord();
      const { symbol } = (await client.ingest(uniqueResolution(word).table)).entries[0].resolution;
      const { id } = (await client.ingest(uniqueStatement(word))).entries[0].statement;
      const first = await client.search(word, { page_size: 1 });
      const second = await client.search(word, { page_size: 1, page_token: first.next_page_token });
      assert.equal(first.total_size, 2);
      assert.deepEqual(sorted((await collect(first)).map((r) => r.entry.kind)), ['resolution', 'statement']);
      assert.deepEqual(sorted([...first.results, ...second.results].map((r) => r.entry.kind)),
        ['resolution', 'statement']);
      assert.equal(second.next_page_token, '');
      const kinds = first.facets.find((facet) => facet.field === 'kind').values;
      assert.deepEqual(sorted(kinds.map((v) => `${v.value}=${v.count}`)), ['resolution=1', 'statement=1']);

      const statements = await client.search(word, { kinds: ['ENTRY_KIND_STATEMENT'] });
      assert.deepEqual(statements.results.map((r) => r.entry.statement.id), [id]);
      assert.ok(statements.results[0].snippet.includes(`<b>${word}</b>`));
      const resolutions = await client.search(word, { kinds: ['ENTRY_KIND_RESOLUTION'] });
      assert.deepEqual(resolutions.results.map((r) => r.entry.resolution.symbol), [symbol]);
    });
  });

  describe('ingestion', () => {
    test('ingest stores the records of a document', async () => {
      const { symbol, table } = uniqueResolution();
      const response = await client.ingest(Buffer.from(table), {
        media_type: 'text/tab-separated-values',
        source_uri: 'https://example.org/table.tsv',
      });
      assert.equal(response.duplicate, false);
      assert.equal(typeof response.document_id, 'number');
      assert.ok(response.document_id > 0);
      assert.ok(response.entries[0].resolution.source.ingested_at instanceof Date);
      assert.deepEqual(response.entries.map((e) => e.resolution.symbol), [symbol]);
      assert.equal(response.entries[0].kind, 'resolution');
      assert.equal(response.entries[0].resolution.source.uri, 'https://example.org/table.tsv');
    });

    test('ingest without a valid token is UNAUTHENTICATED', async () => {
      const { table } = uniqueResolution();
      for (const token of [undefined, 'not-a-publisher']) {
        const stranger = new PlenaryClient(REGISTRY, { ingestAddress: INGEST, publisherToken: token });
        try {
          await assert.rejects(stranger.ingest(table), { code: status.UNAUTHENTICATED });
        } finally {
          stranger.close();
        }
      }
    });

    test('the same document again is a duplicate', async () => {
      const { table } = uniqueResolution();
      const first = await client.ingest(table);
      const again = await client.ingest(table);
      assert.equal(again.duplicate, true);
      assert.equal(again.document_id, first.document_id);
      assert.deepEqual(again.entries, first.entries);
    });

    test('the same request_id again is a duplicate', async () => {
      const request_id = `node-${randomInt(1e9)}`;
      const first = await client.ingest(uniqueResolution().table, { request_id });
      const retry = await client.ingest(uniqueResolution().table, { request_id });
      assert.equal(retry.duplicate, true);
      assert.equal(retry.document_id, first.document_id);
    });

    test('ingest needs an ingest address', async () => {
      const reader = new PlenaryClient(REGISTRY);
      try {
        await assert.rejects(reader.ingest(NAIROBI_TABLE), /without an ingestAddress/);
      } finally {
        reader.close();
      }
    });
  });

  describe('the feed', () => {
    test('subscribe from_beginning receives the ingested entries', async () => {
      const { symbol, table } = uniqueResolution();
      await client.ingest(table);
      const feed = client.subscribe({ from_beginning: true });
      try {
        const events = await read(feed, { done: (event) => symbolOf(event) === symbol });
        const last = events.at(-1);
        assert.equal(last.type, 'FEED_EVENT_TYPE_CREATED');
        assert.ok(last.committed_at instanceof Date && last.committed_at.getTime() > 0);
        assert.ok(events.every((event) => event.type !== 'FEED_EVENT_TYPE_PROGRESS'));
        assert.equal(feed.cursor, last.cursor);
      } finally {
        feed.close();
      }
    });

    test('leaving a for await loop closes the subscription', async () => {
      await client.ingest(uniqueResolution().table);
      const feed = client.subscribe({ from_beginning: true });
      for await (const event of feed) {
        assert.ok(event.cursor);
        break;
      }
      assert.deepEqual(await feed.next(), { value: undefined, done: true });
    });

    test('subscribe filters by kind', async () => {
      await client.ingest(uniqueResolution().table);
      const statement = (await client.ingest(uniqueStatement())).entries[0].statement;
      const feed = client.subscribe({ from_beginning: true, kinds: ['ENTRY_KIND_STATEMENT'] });
      try {
        const events = await read(feed, { done: (event) => event.entry.statement?.id === statement.id });
        assert.deepEqual(new Set(events.map((event) => event.entry.kind)), new Set(['statement']));
      } finally {
        feed.close();
      }
    });

    test('subscribe filters by how a Member State voted', async () => {
      const word = uniqueWord();
      const { against, abstained } = twoVotes(word);
      // The vote left out comes first, so the feed has passed it when the
      // one selected arrives.
      for (const document of [against.table, abstained.table, abstained.coverage, against.coverage]) {
        await client.ingest(document);
      }
      const member_state_votes = [{ member_state: 'United States', position: 'VOTE_POSITION_AGAINST' },
        { member_state: 'FRA' }];
      const feed = client.subscribe({ from_beginning: true, query: word, member_state_votes });
      try {
        const events = await read(feed, { done: (event) => symbolOf(event) === against.symbol });
        // Only the revision that brought the vote: the first one had none.
        assert.deepEqual(events.map((event) => [symbolOf(event), event.type]),
          [[against.symbol, 'FEED_EVENT_TYPE_REVISED']]);
        assert.equal(events[0].entry.resolution.vote.in_favour, 150);
      } finally {
        feed.close();
      }

      const rejected = client.subscribe({ member_state_votes: [...member_state_votes, { member_state: 'Atlantis' }] });
      await assert.rejects(rejected.next(), (error) => error instanceof PlenaryError
        && error.code === status.INVALID_ARGUMENT && error.details.includes('member_state_votes[2].member_state'));
    });

    test('resuming after a cursor yields exactly the rest', async () => {
      const [first, second, third] = [uniqueResolution(), uniqueResolution(), uniqueResolution()];
      await client.ingest(first.table);
      await client.ingest(second.table);
      const feed = client.subscribe({ from_beginning: true });
      await read(feed, { done: (event) => symbolOf(event) === first.symbol });
      feed.close();
      await client.ingest(third.table);

      const resumed = client.subscribe({ after_cursor: feed.cursor });
      const rest = [...await read(resumed, { count: 2 }), ...await readFor(resumed, 1000)];
      assert.deepEqual(rest.map(symbolOf), [second.symbol, third.symbol]);
    });

    test('a subscription resumes by itself when the registry restarts',
      { skip: !RESTART_REGISTRY && 'needs PLENARY_TEST_RESTART_REGISTRY' }, async () => {
        const earlier = uniqueResolution();
        await client.ingest(earlier.table);
        const feed = client.subscribe({ from_beginning: true });
        try {
          const seen = await read(feed, { done: (event) => symbolOf(event) === earlier.symbol });

          // SIGTERM ends the stream with UNAVAILABLE while the feed is not
          // read; the new process listens on the same port. Not execSync:
          // the server's graceful stop waits for this process to answer.
          await promisify(exec)(RESTART_REGISTRY);
          const later = [uniqueResolution(), uniqueResolution()];
          for (const { table } of later) await client.ingest(table);

          const rest = [...await read(feed, { count: 2 }), ...await readFor(feed, 1000)];
          assert.deepEqual(rest.map(symbolOf), later.map(({ symbol }) => symbol));
          assert.ok(feed.reconnects >= 1, 'the stream was reopened');
          const cursors = [...seen, ...rest].map((event) => event.cursor);
          assert.equal(new Set(cursors).size, cursors.length, 'an event came twice');
        } finally {
          feed.close();
        }
      });
  });
});

describe('reader tokens', { skip: !(READER_REGISTRY && READER_TOKEN) && 'needs PLENARY_READER_REGISTRY' }, () => {
  test('queries and the feed need a reader token', async () => {
    for (const readerToken of [undefined, 'not-a-reader']) {
      const stranger = new PlenaryClient(READER_REGISTRY, { readerToken });
      try {
        await assert.rejects(stranger.getResolution('A/RES/99/99999'), { code: status.UNAUTHENTICATED });
        await assert.rejects(stranger.subscribe({ from_beginning: true }).next(), { code: status.UNAUTHENTICATED });
      } finally {
        stranger.close();
      }
    }
  });

  test('a reader token is accepted', async () => {
    const reader = new PlenaryClient(READER_REGISTRY, { readerToken: READER_TOKEN });
    const feed = reader.subscribe({ from_beginning: true });
    try {
      await assert.rejects(reader.getResolution('A/RES/99/99999'), { code: status.NOT_FOUND });
      const [event] = await read(feed, { count: 1 });
      assert.ok(event.cursor);
    } finally {
      feed.close();
      reader.close();
    }
  });
});
