import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { ConnectionManager } from '../../connection/connection-manager.ts';
import { closeAllManagers, registerManager } from '../../connection/manager-registry.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks, type FakeTransport } from '../../test-support/fake-transport.ts';
import { afterEach, beforeEach, describe, it } from '../../test-support/mocha.ts';
import { RtPriceChart } from './price-chart.ts';
import { formatClock } from './time-format.ts';

const GATEWAY = 'ws://gateway.test/ws';
const T0 = 1_700_000_000_000;
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const frames = async (n = 2) => { for (let i = 0; i < n; i++) await nextFrame(); };

const event = (i: number, price: number, channel = 'prices.AAPL') =>
  ({ type: 'event', channel, id: `0-${i}`, ts: T0 + i * 1_000, data: { price } });

/** The rgb of a CSS colour as the browser resolves it. */
function rgbOf(color: string): [number, number, number] {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const [r, g, b] = getComputedStyle(probe).color.match(/[\d.]+/g)!.map(Number);
  probe.remove();
  return [r, g, b];
}

/** How many opaque-ish canvas pixels are close to each colour. */
function countColours(canvas: HTMLCanvasElement, colours: Record<string, [number, number, number]>): Record<string, number> {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  const counts: Record<string, number> = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] < 160) continue;
    for (const [name, [r, g, b]] of Object.entries(colours)) {
      if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40) counts[name] += 1;
    }
  }
  return counts;
}

describe('<rt-price-chart>', () => {
  let factory: FakeTransportFactory;
  let wire: FakeTransport;

  beforeEach(async () => {
    factory = new FakeTransportFactory();
    registerManager(new ConnectionManager(GATEWAY, { clock: new FakeClock(), network: new FakeNetwork(), transport: factory.create }));
  });

  afterEach(() => {
    closeAllManagers();
  });

  async function chartOn(template = html`<rt-price-chart gateway=${GATEWAY} channel="prices.AAPL"></rt-price-chart>`): Promise<RtPriceChart> {
    const el = await fixture<RtPriceChart>(template);
    wire = factory.latest;
    wire.open();
    await flushMicrotasks();
    await el.chartReady;
    return el;
  }

  it('is defined, and a second copy of the registration script is tolerated', async () => {
    expect(customElements.get('rt-price-chart')).to.equal(RtPriceChart);
    await import(/* @vite-ignore */ new URL('./price-chart.ts?copy=2', import.meta.url).href);
    expect(customElements.get('rt-price-chart')).to.equal(RtPriceChart);
  });

  it('loads the Chart.js half only when a chart connects', async () => {
    const real = RtPriceChart.loadRenderer;
    let loads = 0;
    RtPriceChart.loadRenderer = () => { loads += 1; return real(); };
    try {
      const el = document.createElement('rt-price-chart');
      expect(loads).to.equal(0);
      document.body.append(el);
      await el.chartReady;
      expect(loads).to.equal(1);
      expect(el.chart).to.be.instanceOf(Chart);
      el.remove();
    } finally {
      RtPriceChart.loadRenderer = real;
    }
  });

  it('draws with parsing off, no animation, a linear ms x axis labelled HH:MM:SS in 11px mono', async () => {
    const el = await chartOn();
    const chart = el.chart!;
    expect(chart.options.parsing).to.equal(false);
    expect(chart.options.animation).to.equal(false);
    const x = chart.options.scales!.x!;
    expect(x.type).to.equal('linear');
    const ticks = x.ticks as unknown as { font: { size: number; family: string }; callback: (v: number) => string };
    expect(ticks.font.size).to.equal(11);
    expect(ticks.font.family).to.match(/mono/i);
    expect(ticks.callback.call(chart.scales.x, T0)).to.equal(formatClock(T0));
    expect(formatClock(T0)).to.match(/^\d\d:\d\d:\d\d$/);
    // Only what a line needs is registered: no chart.js/auto.
    expect(Chart.registry.getController('line')).to.not.equal(undefined);
    expect(() => Chart.registry.getController('bar')).to.throw();
    expect(() => Chart.registry.getScale('category')).to.throw();
  });

  it('keeps at most `window` points, the newest, in the chart', async () => {
    const el = await chartOn(html`<rt-price-chart gateway=${GATEWAY} channel="prices.AAPL" window="50"></rt-price-chart>`);
    for (let i = 1; i <= 120; i++) wire.receive(event(i, 100 + i));
    await frames();
    expect(el.size).to.equal(50);
    const data = el.chart!.data.datasets[0].data as unknown as { x: number; y: number }[];
    expect(data).to.have.length(50);
    expect(data[0]).to.deep.equal({ x: T0 + 71_000, y: 171 });
    expect(data[49]).to.deep.equal({ x: T0 + 120_000, y: 220 });
    el.window = 10;
    await el.updateComplete;
    await frames();
    expect(el.chart!.data.datasets[0].data).to.have.length(10);
    expect(el.points.at(-1)).to.deep.equal({ x: T0 + 120_000, y: 220 });
  });

  it('draws a burst of points in one frame with ONE unanimated chart update', async () => {
    const el = await chartOn();
    await frames(3); // let the first paint and the resize settle
    const chart = el.chart!;
    const modes: (string | undefined)[] = [];
    const update = chart.update.bind(chart);
    chart.update = ((mode?: Parameters<Chart['update']>[0]) => { modes.push(mode as string | undefined); return update(mode); }) as Chart['update'];
    for (let i = 1; i <= 200; i++) wire.receive(event(i, 100 + Math.sin(i)));
    expect(modes).to.deep.equal([]);
    await frames();
    expect(modes).to.deep.equal(['none']);
    expect(chart.data.datasets[0].data).to.have.length(200);
  });

  it('names its page-wide drawing budget as a setting and refuses a bad one', () => {
    const before = RtPriceChart.maxDrawMsPerFrame;
    expect(before).to.equal(4);
    try {
      RtPriceChart.maxDrawMsPerFrame = 8;
      expect(RtPriceChart.maxDrawMsPerFrame).to.equal(8);
      expect(() => { RtPriceChart.maxDrawMsPerFrame = 0; }).to.throw(RangeError, /positive number/);
      expect(() => { RtPriceChart.maxDrawMsPerFrame = Number.NaN; }).to.throw(RangeError);
    } finally {
      RtPriceChart.maxDrawMsPerFrame = before;
    }
  });

  it('draws more points than pixels decimated, still in the trend colour, keeping every point in the window', async () => {
    const el = await chartOn(html`<rt-price-chart gateway=${GATEWAY} channel="prices.AAPL" window="2000" style="width: 300px"></rt-price-chart>`);
    for (let i = 1; i <= 2_000; i++) wire.receive(event(i, 100 + i + Math.sin(i) * 5));
    await frames(3);
    const chart = el.chart!;
    expect(el.size).to.equal(2_000);
    expect(chart.data.datasets[0].data.length).to.be.at.most(chart.width + 2);
    const counts = countColours(chart.canvas, { up: rgbOf('hsl(154 80% 60%)'), down: rgbOf('hsl(346 80% 62%)') });
    expect(counts.up).to.be.greaterThan(50);
    expect(counts.up).to.be.greaterThan(counts.down * 10);
  });

  it('refines a partial hint in place instead of adding a point', async () => {
    const el = await chartOn();
    wire.receive(event(1, 10));
    wire.receive({ type: 'event', channel: 'prices.AAPL', id: '0-2', ts: T0 + 2_000, data: { price: 11 }, partial: true });
    wire.receive(event(2, 11.5));
    await frames();
    expect(el.points.map((p) => p.y)).to.deep.equal([10, 11.5]);
  });

  it('draws a rising window in the up colour and a falling one in the down colour', async () => {
    const up = rgbOf('hsl(154 80% 60%)');
    const down = rgbOf('hsl(346 80% 62%)');
    const el = await chartOn();
    for (let i = 1; i <= 60; i++) wire.receive(event(i, 100 + i));
    await frames();
    expect(el.getAttribute('trend')).to.equal('up');
    let counts = countColours(el.chart!.canvas, { up, down });
    expect(counts.up).to.be.greaterThan(50);
    expect(counts.up).to.be.greaterThan(counts.down * 10);

    for (let i = 61; i <= 400; i++) wire.receive(event(i, 1_000 - i));
    await frames();
    expect(el.getAttribute('trend')).to.equal('down');
    counts = countColours(el.chart!.canvas, { up, down });
    expect(counts.down).to.be.greaterThan(50);
    expect(counts.down).to.be.greaterThan(counts.up * 10);
  });

  it('follows --rt-color-positive set on the page', async () => {
    const el = await chartOn(html`<rt-price-chart style="--rt-color-positive: rgb(0, 0, 255)" gateway=${GATEWAY} channel="prices.AAPL"></rt-price-chart>`);
    for (let i = 1; i <= 30; i++) wire.receive(event(i, i));
    await frames();
    const counts = countColours(el.chart!.canvas, { blue: [0, 0, 255], green: rgbOf('hsl(154 80% 60%)') });
    expect(counts.blue).to.be.greaterThan(50);
    expect(counts.green).to.equal(0);
  });

  it('fills from the channel history the page already holds when it connects', async () => {
    const manager = (await import('../../connection/manager-registry.ts')).getManager(GATEWAY);
    const release = manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    for (let i = 1; i <= 5; i++) factory.latest.receive(event(i, 50 + i));
    const el = await fixture<RtPriceChart>(html`<rt-price-chart gateway=${GATEWAY} channel="prices.AAPL"></rt-price-chart>`);
    await el.chartReady;
    await frames();
    expect(el.points.map((p) => p.y)).to.deep.equal([51, 52, 53, 54, 55]);
    expect(el.chart!.data.datasets[0].data).to.have.length(5);
    release();
  });

  it('can also fill from the REST history endpoint on the gateway origin', async () => {
    const realFetch = globalThis.fetch;
    const asked: string[] = [];
    globalThis.fetch = (async (url: string) => {
      asked.push(String(url));
      return new Response(JSON.stringify({ channel: 'prices.AAPL', events: [1, 2, 3].map((i) => ({ id: `0-${i}`, ts: T0 + i * 1_000, data: { price: i } })), more: false }));
    }) as typeof fetch;
    try {
      const el = await chartOn(html`<rt-price-chart rest-history window="100" gateway=${GATEWAY} channel="prices.AAPL"></rt-price-chart>`);
      wire.receive(event(4, 4));
      await waitUntil(() => el.size === 4, 'REST history merged');
      expect(asked).to.deep.equal(['http://gateway.test/api/channels/prices.AAPL/history?limit=100']);
      expect(el.points.map((p) => p.y)).to.deep.equal([1, 2, 3, 4]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('is an image labelled with the last value and the change over the window', async () => {
    const el = await chartOn(html`<rt-price-chart label="AAPL" locale="en-US" decimals="2" gateway=${GATEWAY} channel="prices.AAPL"></rt-price-chart>`);
    const base = el.shadowRoot!.querySelector('[part="base"]')!;
    expect(base.getAttribute('role')).to.equal('img');
    expect(base.getAttribute('aria-label')).to.equal('AAPL: no data yet');
    wire.receive(event(1, 100));
    wire.receive(event(2, 102.5));
    await frames();
    await el.updateComplete;
    expect(base.getAttribute('aria-label')).to.equal('AAPL: 102.50, up 2.50% over the last 2 points');
  });

  it('dims when the channel goes stale and keeps its points', async () => {
    const el = await chartOn();
    wire.receive(event(1, 100));
    await frames();
    wire.drop(1006);
    await el.updateComplete;
    expect(el.hasAttribute('stale')).to.equal(true);
    await waitUntil(() => Number(getComputedStyle(el).opacity) < 1, 'dimmed');
    expect(el.size).to.equal(1);
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.match(/\(stale\)$/);
  });

  it('goes stale when the channel is silent for `stale-after` ms', async () => {
    const el = await chartOn(html`<rt-price-chart stale-after="50" gateway=${GATEWAY} channel="prices.AAPL"></rt-price-chart>`);
    wire.receive(event(1, 100));
    await el.updateComplete;
    expect(el.hasAttribute('stale')).to.equal(false);
    await waitUntil(() => el.hasAttribute('stale'), 'stale after silence', { timeout: 1_000 });
    wire.receive(event(2, 101));
    await el.updateComplete;
    expect(el.hasAttribute('stale')).to.equal(false);
  });

  it('draws a crosshair through the point under the tooltip', async () => {
    const el = await chartOn();
    for (let i = 1; i <= 40; i++) wire.receive(event(i, 100 + (i % 7)));
    await frames();
    const chart = el.chart!;
    const point = chart.getDatasetMeta(0).data[20];
    const column = () => {
      const ratio = chart.currentDevicePixelRatio;
      const x = Math.round(point.x * ratio);
      const top = Math.round(chart.chartArea.top * ratio);
      // The top third only: the point (and the tooltip box beside it) sits at the bottom.
      const height = Math.round(((chart.chartArea.bottom - chart.chartArea.top) / 3) * ratio);
      return Array.from(chart.ctx.getImageData(x, top, 1, height).data);
    };
    expect(point.y).to.be.greaterThan((chart.chartArea.top + chart.chartArea.bottom) / 2);
    const before = column();
    chart.tooltip!.setActiveElements([{ datasetIndex: 0, index: 20 }], { x: point.x, y: point.y });
    chart.update('none');
    expect(chart.tooltip!.getActiveElements()).to.have.length(1);
    expect(column()).to.not.deep.equal(before);
  });

  it('destroys the chart when removed, and rebuilds it when put back', async () => {
    const el = await chartOn();
    wire.receive(event(1, 100));
    await frames();
    const canvas = el.chart!.canvas;
    expect(Chart.getChart(canvas)).to.equal(el.chart);
    const parent = el.parentElement!;
    el.remove();
    expect(Chart.getChart(canvas)).to.equal(undefined);
    expect(el.chart).to.equal(undefined);
    parent.append(el);
    await el.chartReady;
    expect(el.chart).to.be.instanceOf(Chart);
    expect(el.chart!.data.datasets[0].data).to.have.length(1);
  });

  it('does not build a chart that finished loading after the element left', async () => {
    const el = document.createElement('rt-price-chart');
    document.body.append(el);
    const pending = el.chartReady;
    el.remove();
    await pending;
    await aTimeout(0);
    expect(el.chart).to.equal(undefined);
    expect(Object.keys(Chart.instances)).to.have.length(0);
  });
});
