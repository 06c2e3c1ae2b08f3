/**
 * Default limits shared by every side. Each is overridable where it is enforced (gateway,
 * publisher, client options); these are the values documented in the README.
 */
export const DEFAULT_LIMITS = {
  /** Largest client frame the gateway accepts, in bytes. */
  maxClientFrameBytes: 16 * 1024,
  /** Largest server frame a client accepts, in bytes (a replay batch can be large). */
  maxServerFrameBytes: 4 * 1024 * 1024,
  /** Largest event payload (`data` as JSON), in bytes. */
  maxPayloadBytes: 64 * 1024,
  /** Largest hint carried by a Redis notice, in bytes; a larger hint is left out. */
  maxHintBytes: 512,
  /** Most channels named in one subscribe or unsubscribe frame. */
  maxChannelsPerFrame: 100,
  /** Longest channel name, in characters. */
  maxChannelLength: 128,
} as const;

export type Limits = typeof DEFAULT_LIMITS;
