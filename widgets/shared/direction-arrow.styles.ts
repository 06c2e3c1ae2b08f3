/**
 * The ▲/▼ beside a value that moved, coloured by direction (colour is never the only cue).
 * A plain inline, not an inline-block: an atomic inline is a box of its own to lay out each time
 * the value beside it changes (a few per cent of the layout time on a page of a thousand numbers).
 */
import { css } from 'lit';
import { tokens } from '../theme/tokens.ts';

export const directionArrowStyles = css`
  .arrow {
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
