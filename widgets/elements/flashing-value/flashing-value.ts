/**
 * Registers <rt-flashing-value>. Importing this file twice (two copies of the script on one
 * page) is harmless: the first definition wins.
 */
import { RtFlashingValue } from './flashing-value.component.ts';

export { RtFlashingValue };
export * from './flashing-value.component.ts';

export const FLASHING_VALUE_TAG = 'rt-flashing-value';

// The typeof guard lets server-side rendering import the module without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get(FLASHING_VALUE_TAG)) {
  customElements.define(FLASHING_VALUE_TAG, RtFlashingValue);
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-flashing-value': RtFlashingValue;
  }
}
