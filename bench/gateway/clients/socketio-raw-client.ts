/**
 * A Socket.IO client that speaks the wire protocol itself (Engine.IO 4 over WebSocket only,
 * Socket.IO 5 packets) and scans event packets like the other bench clients do. The official
 * socket.io-client decodes every packet through two parsers and an emitter, which on this
 * shared 2-core machine would take CPU from the Socket.IO server it measures, and more than
 * the other clients take from theirs. `--socketio-client=official` uses socket.io-client.
 *
 *   server: 0{"sid",…}  (open)          client: 40           (connect to "/")
 *   server: 40{"sid"}   (connected)     client: 421["subscribe",[…]]  (event with ack id 1)
 *   server: 431[]       (ack 1)         server: 42["event",{…}]        (event)
 *   server: 2           (ping)          client: 3            (pong)
 */
import WebSocket from 'ws';
import { withSubscribeTimeout, type BenchClient, type ConnectClient } from './bench-client.ts';
import { numberAfter } from './frame-scan.ts';

export const connectSocketIoRaw: ConnectClient = (url, recorder) => new Promise((resolve, reject) => {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false, skipUTF8Validation: true });
  let onAck: (() => void) | undefined;
  let connected = false;
  const client: BenchClient = {
    subscribe(channels) {
      const answered = new Promise<void>((done) => { onAck = done; });
      socket.send(`421${JSON.stringify(['subscribe', channels])}`);
      return withSubscribeTimeout(answered, 'socket.io subscribe');
    },
    close: () => socket.close(),
  };
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('42["event"')) recorder.event(numberAfter(text, 'ts'), true);
    else if (text === '2') socket.send('3');
    else if (text.startsWith('0{')) socket.send('40');
    else if (text.startsWith('40') && !connected) {
      connected = true;
      resolve(client);
    } else if (text.startsWith('431')) onAck?.();
    else if (text.startsWith('44')) reject(new Error(`socket.io refused the connection: ${text}`));
  });
  socket.once('error', reject);
  socket.on('close', (code) => recorder.closed(code));
});
