import { expect, fixture, html } from '@open-wc/testing';
import { ConnectionManager } from '../../connection/connection-manager.ts';
import { closeAllManagers, registerManager } from '../../connection/manager-registry.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../../test-support/fake-transport.ts';
import { afterEach, describe, it } from '../../test-support/mocha.ts';
import { PointRing } from '../../shared/point-ring.ts';
import { RtSparkline, sparklinePath } from './sparkline.ts';

const GATEWAY = 'ws://gateway.test/ws';
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const path = (el: RtSparkline) => el.shadowRoot!.querySelector('[part="line"]')!;
const base = (el: RtSparkline) => el.shadowRoot!.querySelector('[part="base"]')!;

function resolved(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

describe('PointRing', () => {
  it('overwrites the oldest past its capacity and reads oldest first', () => {
    const ring = new PointRing(3);
    for (let i = 1; i <= 5; i++) ring.push(i, i * 10);
    expect(ring.length).to.equal(3);
    expect(ring.values()).to.deep.equal([30, 40, 50]);
    expect(ring.fillPoints([])).to.deep.equal([{ x: 3, y: 30 }, { x: 4, y: 40 }, { x: 5, y: 50 }]);
  });

  it('replaces the newest point when the same id comes again (refinement)', () => {
    const ring = new PointRing(3);
    ring.push(1, 1, 'a');
    ring.push(2, 2, 'b');
    ring.push(2, 2.5, 'b');
    expect(ring.values()).to.deep.equal([1, 2.5]);
  });

  it('reuses the target array and its objects', () => {
    const ring = new PointRing(4);
    ring.push(1, 1);
    ring.push(2, 2);
    const target = ring.fillPoints([]);
    const first = target[0];
    ring.push(3, 3);
    ring.push(4, 4);
    ring.push(5, 5);
    expect(ring.fillPoints(target)).to.equal(target);
    expect(target[0]).to.equal(first);
    expect(target.map((p) => p.y)).to.deep.equal([2, 3, 4, 5]);
  });

  it('keeps the newest points when resized', () => {
    const ring = new PointRing(5);
    for (let i = 1; i <= 7; i++) ring.push(i, i);
    ring.resize(2);
    expect(ring.values()).to.deep.equal([6, 7]);
    ring.resize(4);
    ring.push(8, 8);
    expect(ring.values()).to.deep.equal([6, 7, 8]);
  });
});

describe('<rt-sparkline>', () => {
  afterEach(() => closeAllManagers());

  it('is defined, and a second copy of the registration script is tolerated', async () => {
    expect(customElements.get('rt-sparkline')).to.equal(RtSparkline);
    await import(/* @vite-ignore */ new URL('./sparkline.ts?copy=2', import.meta.url).href);
    expect(customElements.get('rt-sparkline')).to.equal(RtSparkline);
  });

  it('draws values as a path scaled to its box', async () => {
    expect(sparklinePath([1, 3, 2])).to.equal('M0 100L50 0L100 50');
    expect(sparklinePath([5, 5])).to.equal('M0 50L100 50');
    expect(sparklinePath([7])).to.equal('M0 50L100 50');
    expect(sparklinePath([])).to.equal('');
    const el = await fixture<RtSparkline>(html`<rt-sparkline></rt-sparkline>`);
    el.values = [1, 3, 2];
    await el.updateComplete;
    expect(path(el).getAttribute('d')).to.equal('M0 100L50 0L100 50');
  });

  it('is coloured up for a rising window and down for a falling one', async () => {
    const el = await fixture<RtSparkline>(html`<rt-sparkline label="AAPL"></rt-sparkline>`);
    el.values = [1, 2, 4];
    await el.updateComplete;
    expect(el.getAttribute('trend')).to.equal('up');
    expect(getComputedStyle(path(el)).stroke).to.equal(resolved('hsl(154 80% 60%)'));
    expect(base(el).getAttribute('role')).to.equal('img');
    expect(base(el).getAttribute('aria-label')).to.match(/^AAPL: 4, up 300\.00% over the last 3 points$/);
    el.values = [4, 3, 1];
    await el.updateComplete;
    expect(el.getAttribute('trend')).to.equal('down');
    expect(getComputedStyle(path(el)).stroke).to.equal(resolved('hsl(346 80% 62%)'));
    expect(base(el).getAttribute('aria-label')).to.contain('down 75.00%');
  });

  it('takes its size from CSS', async () => {
    const el = await fixture<RtSparkline>(html`<rt-sparkline style="--rt-sparkline-width: 200px; --rt-sparkline-height: 40px"></rt-sparkline>`);
    const box = base(el).getBoundingClientRect();
    expect([box.width, box.height]).to.deep.equal([200, 40]);
  });

  it('follows a channel field, keeps `points` values, draws once per frame, dims when stale', async () => {
    const factory = new FakeTransportFactory();
    registerManager(new ConnectionManager(GATEWAY, { clock: new FakeClock(), network: new FakeNetwork(), transport: factory.create }));
    const el = await fixture<RtSparkline>(html`<rt-sparkline gateway=${GATEWAY} channel="metrics.web-1" field="load.cpu" points="5"></rt-sparkline>`);
    factory.latest.open();
    await flushMicrotasks();
    let renders = 0;
    const observer = new MutationObserver(() => { renders += 1; });
    observer.observe(path(el), { attributes: true, attributeFilter: ['d'] });
    for (let i = 1; i <= 8; i++) {
      factory.latest.receive({ type: 'event', channel: 'metrics.web-1', id: `0-${i}`, ts: i, data: { load: { cpu: i } } });
    }
    await nextFrame();
    await el.updateComplete;
    await flushMicrotasks();
    observer.disconnect();
    expect(el.values).to.deep.equal([4, 5, 6, 7, 8]);
    expect(renders).to.equal(1);
    factory.latest.drop(1006);
    await el.updateComplete;
    expect(el.hasAttribute('stale')).to.equal(true);
  });
});
