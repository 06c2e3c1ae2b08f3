/** A client of the bare ws server: `{"subscribe":[…]}` out, `{"channel","data"}` in (scanned, see frame-scan.ts). */
import WebSocket from 'ws';
import { withSubscribeTimeout, type BenchClient, type ConnectClient } from './bench-client.ts';
import { numberAfter } from './frame-scan.ts';

export const connectBareWs: ConnectClient = (url, recorder) => new Promise((resolve, reject) => {
  const socket = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
  let onSubscribed: (() => void) | undefined;
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{"channel"')) recorder.event(numberAfter(text, 'ts'), true);
    else if (text === '{"type":"subscribed"}') onSubscribed?.();
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
