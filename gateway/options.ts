/**
 * Every gateway limit and interval, with its default. Each one is a documented setting
 * (README, "Gateway settings"); nothing in the gateway is unbounded.
 */
import { DEFAULT_LIMITS } from '../protocol/index.ts';

export interface GatewaySettings {
  /** Largest client frame answered with an error frame; larger ones are refused. */
  maxClientFrameBytes: number;
  /** Frames above this close the socket with 1009 before they are even buffered. */
  maxSocketPayloadBytes: number;
  maxChannelsPerFrame: number;
  maxSubscriptionsPerConnection: number;
  maxConnections: number;
  /** Client frames per second per connection (token bucket), with `clientMessageBurst` of slack. */
  clientMessagesPerSecond: number;
  clientMessageBurst: number;
  /** Bad or over-rate frames tolerated before the connection is closed as abusive. */
  maxBadFrames: number;
  /** Bytes queued for a client beyond which its events are held back (conflated) until it drains. */
  maxBufferedBytes: number;
  /** How long a client may stay over `maxBufferedBytes` before it is closed as a slow consumer (4001). */
  slowConsumerGraceMs: number;
  /** On shutdown, how long to wait for clients' queued frames to flush before the sockets are cut. */
  drainTimeoutMs: number;
  /** Application heartbeat and protocol ping period; a missed pong closes the socket. */
  heartbeatIntervalMs: number;
  /** Most events replayed on resume before answering with a reset instead. */
  maxReplayEvents: number;
  /** Events per log read while replaying. */
  replayPageSize: number;
  /** Largest batch frame sent to a client (longer catch-ups are split), and largest message of joined frames. */
  maxBatchFrameBytes: number;
  /** Largest `limit` accepted by the history endpoint. */
  maxHistoryLimit: number;
  /** How long a bus subscription outlives its last local subscriber, to avoid churn. */
  busLingerMs: number;
  /**
   * How long a notice's preview waits for its full event. When the log delivers within it (the
   * usual case on a healthy broker) clients get one frame per event instead of two; when the log
   * lags, the preview still paints after at most this long. A hold whose timer the event loop
   * runs more than another `previewHoldMs` late sheds its preview: the loop is behind, and the
   * preview would come no earlier than its full event. 0 sends every preview at once.
   */
  previewHoldMs: number;
  /**
   * Event-loop utilisation (0–1) above which notices paint no previews: under load a preview
   * comes no earlier than its full event and doubles the frames. 1 never sheds them.
   */
  previewShedUtilization: number;
  /** Channels whose latest event is cached for snapshots. */
  maxCachedChannels: number;
  /** Allowed Origin values for /ws; empty means every origin (development). */
  allowedOrigins: string[];
}

export const DEFAULT_GATEWAY_SETTINGS: GatewaySettings = {
  maxClientFrameBytes: DEFAULT_LIMITS.maxClientFrameBytes,
  maxSocketPayloadBytes: 1024 * 1024,
  maxChannelsPerFrame: DEFAULT_LIMITS.maxChannelsPerFrame,
  maxSubscriptionsPerConnection: 200,
  maxConnections: 10_000,
  clientMessagesPerSecond: 50,
  clientMessageBurst: 100,
  maxBadFrames: 20,
  maxBufferedBytes: 1024 * 1024,
  slowConsumerGraceMs: 5_000,
  drainTimeoutMs: 5_000,
  heartbeatIntervalMs: 15_000,
  maxReplayEvents: 10_000,
  replayPageSize: 1_000,
  maxBatchFrameBytes: 512 * 1024,
  maxHistoryLimit: 1_000,
  busLingerMs: 2_000,
  previewHoldMs: 5,
  previewShedUtilization: 0.7,
  maxCachedChannels: 10_000,
  allowedOrigins: [],
};
