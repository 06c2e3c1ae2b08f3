/** Latency samples and what the bench table shows of them. */
export class Samples {
  private values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  /** Nearest-rank percentile, in ms. */
  percentile(p: number): number {
    if (this.values.length === 0) return Number.NaN;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  }

  max(): number {
    return this.values.length === 0 ? Number.NaN : this.values.reduce((max, value) => Math.max(max, value), 0);
  }
}

export interface Row {
  backend: string;
  scenario: string;
  eventsPerSecond: number;
  /** What the latency column measures: a batch's or a single event's acknowledgement. */
  latencyOf: 'batch' | 'event';
  samples: Samples;
  errors: number;
}

export function formatTable(rows: Row[]): string {
  const header = ['backend', 'scenario', 'events/s', 'ack of', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'acks', 'errors'];
  const body = rows.map((row) => [
    row.backend,
    row.scenario,
    Math.round(row.eventsPerSecond).toLocaleString('en-US'),
    row.latencyOf,
    ms(row.samples.percentile(50)),
    ms(row.samples.percentile(95)),
    ms(row.samples.percentile(99)),
    ms(row.samples.max()),
    row.samples.count.toLocaleString('en-US'),
    String(row.errors),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i < 2 || i === 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((width, i) => (i < 2 || i === 3 ? `-${'-'.repeat(width)}-` : `-${'-'.repeat(width)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

function ms(value: number): string {
  if (Number.isNaN(value)) return '–';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}
