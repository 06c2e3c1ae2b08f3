/** The script-tag entry: nothing defined up front, each element defined when its tag first appears. */
import { expect, fixture, html } from '@open-wc/testing';
import { describe, it } from './test-support/mocha.ts';
import { getConfig } from './connection/config.ts';
import { configure, loadElements } from './script-tag.ts';

describe('script-tag entry (dist/rtdash.js)', () => {
  it('defines no element until its tag appears, then that one only', async () => {
    expect(customElements.get('rt-animated-number')).to.equal(undefined);
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    wrapper.innerHTML = '<rt-animated-number value="5" locale="en-US"></rt-animated-number>';
    const element = await customElements.whenDefined('rt-animated-number');
    const number = wrapper.querySelector('rt-animated-number') as HTMLElement & { updateComplete: Promise<boolean> };
    expect(number).to.be.instanceOf(element);
    await number.updateComplete;
    expect(number.shadowRoot!.querySelector('[part="value"]')!.textContent).to.equal('5');
    expect(customElements.get('rt-price-chart')).to.equal(undefined);
    expect(customElements.get('rt-stat-card')).to.equal(undefined);
  });

  it('loadElements() defines elements before any is in the page', async () => {
    const [chart] = await loadElements('rt-price-chart');
    expect(customElements.get('rt-price-chart')).to.equal(chart);
  });

  it('configure() writes the settings the connection code reads', () => {
    configure({ transport: 'sse' });
    expect(getConfig().transport).to.equal('sse');
    configure({ transport: 'websocket' });
  });
});
