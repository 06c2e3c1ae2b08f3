import { css } from 'lit';
import { tokens, visuallyHidden } from '../../theme/tokens.ts';

const warning = css`var(--rt-color-warning, hsl(38 92% 60%))`;

export default css`
  :host {
    display: inline-block;
    color: ${tokens.text};
    font-family: ${tokens.fontMono};
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  :host([hidden]) {
    display: none;
  }

  .base {
    display: inline-flex;
    align-items: center;
    gap: var(--rt-status-gap, 0.5em);
  }

  .dot {
    flex: none;
    width: var(--rt-status-dot-size, 0.6em);
    height: var(--rt-status-dot-size, 0.6em);
    border-radius: 50%;
    background: ${tokens.textMuted};
  }

  .dot.live {
    background: ${tokens.positive};
  }

  .dot.pending {
    background: ${warning};
    animation: rt-pulse 1.2s ease-in-out infinite;
  }

  .dot.down {
    background: ${tokens.negative};
  }

  .latency {
    color: ${tokens.textMuted};
  }

  .retry {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid ${tokens.textMuted};
    border-radius: 0.3em;
    padding: 0.1em 0.5em;
    cursor: pointer;
  }

  .retry:hover {
    border-color: ${tokens.text};
  }

  .retry:focus-visible {
    outline: 2px solid ${tokens.positive};
    outline-offset: 2px;
  }

  :host([compact]) .label,
  :host([compact]) .latency,
  :host([compact]) .retry {
    display: none;
  }

  @keyframes rt-pulse {
    50% {
      opacity: 0.35;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .dot {
      animation: none !important;
    }
  }

  ${visuallyHidden}
`;
