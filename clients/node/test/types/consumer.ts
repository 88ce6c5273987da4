// Compiled by tsc (never run): the declarations accept what a user writes and
// reject the usual mistakes (each @ts-expect-error must meet an error).
import {
  PlenaryClient, PlenaryError, status, type FeedEvent, type MemberStateVoteFilterInit, type Resolution,
} from '@plenary-un/client';

export async function uses(): Promise<void> {
  const client = new PlenaryClient('127.0.0.1:50051', { readerToken: 'r', timeoutMs: 500, metadata: { 'x-team': 'etl' } });
  const resolution: Resolution = await client.getResolution('64/222', 0, { timeoutMs: 2000 });
  const symbol: string = resolution.symbol;
  const documentId: number = resolution.source!.document_id;
  const ingestedAt: Date | null = resolution.source!.ingested_at;

  const exact = new PlenaryClient('127.0.0.1:50051', { int64: 'bigint' });
  const bigId: bigint = (await exact.getResolution('64/222')).source!.document_id;
  // @ts-expect-error int64: 'bigint' gives bigints, not numbers
  const notNumber: number = (await exact.getResolution('64/222')).source!.document_id;

  const pager = await client.search('water', { page_size: 3, kinds: ['ENTRY_KIND_STATEMENT'] });
  const total: number = pager.total_size;
  for await (const result of pager) {
    const kind: 'resolution' | 'statement' | undefined = result.entry?.kind;
  }
  // @ts-expect-error no option pagesize
  await client.search('water', { pagesize: 3 });
  // @ts-expect-error page_size is a number
  await client.search('water', { page_size: '3' });
  // @ts-expect-error not an EntryKind
  client.subscribe({ kinds: ['STATEMENT'] });

  for await (const resolutionOfPage of await client.listResolutions({ text: 'water', order_by: 'adopted desc' })) {
    resolutionOfPage.paragraphs.map((paragraph) => paragraph.text);
  }
  const against: MemberStateVoteFilterInit = { member_state: 'USA', position: 'VOTE_POSITION_AGAINST' };
  await client.listResolutions({ member_state_vote: against, order_by: 'adopted desc' });
  client.subscribe({ member_state_votes: [against, { member_state: 'Israel' }], query: 'water' });
  // @ts-expect-error a position is a VotePosition name
  await client.listResolutions({ member_state_vote: { member_state: 'USA', position: 'against' } });
  // @ts-expect-error member_state_votes is a list of filters
  client.subscribe({ member_state_votes: ['USA'] });

  const feed = client.subscribe({ from_beginning: true, maxReconnects: null });
  for await (const event of feed) {
    const typed: FeedEvent = event;
    const committed: Date | null = event.committed_at;
    const cursor: string | null = feed.cursor;
    if (event.type === 'FEED_EVENT_TYPE_CREATED') break;
  }

  try {
    await client.getStatement('st-1');
  } catch (error) {
    if (error instanceof PlenaryError && error.code === status.NOT_FOUND) {
      const details: string = error.details;
    }
  }
  const publisher = new PlenaryClient('127.0.0.1:50051', { ingestAddress: '127.0.0.1:50052', publisherToken: 'p' });
  const stored = await publisher.ingest('text', { request_id: 'r-1', published_at: new Date() });
  const duplicate: boolean = stored.duplicate;
  // @ts-expect-error content is bytes or text
  await publisher.ingest(42);
}
