// Types of plenary_client.js. The message shapes are in messages.d.ts,
// generated from proto/plenary/v1 (L is the int64 type: number by default,
// bigint with the client option `int64: 'bigint'`).
import type { ChannelCredentials, ChannelOptions, Metadata as GrpcMetadata, status as grpcStatus } from '@grpc/grpc-js';
import type * as m from './messages.js';

export * from './messages.js';

/** gRPC status codes: `error.code === status.NOT_FOUND`. */
export declare const status: typeof grpcStatus;

/** Deadline of a registry call unless the client or the call says otherwise: 10 s. */
export declare const DEFAULT_TIMEOUT_MS: number;
/** Deadline of an ingestion: 60 s. */
export declare const DEFAULT_INGEST_TIMEOUT_MS: number;
/** Attempts of a unary call answered UNAVAILABLE: 5 (gRPC's cap). */
export declare const DEFAULT_MAX_ATTEMPTS: number;
/** Codes that end a feed stream which the subscription reopens after its cursor. */
export declare const RESUMABLE_CODES: ReadonlySet<grpcStatus>;

/** Metadata sent with calls: keys lower case; a list sends the key more than once. */
export type MetadataInit = Record<string, string | string[]>;

/** A failed call. `code` is its gRPC status, `details` the server's message, `cause` grpc-js's error. */
export declare class PlenaryError extends Error {
  readonly code: grpcStatus;
  readonly details: string;
  readonly metadata?: GrpcMetadata;
}

/** Options of one call. */
export interface CallOptions {
  /** Deadline in milliseconds from now; null for none. Default: the client's. */
  timeoutMs?: number | null;
  /** Sent with this call, after the client's metadata. */
  metadata?: MetadataInit;
}

export interface PlenaryClientOptions<I extends 'number' | 'bigint' = 'number'> {
  /** host:port of plenary-ingest; needed by ingest(). */
  ingestAddress?: string;
  /** Sent to plenary-ingest as "authorization: Bearer <token>". */
  publisherToken?: string;
  /** @deprecated the name of publisherToken before 0.2. */
  token?: string;
  /** Sent to plenary-registry (queries and the feed), for a registry started with --reader-tokens. */
  readerToken?: string;
  /** TLS credentials; plaintext by default. */
  credentials?: ChannelCredentials;
  /** Default deadline of a registry call, ms (null: none). Default 10,000. */
  timeoutMs?: number | null;
  /** Default deadline of ingest(), ms. Default 60,000. */
  ingestTimeoutMs?: number | null;
  /** Sent with every call. */
  metadata?: MetadataInit;
  /** Attempts of a call answered UNAVAILABLE (1: no retries). Default 5. */
  maxAttempts?: number;
  /** First wait between retries and feed resubscriptions, ms. Default 100. */
  initialBackoffMs?: number;
  /** Longest wait, the waits doubling up to it, ms. Default 5,000. */
  maxBackoffMs?: number;
  /**
   * How int64 fields arrive: 'number' (default; a value beyond
   * Number.MAX_SAFE_INTEGER throws a RangeError) or 'bigint'.
   */
  int64?: I;
  /** More grpc-js channel options. */
  channelOptions?: ChannelOptions;
  /** Directory holding plenary/v1/*.proto; the package's own by default. */
  protoRoot?: string;
}

type Long<I> = I extends 'bigint' ? bigint : number;

/** Iterates the items of every page, fetching each page as iteration reaches it. */
export declare class Pager<Page, Item> implements AsyncIterable<Item> {
  /** The answer of the call itself. */
  readonly firstPage: Page;
  /** The first page's next_page_token. */
  readonly nextPageToken: string;
  /** The first page's total_size. */
  readonly totalSize: Page extends { total_size: infer T } ? T : never;
  pages(): AsyncGenerator<Page, void, undefined>;
  [Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined>;
}

/** A Search pager: the first page's fields, and iteration over every page's results. */
export type SearchPager<L extends number | bigint> = Pager<m.SearchResponse<L>, m.SearchResult<L>> &
  Pick<m.SearchResponse<L>, 'results' | 'facets' | 'total_size' | 'next_page_token' | 'counts_are_lower_bounds'>;

/**
 * An endless async iterator over the feed's CREATED and REVISED events.
 *
 * It remembers the cursor of every event received, PROGRESS events
 * included. When the stream ends with UNAVAILABLE, RESOURCE_EXHAUSTED, a
 * CANCELLED that close() did not cause (a server that stops), or no error at
 * all, it resubscribes after that cursor with jittered exponential backoff:
 * nothing is skipped or repeated. It gives up only when closed, or after
 * `maxReconnects` resubscriptions in a row received nothing (it then throws
 * the last error). Other errors (INVALID_ARGUMENT for a foreign cursor,
 * UNAUTHENTICATED) are thrown as PlenaryError.
 *
 * close(), or leaving a `for await` loop, cancels the stream.
 */
export declare class FeedSubscription<L extends number | bigint = number>
  implements AsyncIterableIterator<m.FeedEvent<L>> {
  /** Cursor of the last event received: pass it as after_cursor to resume. */
  readonly cursor: string | null;
  /** How many times the stream was reopened. */
  readonly reconnects: number;
  next(): Promise<IteratorResult<m.FeedEvent<L>, undefined>>;
  return(): Promise<IteratorResult<m.FeedEvent<L>, undefined>>;
  [Symbol.asyncIterator](): FeedSubscription<L>;
  /** Cancels the stream; iteration then ends. Safe to call more than once. */
  close(): void;
}

export interface ListResolutionsOptions extends CallOptions {
  /** Only resolutions adopted by this organ, e.g. "General Assembly". */
  body?: string;
  adopted?: m.DateRangeInit;
  /** Only resolutions citing this one (any form of its symbol). */
  references?: string;
  /** Only resolutions whose title or paragraphs contain these words. */
  text?: string;
  /** "symbol" (default) or "adopted", optionally followed by " desc". */
  order_by?: string;
  /**
   * Only resolutions whose vote names this Member State (an ISO 3166-1
   * alpha-3 code or a name the UN uses), in this position when one is
   * given: `{ member_state: 'USA', position: 'VOTE_POSITION_AGAINST' }`.
   * An unknown Member State is INVALID_ARGUMENT naming
   * member_state_vote.member_state.
   */
  member_state_vote?: m.MemberStateVoteFilterInit;
  /** Per page: default 50, at most 1000. */
  page_size?: number;
  page_token?: string;
}

export interface ListStatementsOptions extends CallOptions {
  speaker?: string;
  date?: m.DateRangeInit;
  references?: string;
  text?: string;
  /** "date" or "id", optionally followed by " desc"; default "date desc". */
  order_by?: string;
  page_size?: number;
  page_token?: string;
}

export interface SearchOptions extends CallOptions {
  kinds?: m.EntryKind[];
  body?: string;
  date?: m.DateRangeInit;
  speaker?: string;
  references?: string;
  /** Per page: default 20, at most 100. */
  page_size?: number;
  page_token?: string;
}

export interface IngestOptions extends CallOptions {
  /** "text/plain", "text/markdown", "text/html", "text/tab-separated-values"; sniffed when empty. */
  media_type?: string;
  source_uri?: string;
  /** Makes retries safe: the same id again answers duplicate: true. */
  request_id?: string;
  published_at?: Date | null;
}

export interface SubscribeOptions {
  /** Resume exactly after the event that carried this cursor. */
  after_cursor?: string;
  /** Replay the whole history first (ignored with after_cursor). */
  from_beginning?: boolean;
  kinds?: m.EntryKind[];
  bodies?: string[];
  references?: string[];
  query?: string;
  /**
   * Only resolutions whose vote names one of these Member States, in the
   * position given (any may match); at most 32. An unknown Member State is
   * INVALID_ARGUMENT naming member_state_votes[i].member_state.
   */
  member_state_votes?: m.MemberStateVoteFilterInit[];
  /** Give up after this many resubscriptions in a row that receive nothing; null (default): never. */
  maxReconnects?: number | null;
  metadata?: MetadataInit;
}

/** Client of plenary-registry (queries, feed) and plenary-ingest. */
export declare class PlenaryClient<I extends 'number' | 'bigint' = 'number'> {
  constructor(registryAddress: string, options?: PlenaryClientOptions<I>);
  /** Closes the connections; open subscriptions end with them. */
  close(): void;
  /** The resolution known by `symbol` in any of its forms ("64/222", its title), at `revision` (0: latest). */
  getResolution(symbol: string, revision?: number, options?: CallOptions): Promise<m.Resolution<Long<I>>>;
  /** The latest revision of each, in the order asked; NOT_FOUND if any is unknown. */
  getResolutions(symbols: string[], options?: CallOptions): Promise<m.Resolution<Long<I>>[]>;
  getStatement(id: string, revision?: number, options?: CallOptions): Promise<m.Statement<Long<I>>>;
  /** The first page, fetched now; iterate the pager for every resolution. */
  listResolutions(request?: ListResolutionsOptions, options?: CallOptions):
    Promise<Pager<m.ListResolutionsResponse<Long<I>>, m.Resolution<Long<I>>>>;
  listStatements(request?: ListStatementsOptions, options?: CallOptions):
    Promise<Pager<m.ListStatementsResponse<Long<I>>, m.Statement<Long<I>>>>;
  /** Ranked matches for `query` (web-search syntax): the first page, and iteration over all. */
  search(query: string, request?: SearchOptions, options?: CallOptions): Promise<SearchPager<Long<I>>>;
  /**
   * Stores a document and the records read out of it. Idempotent: the same
   * bytes or request_id again answer duplicate: true (so may a retried call).
   */
  ingest(content: Uint8Array | string, options?: IngestOptions): Promise<m.IngestDocumentResponse<Long<I>>>;
  /** Follows the feed, forever; the stream opens at the first next(). */
  subscribe(options?: SubscribeOptions): FeedSubscription<Long<I>>;
}
