import { css } from 'lit';
import { tokens, visuallyHidden } from '../../theme/tokens.ts';
import { directionArrowStyles } from '../../shared/direction-arrow.styles.ts';

export default css`
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

  .value {
    /* The flash appears at once and fades back. */
    transition: color 300ms ease-out;
  }

  :host([flash='up']) .value {
    color: ${tokens.positive};
    transition: none;
  }

  :host([flash='down']) .value {
    color: ${tokens.negative};
    transition: none;
  }

  ${directionArrowStyles}

  /* The last value stays readable, visibly out of date. */
  :host([stale]) {
    opacity: ${tokens.staleOpacity};
  }

  @media (prefers-reduced-motion: reduce) {
    :host,
    .value {
      transition: none;
    }
  }

  ${visuallyHidden}
`;
