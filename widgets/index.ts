/**
 * rtdash widgets, the package entry (`import … from 'rtdash'`): importing this module defines
 * every element at once, and the named exports serve bundler users. The script-tag build,
 * `dist/rtdash.js`, is script-tag.ts: it defines each element when its tag first appears.
 */
import './elements/animated-number/animated-number.ts';
import './elements/connection-status/connection-status.ts';
import './elements/flashing-value/flashing-value.ts';
import './elements/sparkline/sparkline.ts';
import './elements/stat-card/stat-card.ts';
// The chart element is small; it loads Chart.js (a separate chunk) when a chart connects.
import './elements/price-chart/price-chart.ts';

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
export { SseTransport, createSseTransport } from './connection/sse-transport.ts';
export { browserNetwork, type NetworkStatus } from './connection/network-status.ts';
export { systemClock, type Clock } from './connection/clock.ts';
export { ChannelController, type ChannelTarget } from './shared/channel-controller.ts';
export { RtAnimatedNumber, ANIMATED_NUMBER_TAG, type Direction } from './elements/animated-number/animated-number.ts';
export {
  RtConnectionStatus, CONNECTION_STATUS_TAG, describeConnection, type ConnectionTone, type ConnectionView,
} from './elements/connection-status/connection-status.ts';
export {
  RtFlashingValue, FLASHING_VALUE_TAG, type FlashKind, type FlashDirection, type FlashingValueContent,
} from './elements/flashing-value/flashing-value.ts';
export { DEFAULT_STALE_AFTER_MS, type ChannelControllerOptions } from './shared/channel-controller.ts';
export { ConnectionController } from './shared/connection-controller.ts';
export { STALE_TEXT } from './shared/stale-mark.ts';
export type { NumberFormatStyle } from './shared/number-format.ts';
export { RtSparkline, SPARKLINE_TAG, sparklinePath } from './elements/sparkline/sparkline.ts';
export { PointRing, type XY } from './shared/point-ring.ts';
export { RtStatCard, STAT_CARD_TAG, formatChange, type ChangeDirection } from './elements/stat-card/stat-card.ts';
export { RtPriceChart, PRICE_CHART_TAG, DEFAULT_CHART_WINDOW } from './elements/price-chart/price-chart.ts';
