/** One row per symbol: animated price and change, sparkline; a click selects it. */
import { RtAnimatedNumber, RtSparkline } from '../../widgets/react/index.ts';

export function Watchlist({ symbols, selected, onSelect }: {
  symbols: readonly string[];
  selected: string;
  onSelect: (symbol: string) => void;
}) {
  return (
    <table>
      <thead><tr><th scope="col">Symbol</th><th scope="col">Price</th><th scope="col">Today</th><th scope="col">Trend</th></tr></thead>
      <tbody>
        {symbols.map((symbol) => (
          <tr key={symbol} data-symbol={symbol} aria-selected={symbol === selected}>
            <td><button type="button" onClick={() => onSelect(symbol)}>{symbol}</button></td>
            <td><RtAnimatedNumber channel={`prices.${symbol}`} field="price" format="currency" currency="USD" /></td>
            <td><RtAnimatedNumber channel={`prices.${symbol}`} field="changePct" decimals={2} textAfter="%" /></td>
            <td><RtSparkline channel={`prices.${symbol}`} field="price" label={symbol} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
