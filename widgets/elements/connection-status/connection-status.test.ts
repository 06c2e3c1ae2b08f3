import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { systemClock } from '../../connection/clock.ts';
import { ConnectionManager, type ConnectionManagerOptions } from '../../connection/connection-manager.ts';
import { closeAllManagers, registerManager } from '../../connection/manager-registry.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory } from '../../test-support/fake-transport.ts';
import { afterEach, beforeEach, describe, it } from '../../test-support/mocha.ts';
import { RtConnectionStatus, describeConnection } from './connection-status.ts';

const GATEWAY = 'ws://gateway.test/ws';

const part = (el: RtConnectionStatus, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
const label = (el: RtConnectionStatus) => part(el, 'label')?.textContent ?? '';
const liveRegion = (el: RtConnectionStatus) => el.shadowRoot!.querySelector('[role="status"]')!;

describe('<rt-connection-status>', () => {
  let clock: FakeClock;
  let network: FakeNetwork;
  let factory: FakeTransportFactory;
  let manager: ConnectionManager;

  function useManager(options: ConnectionManagerOptions = {}): void {
    manager = new ConnectionManager(GATEWAY, {
      clock, network, transport: factory.create, backoff: { baseMs: 6_000, random: () => 0.5 }, ...options,
    });
    registerManager(manager);
  }

  async function render(template = html`<rt-connection-status gateway=${GATEWAY} locale="en-US"></rt-connection-status>`) {
    return fixture<RtConnectionStatus>(template);
  }

  async function settle(el: RtConnectionStatus): Promise<void> {
    await el.updateComplete;
  }

  beforeEach(() => {
    clock = new FakeClock();
    network = new FakeNetwork();
    factory = new FakeTransportFactory();
    RtConnectionStatus.clock = clock;
    useManager();
  });

  afterEach(() => {
    RtConnectionStatus.clock = systemClock;
    closeAllManagers();
  });

  it('is defined, and a second copy of the registration script is tolerated', async () => {
    expect(customElements.get('rt-connection-status')).to.equal(RtConnectionStatus);
    const copy = new URL('./connection-status.ts?copy=2', import.meta.url).href;
    await import(/* @vite-ignore */ copy);
    expect(customElements.get('rt-connection-status')).to.equal(RtConnectionStatus);
  });

  it('watching the connection never opens it', async () => {
    const el = await render();
    expect(factory.made).to.have.length(0);
    expect(el.getAttribute('state')).to.equal('idle');
    expect(label(el)).to.equal('Idle');
    expect(part(el, 'retry')).to.equal(null);
  });

  it('walks connecting → live → reconnecting in N s (attempt k) → live, with latency and Retry now', async () => {
    const el = await render();
    const unsubscribe = manager.subscribe('prices.AAPL', () => {});
    await settle(el);
    expect(el.getAttribute('state')).to.equal('connecting');
    expect(label(el)).to.equal('Connecting…');
    expect(part(el, 'dot')!.classList.contains('pending')).to.equal(true);
    expect(part(el, 'retry')).to.equal(null);

    const first = factory.latest;
    first.open();
    await settle(el);
    expect(el.getAttribute('state')).to.equal('open');
    expect(label(el)).to.equal('Live');
    expect(part(el, 'dot')!.classList.contains('live')).to.equal(true);
    expect(part(el, 'latency')).to.equal(null); // not measured yet
    expect(part(el, 'retry')).to.equal(null);

    const ping = first.framesOfType('ping')[0]!;
    clock.advance(42);
    first.receive({ type: 'pong', ts: ping.ts });
    await settle(el);
    expect(part(el, 'latency')!.textContent).to.equal('round trip 42 ms');

    first.drop(1006);
    await settle(el);
    expect(el.getAttribute('state')).to.equal('reconnecting');
    expect(label(el)).to.equal('Reconnecting in 3 s (attempt 1)');
    expect(part(el, 'latency')).to.equal(null);
    expect(part(el, 'retry')!.textContent).to.equal('Retry now');

    // The countdown ticks on the clock; the spoken sentence does not.
    await waitUntil(() => liveRegion(el).textContent === 'Connection: lost, reconnecting, attempt 1', 'announced', { timeout: 3_000 });
    clock.advance(1_000);
    await settle(el);
    expect(label(el)).to.equal('Reconnecting in 2 s (attempt 1)');
    clock.advance(1_000);
    await settle(el);
    expect(label(el)).to.equal('Reconnecting in 1 s (attempt 1)');
    expect(liveRegion(el).textContent).to.equal('Connection: lost, reconnecting, attempt 1');

    let retries = 0;
    const retryNow = manager.retryNow.bind(manager);
    manager.retryNow = () => { retries++; retryNow(); };
    part(el, 'retry')!.click();
    await settle(el);
    expect(retries).to.equal(1);
    expect(factory.made).to.have.length(2);
    expect(el.getAttribute('state')).to.equal('connecting');
    expect(label(el)).to.equal('Connecting (attempt 1)');
    expect(part(el, 'retry')).to.equal(null);

    factory.latest.open();
    await settle(el);
    expect(label(el)).to.equal('Live');
    expect(part(el, 'retry')).to.equal(null);
    expect(part(el, 'latency')!.textContent).to.equal('round trip 42 ms');
    unsubscribe();
  });

  it('reconnects by itself when the countdown runs out', async () => {
    const el = await render();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.drop(1006);
    await settle(el);
    expect(label(el)).to.equal('Reconnecting in 3 s (attempt 1)');
    clock.advance(3_000);
    await settle(el);
    expect(label(el)).to.equal('Connecting (attempt 1)');
    factory.latest.open();
    await settle(el);
    expect(label(el)).to.equal('Live');
  });

  it('shows circuit open with the retry time, and Retry now', async () => {
    useManager({ breaker: { failureThreshold: 1, cooldownMs: 30_000 } });
    const el = await render();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.drop(1006);
    await settle(el);
    expect(el.getAttribute('state')).to.equal('circuit-open');
    const state = manager.state;
    if (state.name !== 'circuit-open') throw new Error('expected circuit-open');
    const at = new Intl.DateTimeFormat('en-US', { timeStyle: 'medium' }).format(state.retryAt);
    expect(label(el)).to.equal(`Circuit open (retry at ${at})`);
    expect(part(el, 'dot')!.classList.contains('down')).to.equal(true);
    expect(part(el, 'retry')).to.not.equal(null);
  });

  it('shows offline with Retry now, and closed without it once the page closed the manager', async () => {
    const el = await render();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    network.set(false);
    await settle(el);
    expect(label(el)).to.equal('Offline');
    expect(part(el, 'retry')).to.not.equal(null);
    manager.close();
    await settle(el);
    expect(el.getAttribute('state')).to.equal('closed');
    expect(label(el)).to.equal('Closed');
    expect(part(el, 'retry')).to.equal(null);
  });

  it('compact: only the dot, with the words as tooltip and accessible name', async () => {
    const el = await render(html`<rt-connection-status gateway=${GATEWAY} compact></rt-connection-status>`);
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.drop(1006);
    await settle(el);
    const dot = part(el, 'dot')!;
    expect(dot.getAttribute('role')).to.equal('img');
    expect(dot.getAttribute('aria-label')).to.equal('Reconnecting in 3 s (attempt 1)');
    expect(part(el, 'base')!.getAttribute('title')).to.equal('Reconnecting in 3 s (attempt 1)');
    expect(getComputedStyle(part(el, 'label')!).display).to.equal('none');
    expect(getComputedStyle(part(el, 'retry')!).display).to.equal('none');
    expect(dot.getBoundingClientRect().width).to.be.greaterThan(0);
  });

  it('a full view has a visible label beside the dot, and a polite status region', async () => {
    const el = await render();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    await settle(el);
    expect(part(el, 'dot')!.getAttribute('aria-hidden')).to.equal('true');
    expect(part(el, 'dot')!.hasAttribute('role')).to.equal(false);
    expect(part(el, 'base')!.hasAttribute('title')).to.equal(false);
    expect(part(el, 'label')!.getBoundingClientRect().width).to.be.greaterThan(0);
    const region = liveRegion(el);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.getAttribute('aria-atomic')).to.equal('true');
    // The dot colour differs between live and down states (and the words always say it too).
    const live = getComputedStyle(part(el, 'dot')!).backgroundColor;
    network.set(false);
    await settle(el);
    expect(getComputedStyle(part(el, 'dot')!).backgroundColor).to.not.equal(live);
  });

  it('lets go of the manager when removed and follows it again when put back', async () => {
    const el = await render();
    const parent = el.parentElement!;
    el.remove();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.drop(1006);
    parent.append(el);
    await settle(el);
    expect(label(el)).to.equal('Reconnecting in 3 s (attempt 1)');
    clock.advance(1_000);
    await settle(el);
    expect(label(el)).to.equal('Reconnecting in 2 s (attempt 1)');
  });

  it('describes every state in words', () => {
    const context = { now: 0, latencyMs: 7.4, canRetry: true, formatTime: () => '12:00:00' };
    const cause = { reason: 'x' };
    expect(describeConnection({ name: 'idle' }, context)).to.include({ label: 'Idle', retry: false });
    expect(describeConnection({ name: 'open', transport: 'fake' }, context)).to.include({ label: 'Live', latency: '7 ms', retry: false });
    expect(describeConnection({ name: 'reconnecting', attempt: 2, delayMs: 2_500, retryAt: 2_500, cause }, context))
      .to.include({ label: 'Reconnecting in 3 s (attempt 2)', retry: true });
    expect(describeConnection({ name: 'reconnecting', attempt: 2, delayMs: 2_500, retryAt: 0, cause }, context))
      .to.include({ label: 'Reconnecting (attempt 2)' });
    expect(describeConnection({ name: 'circuit-open', retryAt: 1, failures: 5, cause }, context))
      .to.include({ label: 'Circuit open (retry at 12:00:00)', retry: true });
    expect(describeConnection({ name: 'closed', final: true, cause }, { ...context, canRetry: false }))
      .to.include({ label: 'Closed', retry: false });
  });
});
