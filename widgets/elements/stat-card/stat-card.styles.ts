import { css } from 'lit';
import { tokens } from '../../theme/tokens.ts';

export default css`
  :host {
    display: inline-block;
    min-width: 12rem;
    color: ${tokens.text};
    font-family: ${tokens.fontMono};
    transition: opacity 200ms ease-out;
  }

  :host([hidden]) {
    display: none;
  }

  .base {
    display: grid;
    grid-template-columns: 1fr auto;
    grid-template-areas:
      'label label'
      'value change'
      'spark spark';
    gap: 0.35rem 0.75rem;
    align-items: baseline;
    padding: var(--rt-stat-card-padding, 0.75rem 1rem);
    border-radius: var(--rt-stat-card-radius, 8px);
    background: var(--rt-stat-card-background, ${tokens.background});
    border: 1px solid var(--rt-stat-card-border-color, hsl(217 33% 20%));
  }

  .label {
    grid-area: label;
    color: ${tokens.textMuted};
    font-size: 0.75rem;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }

  .value {
    grid-area: value;
    font-size: var(--rt-stat-card-value-size, 1.5rem);
  }

  .change {
    grid-area: change;
    font-size: 0.8rem;
    font-variant-numeric: tabular-nums;
    color: ${tokens.textMuted};
  }

  :host([direction='up']) .change {
    color: ${tokens.positive};
  }

  :host([direction='down']) .change {
    color: ${tokens.negative};
  }

  .sparkline {
    grid-area: spark;
    --rt-sparkline-width: 100%;
    --rt-sparkline-height: var(--rt-stat-card-sparkline-height, 28px);
  }

  :host([stale]) {
    opacity: ${tokens.staleOpacity};
  }

  /* The children dim themselves when stale; the card already does. */
  :host([stale]) .value,
  :host([stale]) .sparkline {
    --rt-stale-opacity: 1;
  }
`;
