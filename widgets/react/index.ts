/**
 * rtdash/react: React wrappers of the elements (more wrappers and the hooks grow here). They
 * share the page's one connection manager with any plain elements on the same page.
 */
export { RtAnimatedNumber } from './animated-number.ts';
export { getManager, configure } from '../index.ts';
