/**
 * useWebSocket({ url, channels, onMessage, … }) — the gateway's protocol itself, over the
 * page's shared connection (or one of its own with `share: false`).
 *
 *   const { status, isConnected, send, lastMessage } = useWebSocket({
 *     channels: ['prices.AAPL'],
 *     onMessage: (frame) => { if (frame.type === 'event') console.log(frame.data); },
 *     reconnectAttempts: 10,
 *   });
 *
 * onMessage hears every frame from the gateway as it arrives (all of them: the socket is
 * shared; `filter` narrows what lastMessage keeps). lastMessage re-renders at most once per
 * animation frame. send() takes protocol frames: subscribe / unsubscribe / resume change what
 * this hook holds (the manager keeps the wire in step), ping goes out as it is.
 */
import { useMemo, useRef, useSyncExternalStore } from 'react';
import type { ClientFrame, ServerFrame } from '../../protocol/index.ts';
import type { ConnectionManager } from '../connection/connection-manager.ts';
import type { ConnectionStateName } from '../connection/connection-state.ts';
import { checkLinkOptions, type LinkOptions } from './link-options.ts';
import { LinkStore, type LinkReading } from './link-store.ts';
import { useHeldChannels } from './use-held-channels.ts';

export interface UseWebSocketOptions extends LinkOptions {
  /** Every valid frame from the gateway, as it arrives. */
  onMessage?: (frame: ServerFrame) => void;
  /** Which frames lastMessage keeps (all but heartbeats and pongs). */
  filter?: (frame: ServerFrame) => boolean;
}

export interface WebSocketResult {
  status: ConnectionStateName;
  isConnected: boolean;
  send: (frame: ClientFrame) => boolean;
  lastMessage: ServerFrame | undefined;
  /** The manager underneath (undefined during server rendering). */
  manager: ConnectionManager | undefined;
}

const SERVER_READING: LinkReading<never> = { status: 'idle', lastMessage: undefined };
const notHousekeeping = (frame: ServerFrame) => frame.type !== 'heartbeat' && frame.type !== 'pong';

export function useWebSocket(options: UseWebSocketOptions = {}): WebSocketResult {
  checkLinkOptions(options);
  const latest = useRef(options);
  latest.current = options;
  const share = options.share ?? true;
  const store = useMemo(() => new LinkStore<ServerFrame>('websocket', options.url, share, () => ({
    options: latest.current,
    onFrame: (frame) => {
      latest.current.onMessage?.(frame);
      return (latest.current.filter ?? notHousekeeping)(frame) ? frame : undefined;
    },
  })), [options.url, share]);
  const reading = useSyncExternalStore(store.subscribe, store.getSnapshot, () => SERVER_READING);
  useHeldChannels(store, options.channels);
  return useMemo(() => ({
    status: reading.status,
    isConnected: reading.status === 'open',
    send: (frame: ClientFrame) => store.send(frame),
    lastMessage: reading.lastMessage,
    manager: store.manager,
  }), [reading, store]);
}
