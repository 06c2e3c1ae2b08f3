/**
 * Intl.NumberFormat options from the attributes data elements share (`format`, `currency`,
 * `decimals`, `locale`), built once per change of those attributes, never per frame.
 */
export const NUMBER_FORMATS = ['decimal', 'currency', 'percent', 'compact'] as const;
export type NumberFormatStyle = (typeof NUMBER_FORMATS)[number];

export interface NumberFormatSettings {
  format?: string;
  /** ISO 4217 code; USD when `format` is currency and none is given. */
  currency?: string;
  /** Exact number of fraction digits (0-20); Intl's defaults when absent. */
  decimals?: number;
  /** BCP 47 tag; the browser's locale when absent. */
  locale?: string;
}

export function numberFormatOptions(settings: NumberFormatSettings): Intl.NumberFormatOptions {
  const options: Intl.NumberFormatOptions = {};
  switch (settings.format) {
    case 'currency':
      options.style = 'currency';
      options.currency = settings.currency || 'USD';
      break;
    case 'percent':
      options.style = 'percent';
      break;
    case 'compact':
      options.notation = 'compact';
      options.compactDisplay = 'short';
      break;
    default:
      options.style = 'decimal';
  }
  const decimals = settings.decimals;
  if (decimals !== undefined && decimals !== null && Number.isInteger(decimals) && decimals >= 0 && decimals <= 20) {
    options.minimumFractionDigits = decimals;
    options.maximumFractionDigits = decimals;
  }
  return options;
}

/**
 * A formatter for the settings; a bad currency code or locale falls back to a plain decimal
 * format with a warning instead of breaking the element.
 */
export function createNumberFormat(settings: NumberFormatSettings): Intl.NumberFormat {
  const options = numberFormatOptions(settings);
  try {
    return new Intl.NumberFormat(settings.locale || undefined, options);
  } catch (error) {
    console.warn(`rtdash: cannot format numbers with ${JSON.stringify({ ...settings })}: ${(error as Error).message}; using plain decimals`);
    try {
      return new Intl.NumberFormat(undefined, { ...numberFormatOptions({ decimals: settings.decimals }) });
    } catch {
      return new Intl.NumberFormat();
    }
  }
}

/** How many fraction digits `formatter` shows for `value` (used to keep a tween's width steady). */
export function fractionDigitsOf(formatter: Intl.NumberFormat, value: number): number {
  return formatter.formatToParts(value).find((part) => part.type === 'fraction')?.value.length ?? 0;
}

const withDigitsCache = new WeakMap<Intl.NumberFormat, Map<number, Intl.NumberFormat>>();

/**
 * The same formatter with an exact number of fraction digits. Cached per formatter and digits:
 * every tween asks for one, and building an Intl.NumberFormat costs far more than using one.
 */
export function withFractionDigits(formatter: Intl.NumberFormat, digits: number): Intl.NumberFormat {
  let byDigits = withDigitsCache.get(formatter);
  if (!byDigits) withDigitsCache.set(formatter, (byDigits = new Map()));
  let made = byDigits.get(digits);
  if (!made) byDigits.set(digits, (made = buildWithFractionDigits(formatter, digits)));
  return made;
}

function buildWithFractionDigits(formatter: Intl.NumberFormat, digits: number): Intl.NumberFormat {
  const resolved = formatter.resolvedOptions();
  return new Intl.NumberFormat(resolved.locale, {
    style: resolved.style as Intl.NumberFormatOptions['style'],
    currency: resolved.currency,
    notation: resolved.notation,
    compactDisplay: resolved.compactDisplay,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
