/** HH:MM:SS in the page's time zone, for axis ticks and tooltips (no date adapter needed). */
export function formatClock(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
