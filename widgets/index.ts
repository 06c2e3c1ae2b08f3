/**
 * rtdash widgets: the package entry and the script-tag build (`dist/rtdash.js`).
 * Importing this module defines every element, so
 *   <script type="module" src="/dist/rtdash.js"></script>
 * is all a page needs; the named exports serve bundler users and page scripts.
 */
import './elements/animated-number/animated-number.ts';

export { ConnectionManager, type BadFrameDetail, type ConnectionManagerOptions } from './connection/connection-manager.ts';
export { getManager, registerManager, closeAllManagers } from './connection/manager-registry.ts';
export { configure, getConfig, type RtdashConfig } from './connection/config.ts';
export { resolveGatewayUrl, toWebSocketUrl, GATEWAY_META_NAME } from './connection/gateway-url.ts';
export {
  ConnectionStateMachine, IllegalTransitionError, TRANSITIONS, CONNECTION_STATES,
  type ConnectionState, type ConnectionStateName, type StateChange, type StateChangeEvent, type DisconnectInfo,
} from './connection/connection-state.ts';
export {
  ChannelState, DEFAULT_HISTORY_SIZE,
  type ChannelValue, type ChannelChange, type ChannelListener, type ChannelPoint, type ApplyResult,
} from './connection/channel-state.ts';
export { Backoff, fullJitterDelay, backoffCap, DEFAULT_BACKOFF, type BackoffOptions } from './connection/backoff.ts';
export { CircuitBreaker, DEFAULT_BREAKER, type BreakerState, type CircuitBreakerOptions } from './connection/circuit-breaker.ts';
export type { Transport, TransportClose, TransportFactory } from './connection/transport.ts';
export { WebSocketTransport, createWebSocketTransport } from './connection/websocket-transport.ts';
export { browserNetwork, type NetworkStatus } from './connection/network-status.ts';
export { systemClock, type Clock } from './connection/clock.ts';
export { ChannelController, type ChannelTarget } from './shared/channel-controller.ts';
export { RtAnimatedNumber, ANIMATED_NUMBER_TAG, type Direction } from './elements/animated-number/animated-number.ts';
export type { NumberFormatStyle } from './shared/number-format.ts';
