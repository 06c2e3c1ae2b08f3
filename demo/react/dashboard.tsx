/**
 * Watchlist (animated prices, change, sparklines), a price chart and session figures for the
 * selected symbol, stat cards and the connection status — every element and hook on one page,
 * over one WebSocket.
 */
import { useState } from 'react';
import { RtConnectionStatus, RtStatCard, useConnectionStatus } from '../../widgets/react/index.ts';
import { SelectedSymbol } from './selected-symbol.tsx';
import { Watchlist } from './watchlist.tsx';

export const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'TSLA', 'BTC-USD', 'ETH-USD'] as const;

export function Dashboard() {
  const [selected, setSelected] = useState<string>(SYMBOLS[0]);
  const { isConnected } = useConnectionStatus();
  return (
    <>
      <header>
        <h1>rtdash · React</h1>
        <p>Simulated market data through rtdash/react hooks and wrappers{isConnected ? '' : ' (waiting for the gateway)'}.</p>
        <RtConnectionStatus />
      </header>
      <main>
        <section aria-labelledby="watchlist-title">
          <h2 id="watchlist-title">Watchlist</h2>
          <Watchlist symbols={SYMBOLS} selected={selected} onSelect={setSelected} />
          <div className="cards">
            <RtStatCard channel="prices.NVDA" field="price" label="NVDA" format="currency" currency="USD" changeField="changePct" />
            <RtStatCard channel="prices.BTC-USD" field="price" label="BTC-USD" format="currency" currency="USD" changeField="changePct" />
          </div>
        </section>
        <SelectedSymbol symbol={selected} />
      </main>
    </>
  );
}
