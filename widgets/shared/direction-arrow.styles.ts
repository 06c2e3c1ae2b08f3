/** The ▲/▼ beside a value that moved, coloured by direction (colour is never the only cue). */
import { css } from 'lit';
import { tokens } from '../theme/tokens.ts';

export const directionArrowStyles = css`
  .arrow {
    display: inline-block;
    margin-inline-start: 0.3em;
    font-size: 0.7em;
    vertical-align: 0.1em;
  }

  .arrow:empty {
    display: none;
  }

  :host([direction='up']) .arrow {
    color: ${tokens.positive};
  }

  :host([direction='down']) .arrow {
    color: ${tokens.negative};
  }
`;
