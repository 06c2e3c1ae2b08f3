/**
 * rtdash/react: React components for every element and hooks over the same connection
 * manager, so elements and hooks on one page share one socket and one wire subscription per
 * channel. Importing this module on a server (no window, no document) is safe: nothing here
 * touches the DOM until React subscribes in the browser.
 */
export { RtAnimatedNumber, RtConnectionStatus, RtFlashingValue, RtPriceChart, RtSparkline, RtStatCard } from './wrappers.ts';
export { useChannel, type UseChannelOptions } from './use-channel.ts';
export type { ChannelReading, ChannelSelection } from './channel-store.ts';
export { useRealtimeData, type RealtimeKey, type RealtimeResult } from './use-realtime-data.ts';
export { DEFAULT_MAX_BUFFERED_EVENTS, type LiveEvent, type RealtimeOptions, type RealtimeState } from './realtime-store.ts';
export { useConnectionStatus, type ConnectionStatus } from './use-connection-status.ts';
export { useWebSocket, type UseWebSocketOptions, type WebSocketResult } from './use-websocket.ts';
export { useSSE, type UseSSEOptions, type SSEResult, type SseMessage } from './use-sse.ts';
export type { LinkOptions } from './link-options.ts';
export { PRIVATE_CLOSE_DELAY_MS } from './link-store.ts';
export {
  VALUE_EVENT, STALE_CHANGE_EVENT, STATE_CHANGE_EVENT,
  type ValueEvent, type ValueEventDetail, type StaleChangeEvent, type StateChangeElementEvent,
} from '../shared/element-events.ts';
export { getManager, closeAllManagers } from '../connection/manager-registry.ts';
export { configure } from '../connection/config.ts';
