import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { describe, it } from '../test-support/mocha.ts';
import { watchOnScreen } from './on-screen.ts';

/** Records what a watch reports. */
function watch(el: Element) {
  const seen: boolean[] = [];
  const stop = watchOnScreen(el, (onScreen) => seen.push(onScreen));
  return { seen, stop, get last() { return seen.at(-1); } };
}

describe('watchOnScreen', () => {
  it('reports soon whether an element is on screen', async () => {
    const root = await fixture<HTMLElement>(html`<div><span id="shown">a</span><span id="none" style="display: none">b</span></div>`);
    const shown = watch(root.querySelector('#shown')!);
    const none = watch(root.querySelector('#none')!);
    await waitUntil(() => shown.seen.length > 0 && none.seen.length > 0, 'first reports', { timeout: 1_000 });
    expect(shown.last).to.equal(true);
    expect(none.last).to.equal(false);
    shown.stop();
    none.stop();
  });

  it('samples, not tracks: one report per look, and a look again after a scroll', async () => {
    const root = await fixture<HTMLElement>(html`<div style="height: 200px; overflow: auto"><div style="height: 1000px"><span>a</span></div></div>`);
    const target = watch(root.querySelector('span')!);
    await waitUntil(() => target.seen.length === 1, 'first report', { timeout: 1_000 });
    await aTimeout(150);
    expect(target.seen).to.deep.equal([true]); // no second report without a look
    root.scrollTop = 600; // the span leaves the scroller's view
    await waitUntil(() => target.last === false, 'reported off screen after the scroll', { timeout: 1_000 });
    target.stop();
  });

  it('looks again within a second without any scroll, and stops reporting once stopped', async () => {
    const root = await fixture<HTMLElement>(html`<div><span>a</span></div>`);
    const span = root.querySelector('span')!;
    const target = watch(span);
    await waitUntil(() => target.seen.length === 1, 'first report', { timeout: 1_000 });
    span.style.display = 'none'; // not a scroll: found by the rolling look
    await waitUntil(() => target.last === false, 'reported hidden by the next look', { timeout: 1_500 });
    target.stop();
    const count = target.seen.length;
    span.style.display = '';
    await aTimeout(1_200);
    expect(target.seen.length).to.equal(count);
  });
});
