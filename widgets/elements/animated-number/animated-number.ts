/**
 * Registers <rt-animated-number>. Importing this file twice (two copies of the script on one
 * page) is harmless: the first definition wins.
 */
import { RtAnimatedNumber } from './animated-number.component.ts';

export { RtAnimatedNumber };
export * from './animated-number.component.ts';

export const ANIMATED_NUMBER_TAG = 'rt-animated-number';

// The typeof guard lets server-side rendering import the module without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get(ANIMATED_NUMBER_TAG)) {
  customElements.define(ANIMATED_NUMBER_TAG, RtAnimatedNumber);
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-animated-number': RtAnimatedNumber;
  }
}
