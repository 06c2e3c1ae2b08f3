/**
 * Registers <rt-price-chart>. Importing this file twice (two copies of the script on one page)
 * is harmless: the first definition wins. Chart.js is not imported here: the element loads it
 * when a chart connects.
 */
import { RtPriceChart } from './price-chart.component.ts';
import { defineElement } from '../../shared/define-element.ts';

export { RtPriceChart };
export * from './price-chart.component.ts';

export const PRICE_CHART_TAG = 'rt-price-chart';

defineElement(PRICE_CHART_TAG, RtPriceChart);

declare global {
  interface HTMLElementTagNameMap {
    'rt-price-chart': RtPriceChart;
  }
}
