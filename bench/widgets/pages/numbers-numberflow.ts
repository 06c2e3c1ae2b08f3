/** NumberFlow's web component (`number-flow` package) under the same feed. */
import 'number-flow';
import { runNumbers } from './numbers.ts';

type NumberFlow = HTMLElement & { format?: Intl.NumberFormatOptions; update(value: number): void };

const format: Intl.NumberFormatOptions = { minimumFractionDigits: 2, maximumFractionDigits: 2 };

runNumbers(() => {
  const el = document.createElement('number-flow') as NumberFlow;
  el.format = format;
  return { el, set: (v) => el.update(v) };
});
