/** <rt-animated-number> from the page's rtdash build (dist/rtdash.js, or the dev bundle). */
import { runNumbers } from './numbers.ts';
import { rtdashElement } from './rtdash-element.ts';

runNumbers(() => {
  const el = document.createElement('rt-animated-number') as HTMLElement & { value: number | null; decimals?: number };
  el.setAttribute('decimals', '2');
  return { el, set: (v) => { el.value = v; } };
}, rtdashElement('rt-animated-number'));
