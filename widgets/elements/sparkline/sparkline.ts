/**
 * Registers <rt-sparkline>. Importing this file twice (two copies of the script on one page)
 * is harmless: the first definition wins.
 */
import { RtSparkline } from './sparkline.component.ts';
import { defineElement } from '../../shared/define-element.ts';

export { RtSparkline };
export * from './sparkline.component.ts';

export const SPARKLINE_TAG = 'rt-sparkline';

defineElement(SPARKLINE_TAG, RtSparkline);

declare global {
  interface HTMLElementTagNameMap {
    'rt-sparkline': RtSparkline;
  }
}
