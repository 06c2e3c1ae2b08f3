/**
 * The selected symbol: its chart (with REST history), and session figures from useRealtimeData — first paint from
 * the REST snapshot, then every live tick merged (high, low, ticks seen), kept on a failed fetch.
 */
import { RtPriceChart, useChannel, useRealtimeData, type LiveEvent } from '../../widgets/react/index.ts';

interface Quote { price: number; changePct: number; volume: number }
interface Session { high: number; low: number; ticks: number }

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

async function fetchSession(channel: string, signal: AbortSignal): Promise<Session | undefined> {
  const response = await fetch(`/api/channels/${encodeURIComponent(channel)}/snapshot`, { signal });
  if (!response.ok) throw new Error(`snapshot of ${channel}: HTTP ${response.status}`);
  const { event } = await response.json() as { event: { data: Quote } | null };
  return event ? { high: event.data.price, low: event.data.price, ticks: 1 } : undefined;
}

function mergeTick(session: Session | undefined, event: LiveEvent<Quote>): Session {
  const { price } = event.data;
  if (!session) return { high: price, low: price, ticks: 1 };
  return { high: Math.max(session.high, price), low: Math.min(session.low, price), ticks: session.ticks + 1 };
}

export function SelectedSymbol({ symbol }: { symbol: string }) {
  const channel = `prices.${symbol}`;
  const session = useRealtimeData<Session | undefined, Quote>(['session', channel], (signal) => fetchSession(channel, signal),
    { channel, merge: mergeTick });
  const volume = useChannel<Quote, number>(channel, { select: (quote) => quote.volume });
  const figures = session.data;
  return (
    <>
      <h2 id="chart-title">{symbol}</h2>
      <RtPriceChart channel={channel} field="price" label={`${symbol} price`} window={300} format="currency" currency="USD" restHistory />
      <p className="session" aria-live="off">
        {session.isLoading || !figures ? <span>Loading session…</span> : (
          <>
            <span>High <strong data-testid="session-high">{money.format(figures.high)}</strong></span>
            <span>Low <strong data-testid="session-low">{money.format(figures.low)}</strong></span>
            <span>Ticks <strong data-testid="session-ticks">{figures.ticks}</strong></span>
            <span>Volume <strong>{volume.value?.toLocaleString('en-US') ?? '–'}</strong>{volume.stale ? ' (stale)' : ''}</span>
          </>
        )}
        {session.error ? <span role="alert"> snapshot failed, showing live data</span> : null}
      </p>
    </>
  );
}
