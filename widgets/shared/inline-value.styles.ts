/** The host of an inline live value: mono, tabular digits, no wrapping, and a soft stale fade. */
import { css } from 'lit';
import { tokens } from '../theme/tokens.ts';

export const inlineValueHostStyles = css`
  :host {
    display: inline-block;
    position: relative;
    color: ${tokens.text};
    font-family: ${tokens.fontMono};
    /* Digits of equal width: a ticking number must not jitter sideways. */
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    transition: opacity 200ms ease-out;
  }

  :host([hidden]) {
    display: none;
  }
`;
