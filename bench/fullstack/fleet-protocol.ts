/** The IPC messages between client-fleet.ts (the harness) and client-process.ts (a child holding clients). */
import type { ConnectionManagerOptions } from '../../widgets/connection/connection-manager.ts';
import type { ChannelAcks } from './sequenced-publisher.ts';

export type FleetRequest = { id: number } & (
  | { type: 'start'; url: string; channelSets: string[][]; options: ConnectionManagerOptions; rampMs: number }
  | { type: 'status' }
  | { type: 'report'; acks: ChannelAcks[]; upTo?: Record<string, number> }
  | { type: 'close' }
);

/** One client's verdict over all its channels. */
export interface ClientReport {
  lost: number;
  duplicates: number;
  outOfOrder: number;
  received: number;
  lostSample: string[];
  /** Date.now() of each transition to open / away from open. */
  opens: number[];
  losses: number[];
  /** When it had every acknowledged event up to the asked numbers and the next one; undefined if it has not (yet). */
  completeAt: number | undefined;
  open: boolean;
}

export interface FleetStatus {
  open: number;
  total: number;
  /** Per channel, the highest number the slowest client of this process received. */
  progress: Record<string, number>;
}
