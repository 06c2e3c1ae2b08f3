/**
 * Where the gateway lives, first answer wins:
 *   1. an explicit URL (a `gateway` attribute or argument),
 *   2. `<meta name="rtdash-gateway" content="...">`,
 *   3. `configure({ gateway })`,
 *   4. the page's own origin, `/ws`.
 * http(s) URLs become ws(s); a URL without a path (`https://live.example.com`) gets `/ws`;
 * relative URLs resolve against the document, so `/ws` follows the page between ws: and wss:.
 */
import { getConfig } from './config.ts';

export const GATEWAY_META_NAME = 'rtdash-gateway';
export const DEFAULT_GATEWAY_PATH = '/ws';

export function resolveGatewayUrl(explicit?: string | null, doc: Document | undefined = globalThis.document): string {
  const chosen = nonEmpty(explicit) ?? metaGateway(doc) ?? nonEmpty(getConfig().gateway) ?? DEFAULT_GATEWAY_PATH;
  return toWebSocketUrl(chosen, doc?.baseURI ?? globalThis.location?.href);
}

/** Turns any accepted spelling into an absolute ws: or wss: URL; throws TypeError when impossible. */
export function toWebSocketUrl(input: string, base?: string): string {
  const url = new URL(input.trim(), base);
  switch (url.protocol) {
    case 'http:': url.protocol = 'ws:'; break;
    case 'https:': url.protocol = 'wss:'; break;
    case 'ws:': case 'wss:': break;
    default: throw new TypeError(`gateway URL must be ws:, wss:, http: or https:, got ${url.protocol} (${input})`);
  }
  // `https://live.example.com` names the gateway host, not a socket path.
  if (url.pathname === '/') url.pathname = DEFAULT_GATEWAY_PATH;
  url.hash = '';
  return url.href;
}

function metaGateway(doc: Document | undefined): string | undefined {
  const meta = doc?.querySelector<HTMLMetaElement>(`meta[name="${GATEWAY_META_NAME}"]`);
  return nonEmpty(meta?.content);
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
