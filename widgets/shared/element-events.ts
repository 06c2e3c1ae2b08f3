/**
 * The events rtdash elements dispatch, so a page (or a React `onValue` prop) hears what an
 * element shows without subscribing to the channel itself. They bubble and cross shadow roots.
 *   rt-value         CustomEvent<ValueEventDetail>  a data element took a value from its channel
 *   rt-stale-change  CustomEvent<{ stale: boolean }> what it shows became stale, or fresh again
 *   rt-state-change  CustomEvent<ConnectionState>  <rt-connection-status>: the connection moved
 */
import type { EventId, Json } from '../../protocol/index.ts';
import type { ChannelChange, ChannelValue } from '../connection/channel-state.ts';
import type { ConnectionState } from '../connection/connection-state.ts';

export const VALUE_EVENT = 'rt-value';
export const STALE_CHANGE_EVENT = 'rt-stale-change';
export const STATE_CHANGE_EVENT = 'rt-state-change';

export interface ValueEventDetail {
  channel: string;
  data: Json | undefined;
  id: EventId | undefined;
  ts: number | undefined;
  partial: boolean;
  change: ChannelChange;
}

export type ValueEvent = CustomEvent<ValueEventDetail>;
export type StaleChangeEvent = CustomEvent<{ stale: boolean }>;
export type StateChangeElementEvent = CustomEvent<ConnectionState>;

const options = { bubbles: true, composed: true } as const;

export function dispatchValue(host: EventTarget, value: ChannelValue, change: ChannelChange): void {
  const { channel, data, id, ts, partial } = value;
  host.dispatchEvent(new CustomEvent<ValueEventDetail>(VALUE_EVENT, { ...options, detail: { channel, data, id, ts, partial, change } }));
}

export function dispatchStaleChange(host: EventTarget, stale: boolean): void {
  host.dispatchEvent(new CustomEvent(STALE_CHANGE_EVENT, { ...options, detail: { stale } }));
}

export function dispatchStateChange(host: EventTarget, state: ConnectionState): void {
  host.dispatchEvent(new CustomEvent<ConnectionState>(STATE_CHANGE_EVENT, { ...options, detail: state }));
}

declare global {
  interface HTMLElementEventMap {
    'rt-value': ValueEvent;
    'rt-stale-change': StaleChangeEvent;
    'rt-state-change': StateChangeElementEvent;
  }
}
