/**
 * Hint projections: the small piece of an event that rides on its Redis notice for the first
 * paint (a price, a cpu value). The publisher's configuration names one per channel pattern;
 * a hint given with the event itself wins. A projection is best effort: when it throws or
 * returns something JSON cannot carry, the event is published without a hint and the failure
 * is reported, because the full event matters more than its preview.
 */
import { channelMatches, jsonSize, type Json } from '../protocol/index.ts';

export type HintProjection = (data: Json, channel: string) => Json | undefined;

/** Channel pattern → projection. `*` matches one segment, a trailing `>` the rest: `prices.*`, `metrics.>`. */
export type HintRules = Record<string, HintProjection>;

export type HintResult = { hint: Json | undefined; bytes: number } | { error: Error; pattern: string };

const PATTERN_SEGMENT = /^([A-Za-z0-9_-]+|\*)$/;
// Resolved rules are remembered per channel; channels are open-ended, so the memory is capped.
const CACHE_LIMIT = 10_000;

export class HintProjector {
  private readonly exact = new Map<string, HintProjection>();
  private readonly patterns: Array<[string, HintProjection]> = [];
  private readonly resolved = new Map<string, [string, HintProjection] | null>();

  constructor(rules: HintRules = {}) {
    for (const [pattern, projection] of Object.entries(rules)) {
      checkPattern(pattern);
      if (typeof projection !== 'function') throw new TypeError(`hints["${pattern}"] must be a function (data, channel) => hint`);
      if (pattern.includes('*') || pattern.endsWith('>')) this.patterns.push([pattern, projection]);
      else this.exact.set(pattern, projection);
    }
  }

  get empty(): boolean {
    return this.exact.size === 0 && this.patterns.length === 0;
  }

  /** The hint for an event without one of its own: undefined when no rule matches. */
  project(channel: string, data: Json): HintResult {
    const rule = this.ruleFor(channel);
    if (!rule) return { hint: undefined, bytes: 0 };
    const [pattern, projection] = rule;
    let hint: Json | undefined;
    try {
      hint = projection(data, channel);
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)), pattern };
    }
    if (hint === undefined) return { hint, bytes: 0 };
    const size = jsonSize(hint, 'hint');
    if (!size.ok) return { error: new Error(size.problem.message), pattern };
    return { hint, bytes: size.value };
  }

  /** An exact channel name first, then the patterns in the order they were given. */
  private ruleFor(channel: string): [string, HintProjection] | undefined {
    const exact = this.exact.get(channel);
    if (exact) return [channel, exact];
    if (this.patterns.length === 0) return undefined;
    let rule = this.resolved.get(channel);
    if (rule === undefined) {
      rule = this.patterns.find(([pattern]) => channelMatches(pattern, channel)) ?? null;
      if (this.resolved.size >= CACHE_LIMIT) this.resolved.clear();
      this.resolved.set(channel, rule);
    }
    return rule ?? undefined;
  }
}

function checkPattern(pattern: string): void {
  const segments = pattern.split('.');
  const ok = segments.every((segment, i) => PATTERN_SEGMENT.test(segment) || (segment === '>' && i === segments.length - 1));
  if (!ok) {
    throw new TypeError(`hints key "${pattern}" is not a channel pattern: dot-separated names, "*" for one segment, a trailing ">" for the rest`);
  }
}
