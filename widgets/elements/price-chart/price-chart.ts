/**
 * Registers <rt-price-chart>. Importing this file twice (two copies of the script on one page)
 * is harmless: the first definition wins. Chart.js is not imported here: the element loads it
 * when a chart connects.
 */
import { RtPriceChart } from './price-chart.component.ts';

export { RtPriceChart };
export * from './price-chart.component.ts';

export const PRICE_CHART_TAG = 'rt-price-chart';

if (typeof customElements !== 'undefined' && !customElements.get(PRICE_CHART_TAG)) {
  customElements.define(PRICE_CHART_TAG, RtPriceChart);
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-price-chart': RtPriceChart;
  }
}
