/**
 * Catches console.error calls while a story runs, so its test fails on them: an element that
 * logs an error has a problem even when everything it shows looks right.
 */
let caught: string[] = [];
let original: typeof console.error | undefined;

export function watchConsoleErrors(): void {
  caught = [];
  original ??= console.error;
  const passOn = original;
  console.error = (...args: unknown[]) => {
    caught.push(args.map(String).join(' '));
    passOn.apply(console, args);
  };
}

export function stopWatchingConsoleErrors(): void {
  if (original) console.error = original;
  original = undefined;
}

export function assertNoConsoleErrors(): void {
  if (caught.length > 0) throw new Error(`the story logged ${caught.length} console error(s):\n${caught.join('\n')}`);
}
