/**
 * Random-walk prices on `prices.<SYMBOL>`: geometric Brownian steps, so prices stay positive
 * and move by a realistic fraction per tick.
 */
import type { EventInput } from '../../protocol/index.ts';
import { gaussian, type Random } from './random.ts';

export const DEFAULT_SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOG', 'TSLA', 'BTC-USD', 'ETH-USD'];

const START_PRICES: Record<string, number> = {
  AAPL: 232, MSFT: 428, NVDA: 141, AMZN: 207, GOOG: 176, TSLA: 352, 'BTC-USD': 97_250, 'ETH-USD': 3_640,
};

interface Quote { open: number; price: number; volume: number }

export class MarketFeed {
  private readonly quotes = new Map<string, Quote>();

  constructor(readonly symbols: string[], private readonly random: Random, private readonly volatility = 0.0008) {
    for (const symbol of symbols) {
      const open = START_PRICES[symbol] ?? 50 + random() * 450;
      this.quotes.set(symbol, { open, price: open, volume: 0 });
    }
  }

  /** One price step for `symbol`, as an event ready to publish. */
  tick(symbol: string): EventInput {
    const quote = this.quotes.get(symbol)!;
    quote.price = round(quote.price * Math.exp(this.volatility * gaussian(this.random)), quote.price >= 1000 ? 2 : 4);
    quote.volume += Math.round(this.random() * 500);
    const change = quote.price - quote.open;
    return {
      channel: `prices.${symbol}`,
      data: {
        symbol,
        price: quote.price,
        open: round(quote.open, 4),
        change: round(change, 4),
        changePct: round((change / quote.open) * 100, 4),
        volume: quote.volume,
      },
      hint: { price: quote.price },
    };
  }
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
