/**
 * A consumer of rtdash/react using every hook and every wrapper, type-checked by
 * `npm run typecheck` (tsconfig.json includes test/). The @ts-expect-error lines prove the
 * types refuse what they should: if one of them stops being an error, the check fails.
 */
import { useState } from 'react';
import {
  RtAnimatedNumber, RtConnectionStatus, RtFlashingValue, RtPriceChart, RtSparkline, RtStatCard,
  useChannel, useConnectionStatus, useRealtimeData, useSSE, useWebSocket,
  type ChannelReading, type LiveEvent, type RealtimeResult, type SSEResult, type WebSocketResult,
} from '../../widgets/react/index.ts';

interface Quote { price: number; volume: number }

export function Dashboard({ symbol }: { symbol: string }) {
  const channel = `prices.${symbol}`;
  const [selected, setSelected] = useState<number | undefined>();

  const price: ChannelReading<number> = useChannel<Quote, number>(channel, { select: (quote) => quote.price });
  const whole = useChannel(channel); // Json by default
  const volume = useChannel<Quote, { volume: number }>(channel, {
    select: (quote) => ({ volume: quote.volume }),
    isEqual: (a, b) => a.volume === b.volume,
  });

  const trades: RealtimeResult<number[]> = useRealtimeData<number[], Quote>(
    ['trades', channel],
    async (signal) => {
      const response = await fetch(`/api/channels/${channel}/history?limit=100`, { signal });
      const body = await response.json() as { events: { data: Quote }[] };
      return body.events.map((event) => event.data.price);
    },
    { channel, merge: (list = [], event: LiveEvent<Quote>) => [...list, event.data.price], refetchOnReconnect: true },
  );
  const status = useConnectionStatus();
  const socket: WebSocketResult = useWebSocket({
    channels: [channel],
    onMessage: (frame) => { if (frame.type === 'event') setSelected(frame.ts); },
    reconnectAttempts: 5,
    reconnectInterval: (attempt) => Math.min(1_000 * 2 ** attempt, 10_000),
    shouldReconnect: (cause) => cause.code !== 4001,
    heartbeat: { interval: 10_000, timeout: 30_000 },
    share: true,
  });
  const stream: SSEResult<Quote> = useSSE<Quote>({ channels: [channel], onMessage: (message) => void message.data.volume });

  // @ts-expect-error select receives the typed data: Quote has no `bid`
  useChannel<Quote, number>(channel, { select: (quote) => quote.bid });
  // @ts-expect-error send takes protocol frames only
  socket.send({ type: 'publish', channel });

  const retry = () => status.retryNow();
  return (
    <section>
      <RtConnectionStatus compact onStateChange={(event) => console.log(event.detail.name)} />
      <button type="button" onClick={retry} disabled={status.isConnected}>{status.state.name}</button>
      <RtAnimatedNumber channel={channel} field="price" format="currency" currency="USD" decimals={2}
        onValue={(event) => console.log(event.detail.id, event.detail.data)} />
      <RtFlashingValue channel={channel} field="volume" onStaleChange={(event) => console.log(event.detail.stale)} />
      <RtSparkline channel={channel} points={60} label={symbol} />
      <RtPriceChart channel={channel} window={300} restHistory onValue={() => {}} />
      <RtStatCard channel={channel} label={symbol} changeField="pct" points={30} />
      {/* @ts-expect-error decimals is a number property */}
      <RtAnimatedNumber decimals="two" />
      <p>{price.value?.toFixed(2)} {price.stale ? '(stale)' : ''} {String(whole.id)} {volume.value?.volume}</p>
      <p>{trades.isLoading ? 'loading' : trades.data?.length} {trades.isLive ? 'live' : ''} {String(trades.error ?? '')}</p>
      <p>{socket.status} {socket.lastMessage?.type} {stream.data?.price} {stream.isConnected ? 'sse' : ''} {selected}</p>
      <button type="button" onClick={() => stream.close()}>stop stream</button>
    </section>
  );
}
