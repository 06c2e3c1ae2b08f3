import { expect } from '@open-wc/testing';
import { TransportChoice } from './transport-choice.ts';
import type { Transport } from './transport.ts';
import { FakeTransport } from '../test-support/fake-transport.ts';
import { describe, it } from '../test-support/mocha.ts';

/** Factories that say which of them made a transport. */
function factories() {
  const made: string[] = [];
  const factory = (name: string) => (): Transport => { made.push(name); return new FakeTransport(); };
  return { made, websocket: factory('websocket'), sse: factory('sse') };
}

/** One attempt whose transport never opens. */
function failAttempt(choice: TransportChoice): void {
  choice.beginAttempt();
  choice.make();
  choice.lost();
}

describe('TransportChoice', () => {
  it("'auto' makes WebSockets until N in a row never opened, then SSE for good", () => {
    const f = factories();
    const choice = new TransportChoice({ transport: 'auto', factories: f, fallbackAfter: 3 });
    failAttempt(choice);
    failAttempt(choice);
    expect(choice.next).to.equal('websocket');
    failAttempt(choice);
    expect(choice.next).to.equal('sse');
    choice.beginAttempt();
    choice.make();
    choice.opened();
    choice.lost();
    expect(choice.next).to.equal('sse');
    expect(f.made).to.deep.equal(['websocket', 'websocket', 'websocket', 'sse']);
  });

  it('a WebSocket that opened resets the count; one lost after opening does not count', () => {
    const choice = new TransportChoice({ transport: 'auto', factories: factories(), fallbackAfter: 2 });
    failAttempt(choice);
    choice.beginAttempt();
    choice.make();
    choice.opened();
    choice.lost();
    failAttempt(choice);
    expect(choice.next).to.equal('websocket');
    failAttempt(choice);
    expect(choice.next).to.equal('sse');
  });

  it('an attempt keeps its kind for every transport it makes (a reopened stream)', () => {
    const f = factories();
    const choice = new TransportChoice({ transport: 'sse', factories: f, fallbackAfter: 1 });
    choice.beginAttempt();
    choice.make();
    choice.make();
    expect(f.made).to.deep.equal(['sse', 'sse']);
  });

  it("fixed modes never switch, and a factory passed as transport is 'custom'", () => {
    const f = factories();
    const websocket = new TransportChoice({ transport: 'websocket', factories: f, fallbackAfter: 1 });
    for (let i = 0; i < 3; i++) failAttempt(websocket);
    expect(websocket.next).to.equal('websocket');
    const custom = new TransportChoice({ transport: f.sse, fallbackAfter: 1 });
    expect(custom.next).to.equal('custom');
    failAttempt(custom);
    expect(custom.next).to.equal('custom');
    expect(f.made.at(-1)).to.equal('sse');
  });
});
