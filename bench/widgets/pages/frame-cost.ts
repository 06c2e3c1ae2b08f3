/**
 * Page of bench/widgets/frame-cost.ts: the numbers page's grid of 1,000 <rt-animated-number>,
 * fed by hand. Each round is one animation frame in which `count` numbers get a new value, timed
 * from the frame's rAF callback to a message posted from it: the message runs after the frame's
 * style, layout, paint, layerize and commit, so they are all in the time.
 */
import '../../../widgets/index.ts';
import type { RtAnimatedNumber } from '../../../widgets/elements/animated-number/animated-number.component.ts';
import { Walk, grid } from './probe.ts';
import { NUMBERS } from './numbers.ts';

declare global {
  interface Window {
    /** Median frame ms per variant (CSS rules joined by `|`, '' for none), variants alternated round by round. */
    __frameCost(variants: string[], rounds: number, count: number): Promise<Record<string, number[]>>;
  }
}

const walk = new Walk(NUMBERS);
const root = grid(20, '60px');
const numbers: RtAnimatedNumber[] = [];
for (let i = 0; i < NUMBERS; i++) {
  const el = document.createElement('rt-animated-number');
  el.setAttribute('decimals', '2');
  el.duration = 0; // no tween: each frame costs exactly its `count` value changes
  root.append(el);
  el.value = walk.current(i);
  numbers.push(el);
}

const sheet = () => (customElements.get('rt-animated-number') as unknown as typeof RtAnimatedNumber).elementStyles[0] as unknown as { styleSheet: CSSStyleSheet };
let cursor = 0;
const channel = new MessageChannel();

function frame(count: number): Promise<number> {
  return new Promise((done) => requestAnimationFrame(() => {
    const start = performance.now();
    for (let j = 0; j < count; j++) {
      numbers[cursor].value = walk.next(cursor);
      cursor = (cursor + 1) % NUMBERS;
    }
    channel.port1.onmessage = () => done(performance.now() - start);
    channel.port2.postMessage(0);
  }));
}

window.__frameCost = async (variants, rounds, count) => {
  const styles = sheet().styleSheet;
  const own = styles.cssRules.length;
  const result: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const variant of variants) {
      while (styles.cssRules.length > own) styles.deleteRule(styles.cssRules.length - 1);
      for (const rule of variant ? variant.split('|') : []) styles.insertRule(rule, styles.cssRules.length);
      await frame(count); // the variant's own restyle is not measured
      const times: number[] = [];
      for (let k = 0; k < 5; k++) times.push(await frame(count));
      (result[variant] ??= []).push(times.sort((a, b) => a - b)[2]);
    }
  }
  return result;
};
