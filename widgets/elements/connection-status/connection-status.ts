/**
 * Registers <rt-connection-status>. Importing this file twice (two copies of the script on one
 * page) is harmless: the first definition wins.
 */
import { RtConnectionStatus } from './connection-status.component.ts';
import { defineElement } from '../../shared/define-element.ts';

export { RtConnectionStatus };
export * from './connection-status.component.ts';
export { describeConnection, type ConnectionTone, type ConnectionView } from './connection-view.ts';

export const CONNECTION_STATUS_TAG = 'rt-connection-status';

defineElement(CONNECTION_STATUS_TAG, RtConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'rt-connection-status': RtConnectionStatus;
  }
}
