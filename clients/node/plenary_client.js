// A small promise-based client for Plenary's gRPC services: registry
// queries, ingestion with the publisher token, and a feed subscription that
// resumes from its cursor after the server ends the stream.
//
// The .proto files are loaded at run time with @grpc/proto-loader, with
// LOADER_OPTIONS: message fields keep their .proto names (keepCase: true,
// e.g. `after_cursor`, `next_page_token`), as in the contract's comments and
// the Python client; int64 fields are decimal strings; enums are their names
// ('FEED_EVENT_TYPE_CREATED'); absent fields read as their defaults; a
// oneof's name holds the field that is set (`entry.kind === 'resolution'`).
//
// Errors are grpc-js ServiceErrors: match on `error.code` (see `status`).

import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

export const { status } = grpc;

export const LOADER_OPTIONS = Object.freeze({
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});

const DEFAULT_PROTO_ROOT = fileURLToPath(new URL('../../proto', import.meta.url));
const PROTO_FILES = [
  'plenary/v1/registry_service.proto',
  'plenary/v1/feed_service.proto',
  'plenary/v1/ingest_service.proto',
];

// The feed's contract: these end a stream that the client should reopen
// after its last cursor (server shutting down, reader too slow).
const RESUMABLE_CODES = new Set([status.UNAVAILABLE, status.RESOURCE_EXHAUSTED]);

/**
 * An endless async iterator over the feed's CREATED and REVISED events.
 *
 * It remembers the cursor of every event received, PROGRESS events (the
 * stream's start and heartbeats) included, and when the stream ends with
 * UNAVAILABLE, RESOURCE_EXHAUSTED or no error at all, it reopens it after
 * that cursor, waiting between attempts with jittered exponential backoff.
 * Nothing is skipped or repeated across reconnections. Other errors (e.g.
 * INVALID_ARGUMENT for a cursor of another deployment) are thrown.
 *
 * `close()`, or leaving a `for await` loop, cancels the stream.
 */
export class FeedSubscription {
  /** Cursor of the last event received: pass it as `after_cursor` to resume. */
  cursor;
  /** How many times the stream was reopened. */
  reconnects = 0;

  #stub;
  #request;
  #initialBackoffMs;
  #maxBackoffMs;
  #events;
  #call = null;
  #closed = false;
  #wakeFromBackoff = null;

  constructor(stub, request, initialBackoffMs, maxBackoffMs) {
    this.#stub = stub;
    this.#request = request;
    this.#initialBackoffMs = initialBackoffMs;
    this.#maxBackoffMs = maxBackoffMs;
    this.cursor = request.after_cursor || null;
    this.#events = this.#follow();
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** @returns {Promise<IteratorResult<object>>} the next CREATED or REVISED event */
  next() {
    return this.#events.next();
  }

  /** Called when a `for await` loop is left: ends the stream. */
  return() {
    this.close();
    return this.#events.return();
  }

  /** Cancels the stream; iteration then ends. Safe to call more than once. */
  close() {
    this.#closed = true;
    this.#call?.cancel();
    this.#wakeFromBackoff?.();
  }

  async *#follow() {
    let backoffMs = this.#initialBackoffMs;
    while (!this.#closed) {
      // after_cursor takes precedence over from_beginning on the server.
      const call = this.#stub.Subscribe({ ...this.#request, after_cursor: this.cursor ?? '' });
      this.#call = call;
      // The loop below sees every error; this listener keeps the CANCELLED
      // that follows an early exit from being an uncaught 'error' event.
      call.on('error', () => {});
      try {
        for await (const event of call) {
          this.cursor = event.cursor;
          backoffMs = this.#initialBackoffMs; // the server is back
          if (event.type !== 'FEED_EVENT_TYPE_PROGRESS') yield event;
        }
      } catch (error) {
        if (this.#closed) return;
        if (!RESUMABLE_CODES.has(error.code)) throw error;
      } finally {
        call.cancel();
      }
      // Jitter spreads out the subscribers that a restart cut off together.
      await this.#waitUnlessClosed(backoffMs * (0.5 + Math.random() / 2));
      if (this.#closed) return;
      backoffMs = Math.min(backoffMs * 2, this.#maxBackoffMs);
      this.reconnects += 1;
    }
  }

  #waitUnlessClosed(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wakeFromBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** Client of plenary-registry (queries, feed) and plenary-ingest. */
export class PlenaryClient {
  #registry;
  #feed;
  #ingest = null;
  #token;
  #initialBackoffMs;
  #maxBackoffMs;

  /**
   * @param {string} registryAddress host:port of plenary-registry
   * @param {object} [options]
   * @param {string} [options.ingestAddress] host:port of plenary-ingest; needed by ingest()
   * @param {string} [options.token] publisher token, sent as "authorization: Bearer <token>"
   * @param {grpc.ChannelCredentials} [options.credentials] TLS credentials; plaintext by default
   * @param {number} [options.initialBackoffMs=100] first wait before reopening the feed
   * @param {number} [options.maxBackoffMs=5000] longest wait, the waits doubling up to it
   * @param {string} [options.protoRoot] directory holding plenary/v1/*.proto
   */
  constructor(registryAddress, {
    ingestAddress,
    token,
    credentials = grpc.credentials.createInsecure(),
    initialBackoffMs = 100,
    maxBackoffMs = 5000,
    protoRoot = DEFAULT_PROTO_ROOT,
  } = {}) {
    const definition = protoLoader.loadSync(PROTO_FILES, { ...LOADER_OPTIONS, includeDirs: [protoRoot] });
    const v1 = grpc.loadPackageDefinition(definition).plenary.v1;
    // gRPC's own reconnection backoff (up to 120 s by default) would make
    // our resubscriptions fail fast long after the server is back.
    const channelOptions = {
      'grpc.initial_reconnect_backoff_ms': initialBackoffMs,
      'grpc.max_reconnect_backoff_ms': maxBackoffMs,
    };
    this.#registry = new v1.RegistryService(registryAddress, credentials, channelOptions);
    this.#feed = new v1.FeedService(registryAddress, credentials, channelOptions);
    if (ingestAddress) this.#ingest = new v1.IngestService(ingestAddress, credentials, channelOptions);
    this.#token = token;
    this.#initialBackoffMs = initialBackoffMs;
    this.#maxBackoffMs = maxBackoffMs;
  }

  /** Closes the connections; open subscriptions end with them. */
  close() {
    this.#registry.close();
    this.#feed.close();
    this.#ingest?.close();
  }

  /**
   * The resolution known by `symbol` in any of its forms ("64/222",
   * "a/res/64/222", its title), at `revision` (0: the latest).
   */
  getResolution(symbol, revision = 0) {
    return unary(this.#registry, 'GetResolution', { symbol, revision });
  }

  /** The latest revision of each, in the order asked; NOT_FOUND if any is unknown. */
  async getResolutions(symbols) {
    return (await unary(this.#registry, 'BatchGetResolutions', { symbols })).resolutions;
  }

  /** The statement with this id, at `revision` (0: the latest). */
  getStatement(id, revision = 0) {
    return unary(this.#registry, 'GetStatement', { id, revision });
  }

  /**
   * Every resolution matching `filters` (ListResolutionsRequest fields:
   * body, adopted, references, text, order_by, page_size), page after page.
   */
  async *iterResolutions(filters = {}) {
    yield* this.#pages('ListResolutions', 'resolutions', filters);
  }

  /**
   * Every statement matching `filters` (ListStatementsRequest fields:
   * speaker, date, references, text, order_by, page_size), page after page.
   */
  async *iterStatements(filters = {}) {
    yield* this.#pages('ListStatements', 'statements', filters);
  }

  async *#pages(method, field, filters) {
    let page_token = '';
    do {
      const page = await unary(this.#registry, method, { ...filters, page_token });
      yield* page[field];
      page_token = page.next_page_token;
    } while (page_token);
  }

  /**
   * One page of ranked matches for `query` (web-search syntax) with total and
   * facets. `filters`: SearchRequest fields (kinds, body, date, speaker,
   * references, page_size, page_token).
   */
  search(query, filters = {}) {
    return unary(this.#registry, 'Search', { ...filters, query });
  }

  /**
   * Stores a published document and the records read out of it. Idempotent:
   * the same bytes or request_id again answer `duplicate: true` with the same
   * entries. Without a token the server answers UNAUTHENTICATED.
   *
   * @param {Buffer|Uint8Array|string} content the document as published
   * @param {{media_type?: string, source_uri?: string, request_id?: string}} [fields]
   */
  async ingest(content, { media_type = '', source_uri = '', request_id = '' } = {}) {
    if (!this.#ingest) throw new Error('PlenaryClient was created without an ingestAddress');
    const metadata = new grpc.Metadata();
    if (this.#token) metadata.set('authorization', `Bearer ${this.#token}`);
    const request = { content: Buffer.from(content), media_type, source_uri, request_id };
    return unary(this.#ingest, 'IngestDocument', request, metadata);
  }

  /**
   * Follows the feed of new and revised records, forever. Starts after
   * `after_cursor` if given, else at the beginning of history if
   * `from_beginning`, else with what is committed from now on; other fields
   * of SubscribeRequest (kinds, bodies, references, query) filter it. The
   * stream opens at the first next(), so "from now" means from then.
   *
   * @returns {FeedSubscription}
   */
  subscribe({ after_cursor = '', from_beginning = false, ...filters } = {}) {
    const request = { ...filters, after_cursor, from_beginning };
    return new FeedSubscription(this.#feed, request, this.#initialBackoffMs, this.#maxBackoffMs);
  }
}

function unary(stub, method, request, metadata = new grpc.Metadata()) {
  return new Promise((resolve, reject) => {
    stub[method](request, metadata, (error, response) => (error ? reject(error) : resolve(response)));
  });
}
