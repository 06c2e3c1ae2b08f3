import { expect } from '@open-wc/testing';
import type { TransportClose } from './transport.ts';
import { WebSocketTransport } from './websocket-transport.ts';
import { describe, it } from '../test-support/mocha.ts';

/** Just enough of WebSocket to drive the transport from a test. */
class ScriptedSocket {
  static last: ScriptedSocket | undefined;
  readyState: number = WebSocket.CONNECTING;
  binaryType = 'blob';
  bufferedAmount = 0;
  sent: string[] = [];
  closedWith: [number | undefined, string | undefined] | undefined;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;

  constructor(readonly url: string) {
    ScriptedSocket.last = this;
  }

  send(text: string): void { this.sent.push(text); }
  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
    this.readyState = WebSocket.CLOSING;
  }
}

function make() {
  const transport = new WebSocketTransport(ScriptedSocket as unknown as typeof WebSocket);
  const log: string[] = [];
  const closes: TransportClose[] = [];
  transport.onOpen = () => log.push('open');
  transport.onMessage = (text) => log.push(text);
  transport.onClose = (info) => closes.push(info);
  transport.connect('ws://gateway.test/ws');
  return { transport, socket: ScriptedSocket.last!, log, closes };
}

describe('WebSocketTransport', () => {
  it('opens, passes text and UTF-8 binary frames, and sends only while open', () => {
    const { transport, socket, log } = make();
    expect(socket.url).to.equal('ws://gateway.test/ws?frames=lines');
    expect(socket.binaryType).to.equal('arraybuffer');
    expect(transport.send('early')).to.equal(false);
    socket.readyState = WebSocket.OPEN;
    socket.onopen?.();
    socket.onmessage?.({ data: '{"type":"pong"}' });
    socket.onmessage?.({ data: new TextEncoder().encode('{"price":"€"}').buffer });
    expect(transport.send('hello')).to.equal(true);
    expect(log).to.deep.equal(['open', '{"type":"pong"}', '{"price":"€"}']);
    expect(socket.sent).to.deep.equal(['hello']);
  });

  it('asks for joined frames and passes each line of a message as a frame, in order', () => {
    const transport = new WebSocketTransport(ScriptedSocket as unknown as typeof WebSocket);
    const log: string[] = [];
    transport.onMessage = (text) => log.push(text);
    transport.connect('ws://gateway.test/ws?token=t');
    const socket = ScriptedSocket.last!;
    expect(new URL(socket.url).searchParams.get('token')).to.equal('t');
    expect(new URL(socket.url).searchParams.get('frames')).to.equal('lines');
    socket.onmessage?.({ data: '{"type":"pong","ts":1}\n{"type":"pong","ts":2}\n{"type":"pong","ts":3}' });
    socket.onmessage?.({ data: new TextEncoder().encode('{"a":"€"}\n{"b":2}').buffer });
    expect(log).to.deep.equal(['{"type":"pong","ts":1}', '{"type":"pong","ts":2}', '{"type":"pong","ts":3}', '{"a":"€"}', '{"b":2}']);
  });

  it('reports a close it did not ask for, once', () => {
    const { socket, closes } = make();
    socket.onclose?.({ code: 1012, reason: 'restart', wasClean: true });
    expect(closes).to.deep.equal([{ code: 1012, reason: 'restart', wasClean: true }]);
    expect(socket.onclose).to.equal(null);
  });

  it('close() ends the socket silently and is safe to repeat', () => {
    const { transport, socket, closes, log } = make();
    socket.readyState = WebSocket.OPEN;
    transport.close(4005, 'heartbeat timeout');
    transport.close();
    expect(socket.closedWith).to.deep.equal([4005, 'heartbeat timeout']);
    expect(socket.onmessage).to.equal(null);
    expect(closes).to.have.length(0);
    expect(log).to.have.length(0);
  });

  it('refuses to be reused for a second attempt', () => {
    const { transport } = make();
    expect(() => transport.connect('ws://gateway.test/ws')).to.throw(Error);
  });
});
