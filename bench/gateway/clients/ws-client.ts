/**
 * A client of the bare ws server and of the ceiling: `{"subscribe":[…]}` out, `{"channel","data"}`
 * in (scanned, see frame-scan.ts); the ceiling joins a turn's frames into one message, one per line.
 */
import WebSocket from 'ws';
import { withSubscribeTimeout, type BenchClient, type ConnectClient } from './bench-client.ts';
import { numberAfter } from './frame-scan.ts';

export const connectBareWs: ConnectClient = (url, recorder) => new Promise((resolve, reject) => {
  const socket = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
  let onSubscribed: (() => void) | undefined;
  socket.on('message', (data) => {
    for (const text of data.toString().split('\n')) {
      if (text.startsWith('{"channel"')) recorder.event(numberAfter(text, 'ts'), true);
      else if (text === '{"type":"subscribed"}') onSubscribed?.();
    }
  });
  socket.once('error', reject);
  socket.on('close', (code) => recorder.closed(code));
  socket.once('open', () => {
    const client: BenchClient = {
      subscribe(channels) {
        const answered = new Promise<void>((done) => { onSubscribed = done; });
        socket.send(JSON.stringify({ subscribe: channels }));
        return withSubscribeTimeout(answered, 'ws subscribe');
      },
      close: () => socket.close(),
    };
    resolve(client);
  });
});
