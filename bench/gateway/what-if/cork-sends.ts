/**
 * A what-if, not rtdash code: preloaded (node --import) into a gateway process by
 * `--what-if=cork`, it makes every ws send of one event-loop turn to the same socket leave in
 * one writev, by corking the socket at its first send and uncorking all of them on
 * setImmediate. The profiles show one system call per frame is most of a delivery's cost; this
 * measures what sharing them would buy before anyone changes the gateway.
 */
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';

const corked = new Set<Socket>();
const send = WebSocket.prototype.send;

function uncorkAll(): void {
  for (const socket of corked) socket.uncork();
  corked.clear();
}

WebSocket.prototype.send = function sendCorked(this: WebSocket & { _socket?: Socket }, ...args: Parameters<WebSocket['send']>) {
  const socket = this._socket;
  if (socket && !corked.has(socket)) {
    if (corked.size === 0) setImmediate(uncorkAll);
    socket.cork();
    corked.add(socket);
  }
  return send.apply(this, args);
} as WebSocket['send'];
