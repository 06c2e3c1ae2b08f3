import { css } from 'lit';
import { tokens, visuallyHidden } from '../../theme/tokens.ts';

export default css`
  :host {
    display: block;
    position: relative;
    height: var(--rt-price-chart-height, 240px);
    color: ${tokens.text};
    background: var(--rt-price-chart-background, transparent);
    transition: opacity 200ms ease-out;
  }

  :host([hidden]) {
    display: none;
  }

  /* Chart.js sizes the canvas to this box (responsive, no aspect ratio). */
  .base {
    position: relative;
    width: 100%;
    height: 100%;
  }

  canvas {
    display: block;
  }

  /* The last window stays readable, visibly out of date. */
  :host([stale]) {
    opacity: ${tokens.staleOpacity};
  }

  /* Theme colours resolved by the browser (custom property or dark default) for the canvas. */
  .probe-up {
    color: ${tokens.positive};
  }

  .probe-down {
    color: ${tokens.negative};
  }

  .probe-text {
    color: ${tokens.textMuted};
    font-family: ${tokens.fontMono};
  }

  ${visuallyHidden}
`;
