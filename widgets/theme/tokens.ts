/**
 * The design tokens every element reads, each a `--rt-*` custom property with the dark-theme
 * default as its fallback. Fallbacks live in var() rather than on :host so a page can set the
 * properties on any ancestor (`:root { --rt-color-positive: … }`) and every element follows.
 */
import { css } from 'lit';

export const tokens = {
  text: css`var(--rt-color-text, hsl(210 40% 96%))`,
  textMuted: css`var(--rt-color-text-muted, hsl(215 20% 65%))`,
  background: css`var(--rt-color-background, hsl(222 47% 11%))`,
  positive: css`var(--rt-color-positive, hsl(154 80% 60%))`,
  negative: css`var(--rt-color-negative, hsl(346 80% 62%))`,
  fontMono: css`var(--rt-font-mono, ui-monospace, 'SFMono-Regular', 'JetBrains Mono', Menlo, Consolas, monospace)`,
  staleOpacity: css`var(--rt-stale-opacity, 0.55)`,
  flashDuration: css`var(--rt-flash-duration, 600ms)`,
} as const;

/** Hidden visually, still read by screen readers. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
