/** Origin allow-list check shared by the WebSocket upgrade, SSE and the script-tag CORS headers. */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true; // development default: every origin
  if (origin === undefined) return true; // not a browser: Origin is a browser-side protection
  return allowed.includes(origin);
}
