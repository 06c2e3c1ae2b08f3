/**
 * Registers <rt-flashing-value>. Importing this file twice (two copies of the script on one
 * page) is harmless: the first definition wins.
 */
import { RtFlashingValue } from './flashing-value.component.ts';
import { defineElement } from '../../shared/define-element.ts';

export { RtFlashingValue };
export * from './flashing-value.component.ts';

export const FLASHING_VALUE_TAG = 'rt-flashing-value';

defineElement(FLASHING_VALUE_TAG, RtFlashingValue);

declare global {
  interface HTMLElementTagNameMap {
    'rt-flashing-value': RtFlashingValue;
  }
}
