/**
 * The official socket.io-client 4 (`--socketio-client=official`): WebSocket transport only
 * (the long-polling handshake and upgrade would only add noise), one Manager per client
 * (`forceNew`), no reconnection.
 */
import { io } from 'socket.io-client';
import { withSubscribeTimeout, type BenchClient, type ConnectClient } from './bench-client.ts';

export const connectSocketIo: ConnectClient = (url, recorder) => new Promise((resolve, reject) => {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000 });
  socket.on('event', (data: { ts: number }) => recorder.event(data.ts, true));
  socket.once('connect_error', reject);
  socket.on('disconnect', (reason) => { if (reason !== 'io client disconnect') recorder.closed(0); });
  socket.once('connect', () => {
    const client: BenchClient = {
      subscribe: (channels) => withSubscribeTimeout(new Promise<void>((done) => socket.emit('subscribe', channels, () => done())), 'socket.io subscribe'),
      close: () => socket.close(),
    };
    resolve(client);
  });
});
