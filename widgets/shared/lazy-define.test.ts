import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { afterEach, describe, it } from '../test-support/mocha.ts';
import { defineOnFirstUse, type LazyElements } from './lazy-define.ts';

let unique = 0;
/** A fresh tag per test (a tag can be defined only once per page) and a loader that counts its calls. */
function lazyTag() {
  const tag = `rt-lazy-test-${++unique}`;
  const loader = { calls: 0, load: async () => {
    loader.calls += 1;
    await aTimeout(5); // a chunk arriving over the network
    if (!customElements.get(tag)) customElements.define(tag, class extends HTMLElement { loaded = true; });
  } };
  return { tag, loader };
}

describe('defineOnFirstUse', () => {
  let lazy: LazyElements | undefined;
  afterEach(() => lazy?.stop());

  it('loads nothing while the tag is not in the page', async () => {
    const { tag, loader } = lazyTag();
    lazy = defineOnFirstUse({ [tag]: loader.load });
    document.createElement(tag); // created, never attached
    await aTimeout(30);
    expect(loader.calls).to.equal(0);
    expect(customElements.get(tag)).to.equal(undefined);
  });

  it('loads an element once when its tag first appears, and upgrades every copy', async () => {
    const { tag, loader } = lazyTag();
    lazy = defineOnFirstUse({ [tag]: loader.load });
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    wrapper.innerHTML = `<section><${tag}></${tag}></section><${tag}></${tag}>`;
    await customElements.whenDefined(tag);
    wrapper.append(document.createElement(tag));
    await aTimeout(10);
    expect(loader.calls).to.equal(1);
    for (const el of wrapper.querySelectorAll(tag)) expect((el as HTMLElement & { loaded?: boolean }).loaded).to.equal(true);
  });

  it('finds tags already in the page when it starts', async () => {
    const { tag, loader } = lazyTag();
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    wrapper.innerHTML = `<${tag}></${tag}>`;
    lazy = defineOnFirstUse({ [tag]: loader.load });
    await customElements.whenDefined(tag);
    expect(loader.calls).to.equal(1);
  });

  it('load() defines a tag the page has not used yet, and resolves with its class', async () => {
    const { tag, loader } = lazyTag();
    lazy = defineOnFirstUse({ [tag]: loader.load });
    const [element] = await lazy.load(tag);
    expect(element).to.equal(customElements.get(tag));
    await lazy.load(tag);
    expect(loader.calls).to.equal(1);
  });

  it('fetches nothing for a tag a second copy of the script already defined', async () => {
    const { tag, loader } = lazyTag();
    customElements.define(tag, class extends HTMLElement {});
    lazy = defineOnFirstUse({ [tag]: loader.load });
    await lazy.load(tag);
    await fixture(html`<div>${document.createElement(tag)}</div>`);
    expect(loader.calls).to.equal(0);
  });

  it('names the unknown tag, and tries a failed load again on the next appearance', async () => {
    const { tag } = lazyTag();
    let calls = 0;
    lazy = defineOnFirstUse({ [tag]: async () => { calls += 1; if (calls === 1) throw new Error('network down'); customElements.define(tag, class extends HTMLElement {}); } });
    const error = console.error;
    const logged: string[] = [];
    console.error = (message: string) => { logged.push(message); };
    try {
      let failure: Error | undefined;
      await lazy.load('rt-nope').catch((e: Error) => { failure = e; });
      expect(failure?.message).to.contain('<rt-nope>');
      await fixture(html`<div>${document.createElement(tag)}</div>`);
      await aTimeout(20);
      expect(logged.some((m) => m.includes(`<${tag}>`) && m.includes('network down'))).to.equal(true);
      await fixture(html`<div>${document.createElement(tag)}</div>`);
      await customElements.whenDefined(tag);
      expect(calls).to.equal(2);
    } finally {
      console.error = error;
    }
  });
});
