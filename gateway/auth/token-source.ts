/**
 * Where a request's token comes from. Browsers cannot set headers on a WebSocket or an
 * EventSource, so besides `Authorization: Bearer` we read a `token` query parameter and an
 * `rtdash_token` cookie. The first source present wins; a bad token there is not retried
 * with the next source, so a stale credential fails loudly instead of being skipped.
 */
export interface AuthRequest {
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

export const TOKEN_QUERY_PARAMETER = 'token';
export const TOKEN_COOKIE = 'rtdash_token';

export interface FoundToken {
  token: string;
  /** Said in error messages, so a client learns which of its credentials failed. */
  from: string;
}

const BEARER = /^Bearer\s+(.+)$/i;

export function findToken(request: AuthRequest): FoundToken | undefined {
  const authorization = firstValue(header(request.headers, 'authorization'));
  // Another scheme (Basic from a proxy, say) is not ours to judge: look further.
  const bearer = authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1].trim();
  if (bearer) return { token: bearer, from: 'the Authorization header' };
  const query = queryToken(request.url);
  if (query) return { token: query, from: `the "${TOKEN_QUERY_PARAMETER}" query parameter` };
  const cookies = header(request.headers, 'cookie');
  const cookie = readCookie(Array.isArray(cookies) ? cookies.join('; ') : cookies, TOKEN_COOKIE);
  if (cookie) return { token: cookie, from: `the ${TOKEN_COOKIE} cookie` };
  return undefined;
}

/**
 * One cookie's value from a Cookie header. Read by name without building an object, so
 * names like `__proto__` are inert; the first occurrence wins, as browsers send the most
 * specific path first.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value; // a stray "%": the raw value, which verification will judge
    }
  }
  return undefined;
}

function queryToken(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, 'http://localhost').searchParams.get(TOKEN_QUERY_PARAMETER) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Node lower-cases header names; hand-built requests (tests, other servers) may not. */
function header(headers: AuthRequest['headers'], name: string): string | string[] | undefined {
  if (headers[name] !== undefined) return headers[name];
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
