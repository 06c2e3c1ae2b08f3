/** The servers under test: which process serves, who publishes, and which client speaks to it. */
import type { ClientKind } from './clients/bench-client.ts';
import type { TargetName } from './config.ts';
import type { PublisherKind } from './publishers/publisher-process.ts';

export interface TargetSpec {
  name: TargetName;
  label: string;
  serverEntry: string;
  serverArgs: Record<string, unknown>;
  /** A separate publisher process of this kind, or the server process itself (embedded). */
  publisher: { kind: PublisherKind; hints: boolean } | 'in-server';
  client: ClientKind;
  /** Needs the Kafka broker. */
  kafka: boolean;
}

export const TARGETS: Record<TargetName, TargetSpec> = {
  rtdash: {
    name: 'rtdash', label: 'rtdash (Kafka+Redis)',
    serverEntry: './servers/rtdash-server.ts', serverArgs: { mode: 'kafka' },
    publisher: { kind: 'rtdash-kafka', hints: true }, client: 'rtdash', kafka: true,
  },
  'rtdash-nohint': {
    name: 'rtdash-nohint', label: 'rtdash, no hints',
    serverEntry: './servers/rtdash-server.ts', serverArgs: { mode: 'kafka' },
    publisher: { kind: 'rtdash-kafka', hints: false }, client: 'rtdash', kafka: true,
  },
  'rtdash-embedded': {
    name: 'rtdash-embedded', label: 'rtdash (embedded)',
    serverEntry: './servers/rtdash-server.ts', serverArgs: { mode: 'embedded' },
    publisher: 'in-server', client: 'rtdash', kafka: false,
  },
  socketio: {
    name: 'socketio', label: 'Socket.IO 4 + Redis',
    serverEntry: './servers/socketio-server.ts', serverArgs: {},
    publisher: { kind: 'socketio', hints: false }, client: 'socketio', kafka: false,
  },
  ws: {
    name: 'ws', label: 'bare ws (Redis)',
    serverEntry: './servers/ws-server.ts', serverArgs: {},
    publisher: { kind: 'redis', hints: false }, client: 'ws', kafka: false,
  },
  // Not a contender: the most these clients can take here from a server that does next to nothing.
  ceiling: {
    name: 'ceiling', label: 'ceiling (no routing)',
    serverEntry: './servers/ceiling-server.ts', serverArgs: {},
    publisher: 'in-server', client: 'ws', kafka: false,
  },
};
