/**
 * The trading dashboard of the script-tag page, in React: a watchlist (animated prices and
 * changes, sparklines), the selected symbol's chart with session figures, stat cards and the
 * connection status — every wrapper and the hooks on one page, over one WebSocket.
 */
import { useState } from 'react';
import { RtConnectionStatus, RtStatCard } from '../../widgets/react/index.ts';
import { SelectedSymbol } from './selected-symbol.tsx';
import { Watchlist } from './watchlist.tsx';

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOG', 'TSLA', 'BTC-USD', 'ETH-USD'] as const;
const CARDS = ['TSLA', 'NVDA', 'BTC-USD', 'ETH-USD'] as const;

export function Dashboard() {
  const [selected, setSelected] = useState<string>(SYMBOLS[0]);
  return (
    <>
      <header>
        <h1>rtdash</h1>
        <nav aria-label="Dashboards">
          <a href="/">Trading</a>
          <a href="/monitoring.html">Monitoring</a>
          <a href="/react/" aria-current="page">React</a>
        </nav>
        <RtConnectionStatus />
      </header>
      <main>
        <section aria-labelledby="watchlist-title">
          <h2 id="watchlist-title">Watchlist</h2>
          <Watchlist symbols={SYMBOLS} selected={selected} onSelect={setSelected} />
        </section>
        <section aria-labelledby="chart-title" data-symbol={selected}>
          <SelectedSymbol symbol={selected} />
          <div className="cards">
            {CARDS.map((symbol) => (
              <RtStatCard key={symbol} channel={`prices.${symbol}`} field="price" label={symbol} format="currency" currency="USD" changeField="changePct" />
            ))}
          </div>
        </section>
      </main>
      <footer>Simulated market data through rtdash/react's hooks and wrappers, over one WebSocket. Pick a symbol to chart it.</footer>
    </>
  );
}
