/**
 * The script-tag build, `dist/rtdash.js`:
 *   <script type="module" src="https://gateway/dist/rtdash.js"></script>
 * is all a page needs. This file is small on purpose: page settings, and a loader per element
 * that fetches the element's code (chunks/ next to rtdash.js, so from wherever rtdash.js was
 * served) the first time its tag appears in the page. Lit and the connection come with the first
 * element; Chart.js only with a chart that connects. Bundler users import `rtdash` (index.ts),
 * which defines every element at once.
 */
import { defineOnFirstUse } from './shared/lazy-define.ts';

export { configure, getConfig, type RtdashConfig } from './connection/config.ts';

const elements = defineOnFirstUse({
  'rt-connection-status': () => import('./elements/connection-status/connection-status.ts'),
  'rt-animated-number': () => import('./elements/animated-number/animated-number.ts'),
  'rt-flashing-value': () => import('./elements/flashing-value/flashing-value.ts'),
  'rt-sparkline': () => import('./elements/sparkline/sparkline.ts'),
  'rt-stat-card': () => import('./elements/stat-card/stat-card.ts'),
  'rt-price-chart': () => import('./elements/price-chart/price-chart.ts'),
});

/**
 * Loads and defines elements now (all of them when no tag is named), for a page that awaits
 * `customElements.whenDefined()` before it creates one, or puts one in a shadow root of its own.
 */
export const loadElements = elements.load;

/** The whole widgets API (ConnectionManager, getManager, the element classes …), on demand. */
export const loadApi = () => import('./index.ts');
