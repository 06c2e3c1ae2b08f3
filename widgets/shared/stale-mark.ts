/**
 * How a data element shows that its value may be out of date: the value stays on screen,
 * dimmed, and screen readers hear "(stale)" after it. Shared so every element says it alike.
 */
import { css, html, nothing } from 'lit';
import { tokens } from '../theme/tokens.ts';

export const STALE_TEXT = '(stale)';

/** Visually hidden "(stale)" while `stale`; the host's styles must include `visuallyHidden`. */
export function staleMark(stale: boolean) {
  return stale ? html`<span class="visually-hidden stale-mark"> ${STALE_TEXT}</span>` : nothing;
}

/** Dims the host while its `stale` attribute is present. */
export const staleStyles = css`
  :host([stale]) {
    opacity: ${tokens.staleOpacity};
  }
`;
