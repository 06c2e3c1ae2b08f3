import { css } from 'lit';
import { tokens, visuallyHidden } from '../../theme/tokens.ts';
import { directionArrowStyles } from '../../shared/direction-arrow.styles.ts';
import { inlineValueHostStyles } from '../../shared/inline-value.styles.ts';
import { staleStyles } from '../../shared/stale-mark.ts';

export default css`
  ${inlineValueHostStyles}

  .value {
    border-radius: 0.2em;
    padding-inline: 0.15em;
    /* The flash appears at once and fades back over the rest of the flash time. */
    transition: color 300ms ease-out, background-color 300ms ease-out;
  }

  :host([flash='up']) .value {
    color: ${tokens.positive};
    background-color: var(--rt-flash-background-up, hsl(154 80% 60% / 0.16));
    transition: none;
  }

  :host([flash='down']) .value {
    color: ${tokens.negative};
    background-color: var(--rt-flash-background-down, hsl(346 80% 62% / 0.16));
    transition: none;
  }

  :host([flash='change']) .value {
    background-color: var(--rt-flash-background-change, hsl(210 40% 96% / 0.14));
    transition: none;
  }

  ${directionArrowStyles}

  ${staleStyles}

  @media (prefers-reduced-motion: reduce) {
    :host,
    .value {
      transition: none;
    }
  }

  ${visuallyHidden}
`;
