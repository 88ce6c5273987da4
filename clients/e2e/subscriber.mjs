// A feed subscriber for restart_test.py, on the Node client; the same
// protocol as subscriber.py:
//   node subscriber.mjs ADDRESS MARKER COUNT TIMEOUT_SECONDS
// prints "EVENT <cursor> <symbol>" per event, then "DONE <reconnects>" once
// COUNT resolutions whose title holds MARKER came. Exit 1: timeout; 2: error.
import { PlenaryClient } from '../node/plenary_client.js';

const [address, marker, countText, timeoutText] = process.argv.slice(2);
const count = Number(countText);
const client = new PlenaryClient(address);
const feed = client.subscribe({ from_beginning: true });
const watchdog = setTimeout(() => feed.close(), Number(timeoutText) * 1000);
let seen = 0;
let code = 1;
console.log('READY');
try {
  for await (const event of feed) {
    const resolution = event.entry?.resolution;
    console.log('EVENT', event.cursor, resolution?.symbol || '-');
    if (resolution?.title.includes(marker) && ++seen === count) {
      console.log('DONE', feed.reconnects);
      code = 0;
      break;
    }
  }
  if (code !== 0) console.log('TIMEOUT', seen);
} catch (error) {
  console.log('ERROR', error.message);
  code = 2;
} finally {
  clearTimeout(watchdog);
  client.close();
}
process.exitCode = code;
