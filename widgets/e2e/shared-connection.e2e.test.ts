/**
 * Against a real gateway (test/support/wtr-gateway-plugin.mjs): ten elements on three channels
 * share one socket and one wire subscription per channel, and a channel nobody shows any more
 * is unsubscribed on the wire after the manager's linger.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { closeAllManagers } from '../connection/manager-registry.ts';
import '../elements/animated-number/animated-number.ts';
import '../elements/flashing-value/flashing-value.ts';
import '../elements/sparkline/sparkline.ts';
import type { RtSparkline } from '../elements/sparkline/sparkline.ts';
import { afterEach, beforeEach, describe, it } from '../test-support/mocha.ts';
import { allow, cleanGateway, countWebSockets, gatewayInfo, publish, uniqueChannel, waitFor } from './gateway-control.ts';

const valueText = (el: Element) => el.shadowRoot?.querySelector('[part="value"]')?.textContent ?? '';

describe('e2e: one shared connection to a real gateway', () => {
  let sockets: ReturnType<typeof countWebSockets>;

  beforeEach(async () => {
    await cleanGateway();
    sockets = countWebSockets();
  });

  afterEach(() => {
    sockets.restore();
    closeAllManagers();
  });

  it('ten elements on three channels open one socket and three wire subscriptions; a channel left alone is unsubscribed after the linger', async function () {
    allow(this, 15_000);
    const { wsUrl } = await gatewayInfo();
    const [a, b, c] = [uniqueChannel('share-a'), uniqueChannel('share-b'), uniqueChannel('share-c')];
    await publish({ channel: a, data: { price: 101 } });
    await publish({ channel: b, data: { price: 202 } });
    await publish({ channel: c, data: { price: 303 } });

    const root = await fixture<HTMLDivElement>(html`<div>
      <rt-animated-number channel=${a} field="price" gateway=${wsUrl} locale="en-US"></rt-animated-number>
      <rt-animated-number channel=${a} field="price" gateway=${wsUrl} locale="en-US"></rt-animated-number>
      <rt-flashing-value channel=${a} field="price" gateway=${wsUrl} locale="en-US"></rt-flashing-value>
      <rt-sparkline channel=${a} gateway=${wsUrl}></rt-sparkline>
      <rt-animated-number channel=${b} field="price" gateway=${wsUrl} locale="en-US"></rt-animated-number>
      <rt-flashing-value channel=${b} field="price" gateway=${wsUrl} locale="en-US"></rt-flashing-value>
      <rt-sparkline channel=${b} gateway=${wsUrl}></rt-sparkline>
      <rt-animated-number channel=${c} field="price" gateway=${wsUrl} locale="en-US"></rt-animated-number>
      <rt-flashing-value channel=${c} field="price" gateway=${wsUrl} locale="en-US"></rt-flashing-value>
      <rt-sparkline channel=${c} gateway=${wsUrl}></rt-sparkline>
    </div>`);
    const elements = [...root.children];
    expect(elements).to.have.length(10);
    const expected: Record<string, string> = { [a]: '101', [b]: '202', [c]: '303' };

    // Every element shows its channel's snapshot, delivered through the one socket.
    await waitFor(
      () => elements.map((el) => el.localName === 'rt-sparkline'
        ? String((el as RtSparkline).values.at(-1) ?? '')
        : valueText(el)),
      (shown) => shown.every((text, i) => text === expected[elements[i].getAttribute('channel')!]),
      'every element to show its snapshot',
    );
    const info = await waitFor(gatewayInfo, (i) => Object.keys(i.subscriptions).length === 3, 'three wire subscriptions');
    expect(sockets.urls).to.deep.equal([wsUrl]);
    expect(info.connections).to.equal(1);
    expect(info.subscriptions).to.deep.equal({ [a]: 1, [b]: 1, [c]: 1 });

    // Live events reach every element of the channel.
    await publish({ channel: b, data: { price: 250 } });
    const ofB = elements.filter((el) => el.getAttribute('channel') === b);
    await waitFor(() => ofB.map((el) => el.localName === 'rt-sparkline' ? String((el as RtSparkline).values.at(-1)) : valueText(el)),
      (shown) => shown.every((text) => text === '250'), 'the new value of b on all three of its elements');

    // Remove every element of b: still subscribed during the linger, gone on the wire after it.
    const removedAt = performance.now();
    for (const el of ofB) el.remove();
    expect((await gatewayInfo()).subscriptions[b]).to.equal(1);
    const after = await waitFor(gatewayInfo, (i) => !(b in i.subscriptions), 'b to be unsubscribed on the wire', { timeoutMs: 4_000 });
    const lingered = performance.now() - removedAt;
    expect(lingered).to.be.greaterThan(700); // the manager's 1 s linger, less timer slack
    expect(after.subscriptions).to.deep.equal({ [a]: 1, [c]: 1 });
    expect(after.connections).to.equal(1);
    expect(sockets.urls).to.have.length(1);

    // Removing the rest closes the connection (manager goes idle after the linger).
    for (const el of [...root.children]) el.remove();
    const idle = await waitFor(gatewayInfo, (i) => i.connections === 0, 'the socket to close once no channel is left', { timeoutMs: 4_000 });
    expect(idle.subscriptions).to.deep.equal({});
    expect(sockets.urls).to.have.length(1);
  });
});
