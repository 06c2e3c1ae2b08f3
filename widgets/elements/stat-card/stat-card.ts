/**
 * Registers <rt-stat-card> (and the <rt-animated-number> and <rt-sparkline> it is made of).
 * Importing this file twice (two copies of the script on one page) is harmless.
 */
import { RtStatCard } from './stat-card.component.ts';
import { defineElement } from '../../shared/define-element.ts';

export { RtStatCard };
export * from './stat-card.component.ts';

export const STAT_CARD_TAG = 'rt-stat-card';

defineElement(STAT_CARD_TAG, RtStatCard);

declare global {
  interface HTMLElementTagNameMap {
    'rt-stat-card': RtStatCard;
  }
}
