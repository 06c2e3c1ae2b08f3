/**
 * Registers <rt-animated-number>. Importing this file twice (two copies of the script on one
 * page) is harmless: the first definition wins.
 */
import { RtAnimatedNumber } from './animated-number.component.ts';
import { defineElement } from '../../shared/define-element.ts';

export { RtAnimatedNumber };
export * from './animated-number.component.ts';

export const ANIMATED_NUMBER_TAG = 'rt-animated-number';

defineElement(ANIMATED_NUMBER_TAG, RtAnimatedNumber);

declare global {
  interface HTMLElementTagNameMap {
    'rt-animated-number': RtAnimatedNumber;
  }
}
