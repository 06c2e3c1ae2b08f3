/**
 * Sends to one socket within one event-loop turn leave in one system call. Profiles of the
 * gateway bench showed the write system call per frame per client to be most of the cost of a
 * delivery (bench/gateway, docs/PERFORMANCE.md); corking a socket at its first send of a turn
 * and uncorking every corked socket once, on setImmediate, lets the kernel take them together.
 * The delay is one loop turn, well under a millisecond.
 */
import type { Socket } from 'node:net';

export class SendBatcher {
  private readonly corked = new Set<Socket>();
  private scheduled = false;

  /** Call before writing to `socket`. */
  hold(socket: Socket | undefined): void {
    if (!socket || this.corked.has(socket)) return;
    socket.cork();
    this.corked.add(socket);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.release());
    }
  }

  private release(): void {
    this.scheduled = false;
    for (const socket of this.corked) socket.uncork();
    this.corked.clear();
  }
}
