import { css } from 'lit';
import { tokens, visuallyHidden } from '../../theme/tokens.ts';
import { directionArrowStyles } from '../../shared/direction-arrow.styles.ts';
import { inlineValueHostStyles } from '../../shared/inline-value.styles.ts';

export default css`
  ${inlineValueHostStyles}

  :host {
    contain: layout paint style;
  }

  /* The text before and after flashes with the number: "0.58%" is one value, not two colours. */
  .value,
  .before,
  .after {
    /* The flash appears at once and fades back. */
    transition: color 300ms ease-out;
  }

  :host([flash='up']) :is(.value, .before, .after) {
    color: ${tokens.positive};
    transition: none;
  }

  :host([flash='down']) :is(.value, .before, .after) {
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
    .value,
    .before,
    .after {
      transition: none;
    }
  }

  ${visuallyHidden}
`;
