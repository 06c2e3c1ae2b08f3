import { css } from 'lit';
import { tokens } from '../../theme/tokens.ts';

export default css`
  :host {
    display: inline-block;
    width: var(--rt-sparkline-width, 120px);
    height: var(--rt-sparkline-height, 32px);
    vertical-align: middle;
    color: ${tokens.positive};
    transition: opacity 200ms ease-out;
  }

  :host([hidden]) {
    display: none;
  }

  :host([trend='down']) {
    color: ${tokens.negative};
  }

  svg {
    display: block;
    width: 100%;
    height: 100%;
    overflow: visible;
  }

  .line {
    fill: none;
    stroke: currentColor;
    stroke-width: var(--rt-sparkline-stroke-width, 1.5px);
    stroke-linejoin: round;
    stroke-linecap: round;
    /* The viewBox stretches to the element; the stroke must not. */
    vector-effect: non-scaling-stroke;
  }

  :host([stale]) {
    opacity: ${tokens.staleOpacity};
  }
`;
