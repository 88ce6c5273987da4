// Promise-based client of Plenary's gRPC services: registry queries, pagers,
// ingestion, and a feed subscription that resumes from its cursor by itself.
// Types: plenary_client.d.ts and messages.d.ts.
//
// Messages are plain objects whose fields keep their .proto names
// (`after_cursor`, `next_page_token`), as in the contract's comments; enums
// are their names ('FEED_EVENT_TYPE_CREATED'); absent fields read as their
// defaults (messages as null); a oneof's name holds the member that is set
// (`entry.kind === 'resolution'`); Timestamps are Dates; int64 fields are
// numbers, or bigints with the client option `int64: 'bigint'`.
//
// Every unary call has a deadline (`timeoutMs`, 10 s by default, 60 s for
// ingest), sends the client's metadata and token, and is retried by gRPC's
// retry policy while the server answers UNAVAILABLE. Failures reject with a
// PlenaryError: match on `error.code` (see `status`).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

export const { status } = grpc;

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_INGEST_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

const LOADER_OPTIONS = Object.freeze({
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});

// The package ships the .proto files in proto/ (copied by `npm pack`); in a
// clone of the repository they are the contract's own.
const PACKAGED_PROTOS = fileURLToPath(new URL('./proto', import.meta.url));
const DEFAULT_PROTO_ROOT = existsSync(`${PACKAGED_PROTOS}/plenary/v1`)
  ? PACKAGED_PROTOS
  : fileURLToPath(new URL('../../proto', import.meta.url));
const PROTO_FILES = [
  'plenary/v1/registry_service.proto',
  'plenary/v1/feed_service.proto',
  'plenary/v1/ingest_service.proto',
];

/** A failed call: `code` is a gRPC status (see `status`), `details` the server's message. */
export class PlenaryError extends Error {
  constructor(code, details, metadata, cause) {
    super(`${status[code] ?? code}: ${details}`, { cause });
    this.name = 'PlenaryError';
    this.code = code;
    this.details = details;
    this.metadata = metadata;
  }

  static from(error) {
    if (error instanceof PlenaryError) return error;
    return new PlenaryError(error.code ?? status.UNKNOWN, error.details ?? error.message,
      error.metadata, error);
  }
}

// Converting between proto-loader's objects and ours, by the descriptors:
// int64 strings become numbers or bigints, Timestamps Dates (and back), and
// a request's enum names are checked.
class Converter {
  #definition;
  #int64;
  #plans = new Map();
  #enumNames = new Map();

  constructor(definition, int64) {
    this.#definition = definition;
    this.#int64 = int64;
  }

  // The fields of `typeName` that need converting or checking: [name, kind, repeated, type].
  #plan(typeName) {
    let plan = this.#plans.get(typeName);
    if (plan) return plan;
    plan = [];
    this.#plans.set(typeName, plan);
    const pkg = typeName.slice(0, typeName.lastIndexOf('.'));
    for (const field of this.#definition[typeName].type.field) {
      const repeated = field.label === 'LABEL_REPEATED';
      if (field.type === 'TYPE_MESSAGE') {
        const name = this.#definition[field.typeName] ? field.typeName : `${pkg}.${field.typeName}`;
        plan.push([field.name, name === 'google.protobuf.Timestamp' ? 'timestamp' : 'message', repeated, name]);
      } else if (/^TYPE_S?U?(INT|FIXED)64$/.test(field.type)) {
        plan.push([field.name, 'int64', repeated, null]);
      } else if (field.type === 'TYPE_ENUM') {
        const name = this.#definition[field.typeName] ? field.typeName : `${pkg}.${field.typeName}`;
        plan.push([field.name, 'enum', repeated, name]);
      }
    }
    return plan;
  }

  #int(value) {
    if (this.#int64 === 'bigint') return BigInt(value);
    const number = Number(value);
    if (!Number.isSafeInteger(number)) {
      throw new RangeError(`int64 ${value} is not a safe JavaScript number: use the client option int64: 'bigint'`);
    }
    return number;
  }

  // protobufjs sends an enum name it does not know as 0, the UNSPECIFIED that
  // a filter reads as "any": a misspelt position would widen the filter.
  #enumName(field, typeName, value) {
    let names = this.#enumNames.get(typeName);
    if (!names) {
      names = this.#definition[typeName].type.value.map((value) => value.name);
      this.#enumNames.set(typeName, names);
    }
    if (typeof value === 'string' && !names.includes(value)) {
      const enumName = typeName.slice(typeName.lastIndexOf('.') + 1);
      throw new TypeError(`${field}: no ${enumName} is named '${value}' (one of ${names.join(', ')})`);
    }
    return value;
  }

  /** A received message of `typeName`, converted in place. */
  fromWire(typeName, message) {
    if (message == null) return message;
    for (const [name, kind, repeated, type] of this.#plan(typeName)) {
      if (kind === 'enum') continue;
      const one = (value) => {
        if (value == null) return value;
        if (kind === 'int64') return this.#int(value);
        if (kind === 'timestamp') return new Date(Number(value.seconds) * 1000 + Math.floor(value.nanos / 1e6));
        return this.fromWire(type, value);
      };
      if (!(name in message)) continue;
      message[name] = repeated ? message[name].map(one) : one(message[name]);
    }
    return message;
  }

  /**
   * A request of `typeName`: Dates as Timestamps, bigints as strings. Throws
   * a TypeError for an enum name that the contract does not have.
   */
  toWire(typeName, message) {
    if (message == null) return message;
    const copy = { ...message };
    for (const [name, kind, repeated, type] of this.#plan(typeName)) {
      const one = (value) => {
        if (value == null) return value;
        if (kind === 'int64') return String(value);
        if (kind === 'enum') return this.#enumName(name, type, value);
        if (kind === 'timestamp') {
          if (!(value instanceof Date)) return value;
          const ms = value.getTime();
          return { seconds: String(Math.floor(ms / 1000)), nanos: (((ms % 1000) + 1000) % 1000) * 1e6 };
        }
        return this.toWire(type, value);
      };
      if (copy[name] !== undefined) copy[name] = repeated ? copy[name].map(one) : one(copy[name]);
    }
    return copy;
  }
}

// The feed's rules: these end a stream that the client reopens after its last
// cursor. UNAVAILABLE: the server is shutting down or not up yet;
// RESOURCE_EXHAUSTED: this reader was too slow; CANCELLED: a stopping server
// cancelled it (ours are told apart by `close()`).
export const RESUMABLE_CODES = Object.freeze(new Set([status.UNAVAILABLE, status.RESOURCE_EXHAUSTED, status.CANCELLED]));

/**
 * An endless async iterator over the feed's CREATED and REVISED events. See
 * plenary_client.d.ts: it resumes after its cursor when the stream ends with
 * a resumable code or none, with jittered exponential backoff, and gives up
 * only when closed or after `maxReconnects` fruitless resubscriptions.
 */
export class FeedSubscription {
  cursor;
  reconnects = 0;

  #open;
  #convert;
  #request;
  #options;
  #events;
  #call = null;
  #closed = false;
  #wakeFromBackoff = null;

  constructor(open, convert, request, options) {
    this.#open = open;
    this.#convert = convert;
    this.#request = request;
    this.#options = options;
    this.cursor = request.after_cursor || null;
    this.#events = this.#follow();
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next() {
    return this.#events.next();
  }

  /** Called when a `for await` loop is left: ends the stream. */
  return() {
    this.close();
    return this.#events.return();
  }

  close() {
    this.#closed = true;
    this.#call?.cancel();
    this.#wakeFromBackoff?.();
    this.#options.onClose?.();
  }

  async *#follow() {
    const { initialBackoffMs, maxBackoffMs, maxReconnects } = this.#options;
    let backoffMs = initialBackoffMs;
    let failures = 0; // resubscriptions in a row that received nothing
    while (!this.#closed) {
      // after_cursor takes precedence over from_beginning on the server.
      const call = this.#open({ ...this.#request, after_cursor: this.cursor ?? '' });
      this.#call = call;
      // The loop below sees every error; this listener keeps the CANCELLED
      // that follows an early exit from being an uncaught 'error' event.
      call.on('error', () => {});
      let error = null;
      try {
        for await (const raw of call) {
          const event = this.#convert(raw);
          this.cursor = event.cursor;
          backoffMs = initialBackoffMs; // the server is back
          failures = 0;
          if (event.type !== 'FEED_EVENT_TYPE_PROGRESS') yield event;
        }
      } catch (raw) {
        if (this.#closed) return;
        error = PlenaryError.from(raw);
        if (!RESUMABLE_CODES.has(error.code)) throw error;
      } finally {
        call.cancel();
      }
      if (this.#closed) return;
      failures += 1;
      if (maxReconnects != null && failures > maxReconnects) {
        throw error ?? new PlenaryError(status.UNAVAILABLE, 'the feed stream kept ending without an event');
      }
      // Jitter spreads out the subscribers that a restart cut off together.
      await this.#waitUnlessClosed(backoffMs * (0.5 + Math.random() / 2));
      if (this.#closed) return;
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
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

/** Iterates the items of every page; `firstPage` is the call's own answer. */
export class Pager {
  #fetch;
  #items;

  constructor(firstPage, fetch, items) {
    this.firstPage = firstPage;
    this.#fetch = fetch;
    this.#items = items;
  }

  get nextPageToken() {
    return this.firstPage.next_page_token;
  }

  get totalSize() {
    return this.firstPage.total_size;
  }

  async *pages() {
    let page = this.firstPage;
    yield page;
    while (page.next_page_token) {
      page = await this.#fetch(page.next_page_token);
      yield page;
    }
  }

  async *[Symbol.asyncIterator]() {
    for await (const page of this.pages()) yield* this.#items(page);
  }
}

function serviceConfig(maxAttempts, initialBackoffMs, maxBackoffMs) {
  const methodConfig = {
    // Every registry query reads; IngestDocument is idempotent (the same
    // bytes or request_id answer duplicate: true). The feed resumes itself.
    name: [{ service: 'plenary.v1.RegistryService' },
      { service: 'plenary.v1.IngestService', method: 'IngestDocument' }],
  };
  if (maxAttempts > 1) {
    methodConfig.retryPolicy = {
      maxAttempts: Math.min(maxAttempts, 5),
      initialBackoff: `${(initialBackoffMs / 1000).toFixed(3)}s`,
      maxBackoff: `${(maxBackoffMs / 1000).toFixed(3)}s`,
      backoffMultiplier: 2,
      retryableStatusCodes: ['UNAVAILABLE'],
    };
  }
  return JSON.stringify({ methodConfig: [methodConfig] });
}

/** Client of plenary-registry (queries, feed) and plenary-ingest. See plenary_client.d.ts. */
export class PlenaryClient {
  #registry;
  #feed;
  #ingest = null;
  #options;
  #convert;
  #subscriptions = new Set();

  constructor(registryAddress, options = {}) {
    const {
      ingestAddress,
      publisherToken = options.token,
      readerToken,
      credentials = grpc.credentials.createInsecure(),
      timeoutMs = DEFAULT_TIMEOUT_MS,
      ingestTimeoutMs = DEFAULT_INGEST_TIMEOUT_MS,
      metadata = {},
      maxAttempts = DEFAULT_MAX_ATTEMPTS,
      initialBackoffMs = 100,
      maxBackoffMs = 5000,
      int64 = 'number',
      channelOptions = {},
      protoRoot = DEFAULT_PROTO_ROOT,
    } = options;
    if (!['number', 'bigint'].includes(int64)) throw new TypeError(`int64: 'number' or 'bigint', not ${int64}`);
    const definition = protoLoader.loadSync(PROTO_FILES, { ...LOADER_OPTIONS, includeDirs: [protoRoot] });
    this.#convert = new Converter(definition, int64);
    const v1 = grpc.loadPackageDefinition(definition).plenary.v1;
    const channel = {
      'grpc.service_config': serviceConfig(maxAttempts, initialBackoffMs, maxBackoffMs),
      'grpc.enable_retries': maxAttempts > 1 ? 1 : 0,
      // gRPC's own reconnection backoff grows to 120 s by default: a
      // resubscription would fail fast long after the server is back.
      'grpc.initial_reconnect_backoff_ms': initialBackoffMs,
      'grpc.max_reconnect_backoff_ms': maxBackoffMs,
      ...channelOptions,
    };
    this.#registry = new v1.RegistryService(registryAddress, credentials, channel);
    // The feed shares the registry's connection.
    this.#feed = new v1.FeedService(registryAddress, credentials,
      { ...channel, channelOverride: this.#registry.getChannel() });
    if (ingestAddress) this.#ingest = new v1.IngestService(ingestAddress, credentials, channel);
    this.#options = { publisherToken, readerToken, timeoutMs, ingestTimeoutMs, metadata,
      initialBackoffMs, maxBackoffMs };
  }

  close() {
    for (const subscription of this.#subscriptions) subscription.close();
    this.#registry.close();
    this.#ingest?.close();
  }

  #metadata(extra, token) {
    const metadata = new grpc.Metadata();
    for (const source of [this.#options.metadata, extra ?? {}]) {
      for (const [key, value] of Object.entries(source)) {
        for (const one of Array.isArray(value) ? value : [value]) metadata.add(key, one);
      }
    }
    if (token) metadata.set('authorization', `Bearer ${token}`);
    return metadata;
  }

  #unary(stub, method, requestType, responseType, request, callOptions = {}, ingest = false) {
    const { timeoutMs = ingest ? this.#options.ingestTimeoutMs : this.#options.timeoutMs } = callOptions;
    const metadata = this.#metadata(callOptions.metadata,
      ingest ? this.#options.publisherToken : this.#options.readerToken);
    const options = timeoutMs == null ? {} : { deadline: Date.now() + timeoutMs };
    return new Promise((resolve, reject) => {
      const wire = this.#convert.toWire(requestType, request); // a throw rejects
      stub[method](wire, metadata, options, (error, response) => {
        if (error) reject(PlenaryError.from(error));
        else {
          try {
            resolve(this.#convert.fromWire(responseType, response));
          } catch (conversion) {
            reject(conversion);
          }
        }
      });
    });
  }

  #query(method, requestType, responseType, request, callOptions) {
    return this.#unary(this.#registry, method, `plenary.v1.${requestType}`,
      `plenary.v1.${responseType}`, request, callOptions);
  }

  getResolution(symbol, revision = 0, callOptions = {}) {
    return this.#query('GetResolution', 'GetResolutionRequest', 'Resolution', { symbol, revision }, callOptions);
  }

  async getResolutions(symbols, callOptions = {}) {
    return (await this.#query('BatchGetResolutions', 'BatchGetResolutionsRequest',
      'BatchGetResolutionsResponse', { symbols }, callOptions)).resolutions;
  }

  getStatement(id, revision = 0, callOptions = {}) {
    return this.#query('GetStatement', 'GetStatementRequest', 'Statement', { id, revision }, callOptions);
  }

  async #pager(method, field, request, callOptions) {
    const { timeoutMs, metadata, ...filters } = request;
    const options = { ...callOptions, timeoutMs: timeoutMs ?? callOptions.timeoutMs, metadata: metadata ?? callOptions.metadata };
    if (options.timeoutMs === undefined) delete options.timeoutMs;
    const fetch = (page_token) => this.#query(method, `${method}Request`, `${method}Response`,
      { ...filters, page_token }, options);
    return new Pager(await fetch(filters.page_token ?? ''), fetch, (page) => page[field]);
  }

  listResolutions(request = {}, callOptions = {}) {
    return this.#pager('ListResolutions', 'resolutions', request, callOptions);
  }

  listStatements(request = {}, callOptions = {}) {
    return this.#pager('ListStatements', 'statements', request, callOptions);
  }

  async search(query, request = {}, callOptions = {}) {
    const pager = await this.#pager('Search', 'results', { ...request, query }, callOptions);
    const first = pager.firstPage;
    return Object.assign(pager, {
      results: first.results,
      facets: first.facets,
      total_size: first.total_size,
      next_page_token: first.next_page_token,
      counts_are_lower_bounds: first.counts_are_lower_bounds,
    });
  }

  async ingest(content, { media_type = '', source_uri = '', request_id = '', published_at = null,
    timeoutMs, metadata } = {}) {
    if (!this.#ingest) throw new Error('PlenaryClient was created without an ingestAddress');
    const request = { content: Buffer.from(content), media_type, source_uri, request_id, published_at };
    const callOptions = { metadata, ...(timeoutMs !== undefined && { timeoutMs }) };
    return this.#unary(this.#ingest, 'IngestDocument', 'plenary.v1.IngestDocumentRequest',
      'plenary.v1.IngestDocumentResponse', request, callOptions, true);
  }

  subscribe({ after_cursor = '', from_beginning = false, maxReconnects = null, metadata, ...filters } = {}) {
    const request = { ...filters, after_cursor, from_beginning };
    const open = (wire) => this.#feed.Subscribe(this.#convert.toWire('plenary.v1.SubscribeRequest', wire),
      this.#metadata(metadata, this.#options.readerToken));
    const convert = (event) => this.#convert.fromWire('plenary.v1.FeedEvent', event);
    const { initialBackoffMs, maxBackoffMs } = this.#options;
    const subscriptions = this.#subscriptions;
    const subscription = new FeedSubscription(open, convert, request,
      { initialBackoffMs, maxBackoffMs, maxReconnects, onClose: () => subscriptions.delete(subscription) });
    subscriptions.add(subscription);
    return subscription;
  }
}
