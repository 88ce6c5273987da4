// Prints every record of the feed from the beginning, then each new one as it
// comes; survives server restarts by resuming from its cursor.
//   PLENARY_REGISTRY=127.0.0.1:50051 [PLENARY_READER_TOKEN=...] node examples/subscribe.mjs
import { PlenaryClient } from '../plenary_client.js';

const client = new PlenaryClient(process.env.PLENARY_REGISTRY ?? '127.0.0.1:50051',
  { readerToken: process.env.PLENARY_READER_TOKEN });
for await (const event of client.subscribe({ from_beginning: true })) {
  const { resolution, statement } = event.entry;
  console.log(event.type, resolution?.symbol ?? statement.headline, '| resume after', event.cursor);
}
