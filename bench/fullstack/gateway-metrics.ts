/**
 * What the harness reads from a gateway's GET /metrics (Prometheus text): open connections, and
 * the process figures prom-client collects (RSS, event-loop delay p99 since the previous scrape).
 */
export interface GatewayFigures {
  connections: number;
  rssBytes: number;
  /** p99 event-loop delay over the interval since the previous scrape, ms. */
  loopDelayP99Ms: number;
}

export async function readGatewayMetrics(httpUrl: string): Promise<GatewayFigures> {
  const text = await (await fetch(`${httpUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
  return {
    connections: [...text.matchAll(/^rtdash_connections\{[^}]*\} (\d+)/gm)].reduce((total, match) => total + Number(match[1]), 0),
    rssBytes: value(/^rtdash_process_process_resident_memory_bytes (\S+)/m),
    loopDelayP99Ms: value(/^rtdash_process_nodejs_eventloop_lag_p99_seconds (\S+)/m) * 1000,
  };
}
