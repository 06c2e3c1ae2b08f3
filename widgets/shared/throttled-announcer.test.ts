import { aTimeout, expect } from '@open-wc/testing';
import { describe, it } from '../test-support/mocha.ts';
import { ThrottledAnnouncer } from './throttled-announcer.ts';

describe('ThrottledAnnouncer', () => {
  it('says the first text at once, then only the latest, at most every interval', async () => {
    const said: string[] = [];
    const announcer = new ThrottledAnnouncer((text) => said.push(text), 50);
    announcer.announce('a');
    announcer.announce('b');
    announcer.announce('c');
    expect(said).to.deep.equal(['a']);
    await aTimeout(120);
    expect(said).to.deep.equal(['a', 'c']);
  });

  it('calls a text function only for what it says', async () => {
    const said: string[] = [];
    const made: string[] = [];
    const announcer = new ThrottledAnnouncer((text) => said.push(text), 50);
    const lazy = (text: string) => () => { made.push(text); return text; };
    announcer.announce(lazy('1'));
    for (let i = 2; i <= 20; i++) announcer.announce(lazy(String(i)));
    await aTimeout(120);
    expect(said).to.deep.equal(['1', '20']);
    expect(made).to.deep.equal(['1', '20']);
  });

  it('says a text that comes after the interval itself, and its fallback timer never fires', async () => {
    let now = 0;
    const said: string[] = [];
    const announcer = new ThrottledAnnouncer((text) => said.push(text), 50, () => now);
    announcer.announce('a');
    announcer.announce('b'); // waits for the interval; a fallback timer is set
    now = 50;
    announcer.announce('c'); // due: goes out now, and b with it is no longer owed
    expect(said).to.deep.equal(['a', 'c']);
    await aTimeout(100);
    expect(said).to.deep.equal(['a', 'c']);
  });
});
