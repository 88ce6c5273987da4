// Tests of the call options, the conversions and the feed's resumption
// rules against servers of the tests' own: a listener that never answers
// and fake Registry, Ingest and Feed services on grpc-js. No Plenary needed.

import assert from 'node:assert/strict';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import {
  DEFAULT_TIMEOUT_MS, PlenaryClient, PlenaryError, status,
} from '../plenary_client.js';

const PROTO_ROOT = fileURLToPath(new URL('../../../proto', import.meta.url));
const v1 = grpc.loadPackageDefinition(protoLoader.loadSync(
  ['plenary/v1/registry_service.proto', 'plenary/v1/feed_service.proto', 'plenary/v1/ingest_service.proto'],
  { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [PROTO_ROOT] },
)).plenary.v1;

/** A TCP listener that accepts connections and never answers: a hung server. */
async function silentListener() {
  const sockets = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${server.address().port}`,
    close: () => { sockets.forEach((socket) => socket.destroy()); server.close(); },
  };
}

async function fakeServer(services) {
  const server = new grpc.Server();
  for (const [service, implementation] of services) server.addService(service.service, implementation);
  const port = await new Promise((resolve, reject) => server.bindAsync('127.0.0.1:0',
    grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  return { address: `127.0.0.1:${port}`, close: () => server.forceShutdown() };
}

const closers = [];
after(() => closers.forEach((close) => close()));

async function assertDeadline(promise, ms) {
  const start = performance.now();
  await assert.rejects(promise, (error) => error instanceof PlenaryError && error.code === status.DEADLINE_EXCEEDED);
  const elapsed = performance.now() - start;
  assert.ok(elapsed >= ms * 0.95 && elapsed < ms + 1000, `failed after ${elapsed} ms, want about ${ms}`);
}

describe('deadlines', () => {
  test('the default deadline is 10 s', () => {
    assert.equal(DEFAULT_TIMEOUT_MS, 10_000);
  });

  test("a server that never answers: DEADLINE_EXCEEDED after the client's default", async () => {
    const hung = await silentListener();
    closers.push(hung.close);
    const client = new PlenaryClient(hung.address,
      { ingestAddress: hung.address, timeoutMs: 500, ingestTimeoutMs: 700 });
    try {
      await assertDeadline(client.getResolution('64/222'), 500);
      await assertDeadline(client.search('water'), 500);
      await assertDeadline(client.ingest('text'), 700);
    } finally {
      client.close();
    }
  });

  test("a call's own deadline overrides the client's", async () => {
    const hung = await silentListener();
    closers.push(hung.close);
    const client = new PlenaryClient(hung.address);
    try {
      await assertDeadline(client.getStatement('st-1', 0, { timeoutMs: 300 }), 300);
      await assertDeadline(client.listResolutions({ text: 'x', timeoutMs: 300 }), 300);
    } finally {
      client.close();
    }
  });
});

describe('retries, tokens and metadata', () => {
  function flakyRegistry(failures) {
    const state = { calls: 0, metadata: null };
    state.implementation = {
      GetResolution(call, callback) {
        state.calls += 1;
        state.metadata = call.metadata.getMap();
        if (state.calls <= failures) callback({ code: status.UNAVAILABLE, details: 'restarting' });
        else {
          callback(null, {
            symbol: `A/RES/${call.request.symbol}`,
            source: { document_id: '9007199254740993', ingested_at: { seconds: '1700000000', nanos: 250_000_000 } },
          });
        }
      },
    };
    return state;
  }

  test('UNAVAILABLE is retried, with the reader token and metadata', async () => {
    const registry = flakyRegistry(2);
    const server = await fakeServer([[v1.RegistryService, registry.implementation]]);
    closers.push(server.close);
    const client = new PlenaryClient(server.address,
      { readerToken: 'reader-1', metadata: { 'x-team': 'etl' }, initialBackoffMs: 20, int64: 'bigint' });
    try {
      const resolution = await client.getResolution('64/222', 0, { metadata: { 'x-call': 'one' } });
      assert.equal(resolution.symbol, 'A/RES/64/222');
      assert.equal(registry.calls, 3);
      assert.equal(registry.metadata.authorization, 'Bearer reader-1');
      assert.equal(registry.metadata['x-team'], 'etl');
      assert.equal(registry.metadata['x-call'], 'one');
      // int64 as bigint, exactly; Timestamp as Date.
      assert.equal(resolution.source.document_id, 9007199254740993n);
      assert.deepEqual(resolution.source.ingested_at, new Date(1_700_000_000_250));
    } finally {
      client.close();
    }
  });

  test('retries stop at maxAttempts; an unsafe int64 is a RangeError as a number', async () => {
    const registry = flakyRegistry(100);
    const server = await fakeServer([[v1.RegistryService, registry.implementation]]);
    closers.push(server.close);
    const client = new PlenaryClient(server.address, { maxAttempts: 3, initialBackoffMs: 20 });
    try {
      await assert.rejects(client.getResolution('64/222'),
        (error) => error.code === status.UNAVAILABLE && error.details === 'restarting');
      assert.equal(registry.calls, 3);
    } finally {
      client.close();
    }
    const safe = flakyRegistry(0);
    const other = await fakeServer([[v1.RegistryService, safe.implementation]]);
    closers.push(other.close);
    const numbers = new PlenaryClient(other.address);
    try {
      await assert.rejects(numbers.getResolution('64/222'), RangeError);
    } finally {
      numbers.close();
    }
  });

  test('the publisher token goes to ingest only; published_at as a Date', async () => {
    let seen = null;
    const server = await fakeServer([[v1.IngestService, {
      IngestDocument(call, callback) {
        seen = { metadata: call.metadata.getMap(), request: call.request };
        callback(null, { document_id: '42' });
      },
    }]]);
    closers.push(server.close);
    const client = new PlenaryClient(server.address,
      { ingestAddress: server.address, publisherToken: 'publisher-1', readerToken: 'reader-1' });
    try {
      const response = await client.ingest('text', { published_at: new Date(1_700_000_000_000) });
      assert.equal(response.document_id, 42);
      assert.equal(seen.metadata.authorization, 'Bearer publisher-1');
      assert.equal(seen.request.published_at.seconds, '1700000000');
    } finally {
      client.close();
    }
  });
});

describe('enum names', () => {
  test("a request's enum is a name of the contract or a number; another name is a TypeError", async () => {
    const requests = [];
    const server = await fakeServer([[v1.RegistryService, {
      ListResolutions(call, callback) {
        requests.push(call.request);
        callback(null, {});
      },
    }]]);
    closers.push(server.close);
    const client = new PlenaryClient(server.address);
    try {
      for (const position of ['VOTE_POSITION_AGAINST', 2]) {
        await client.listResolutions({ member_state_vote: { member_state: 'USA', position } });
      }
      assert.deepEqual(requests.map((request) => request.member_state_vote.position),
        ['VOTE_POSITION_AGAINST', 'VOTE_POSITION_AGAINST']);
      // protobufjs would send 'against' as UNSPECIFIED: any position.
      await assert.rejects(client.listResolutions({ member_state_vote: { member_state: 'USA', position: 'against' } }),
        (error) => error instanceof TypeError && /position: no VotePosition is named 'against'/.test(error.message));
      await assert.rejects(client.subscribe({ kinds: ['ENTRY_KIND_STATEMENT', 'STATEMENT'] }).next(),
        (error) => error instanceof TypeError && /kinds: no EntryKind is named 'STATEMENT'/.test(error.message));
      assert.equal(requests.length, 2, 'nothing was sent for a wrong name');
    } finally {
      client.close();
    }
  });
});

describe('feed resumption', () => {
  const event = (cursor, type = 'FEED_EVENT_TYPE_CREATED') => ({ cursor, type });

  /** Plays one script per Subscribe call: events, then how the stream ends. */
  function fakeFeed(scripts) {
    const requests = [];
    const implementation = {
      Subscribe(call) {
        requests.push(call.request);
        const [events, end] = scripts.shift() ?? [[], status.UNAVAILABLE];
        for (const e of events) call.write(e);
        if (end == null) call.end();
        else call.emit('error', { code: end, details: `scripted ${status[end]}` });
      },
    };
    return { requests, implementation };
  }

  test('resumes after its cursor until an error that is not resumable', async () => {
    const feed = fakeFeed([
      [[event('c0', 'FEED_EVENT_TYPE_PROGRESS'), event('c1')], status.CANCELLED], // a stopping server
      [[event('c2')], null], // a plain end
      [[], status.UNAVAILABLE], // not up yet
      [[event('c3')], status.RESOURCE_EXHAUSTED], // too slow
      [[event('c4', 'FEED_EVENT_TYPE_PROGRESS')], status.INVALID_ARGUMENT],
    ]);
    const server = await fakeServer([[v1.FeedService, feed.implementation]]);
    closers.push(server.close);
    const client = new PlenaryClient(server.address, { initialBackoffMs: 20, maxBackoffMs: 50 });
    const subscription = client.subscribe({ from_beginning: true });
    const cursors = [];
    try {
      await assert.rejects((async () => {
        for await (const e of subscription) cursors.push(e.cursor);
      })(), (error) => error instanceof PlenaryError && error.code === status.INVALID_ARGUMENT);
    } finally {
      client.close();
    }
    assert.deepEqual(cursors, ['c1', 'c2', 'c3']);
    assert.deepEqual(feed.requests.map((r) => r.after_cursor), ['', 'c1', 'c2', 'c2', 'c3']);
    assert.equal(feed.requests[0].from_beginning, true);
    assert.equal(subscription.reconnects, 4);
    assert.equal(subscription.cursor, 'c4');
  });

  test('closing the client ends its subscriptions', async () => {
    const feed = fakeFeed([[[event('c1')], null], ...Array(1000).fill([[], null])]);
    const server = await fakeServer([[v1.FeedService, feed.implementation]]);
    closers.push(server.close);
    const client = new PlenaryClient(server.address, { initialBackoffMs: 50, maxBackoffMs: 50 });
    const subscription = client.subscribe();
    assert.equal((await subscription.next()).value.cursor, 'c1');
    setTimeout(() => client.close(), 200);
    assert.deepEqual(await subscription.next(), { value: undefined, done: true });
  });

  test('gives up only when told to', async () => {
    const feed = fakeFeed([]); // every call: UNAVAILABLE at once
    const server = await fakeServer([[v1.FeedService, feed.implementation]]);
    closers.push(server.close);
    const client = new PlenaryClient(server.address, { initialBackoffMs: 10, maxBackoffMs: 20 });
    try {
      await assert.rejects(client.subscribe({ maxReconnects: 3 }).next(), { code: status.UNAVAILABLE });
      assert.equal(feed.requests.length, 4);
      const endless = client.subscribe();
      setTimeout(() => endless.close(), 500);
      assert.deepEqual(await endless.next(), { value: undefined, done: true });
      assert.ok(endless.reconnects > 5, `${endless.reconnects} reconnections`);
    } finally {
      client.close();
    }
  });
});
