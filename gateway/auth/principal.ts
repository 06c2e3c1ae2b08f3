/**
 * Who is on the other end of a connection and which channels they may read. A principal is
 * fixed for the life of a connection: new rights come with a new token, hence a new connection.
 */
import { channelMatches } from '../../protocol/index.ts';

export interface PrincipalInit {
  subject?: string;
  /** Channel permission patterns: `*` one segment, a final `>` one or more. */
  patterns: readonly string[];
  /** When the credentials stop being valid, in ms since the epoch. */
  expiresAt?: number;
  anonymous?: boolean;
}

export class Principal {
  readonly subject: string | undefined;
  readonly patterns: readonly string[];
  readonly expiresAt: number | undefined;
  /**
   * Auth is on and the request carried no token. A refusal then means "sign in" (unauthorized)
   * rather than "not yours" (forbidden).
   */
  readonly anonymous: boolean;

  constructor(init: PrincipalInit) {
    this.subject = init.subject;
    this.patterns = Object.freeze([...new Set(init.patterns)]);
    this.expiresAt = init.expiresAt;
    this.anonymous = init.anonymous ?? false;
  }

  /** The principal of every request while auth is off. */
  static everyone(): Principal {
    return new Principal({ patterns: ['>'] });
  }

  /** Someone without a token while auth is on: public channels only. */
  static anonymous(publicChannels: readonly string[]): Principal {
    return new Principal({ patterns: publicChannels, anonymous: true });
  }

  canSubscribe(channel: string): boolean {
    return this.patterns.some((pattern) => channelMatches(pattern, channel));
  }

  /** Subscribe frames can race the expiry timer; this closes that gap. */
  isExpired(now = Date.now()): boolean {
    return this.expiresAt !== undefined && now >= this.expiresAt;
  }
}
