import { expect } from '@open-wc/testing';
import {
  CONNECTION_STATES, ConnectionStateMachine, IllegalTransitionError, TRANSITIONS, type StateChange,
} from './connection-state.ts';
import { describe, it } from '../test-support/mocha.ts';

const cause = { code: 1006, reason: 'gone' };

function record(machine: ConnectionStateMachine): StateChange[] {
  const changes: StateChange[] = [];
  machine.addEventListener('statechange', (event) => changes.push((event as CustomEvent<StateChange>).detail));
  return changes;
}

describe('ConnectionStateMachine', () => {
  it('starts idle and walks idle → connecting → open → reconnecting → connecting → open', () => {
    const machine = new ConnectionStateMachine();
    const changes = record(machine);
    expect(machine.name).to.equal('idle');
    machine.transition({ name: 'connecting', attempt: 0 });
    machine.transition({ name: 'open', transport: 'websocket' });
    machine.transition({ name: 'reconnecting', attempt: 1, delayMs: 250, retryAt: 1_250, cause });
    machine.transition({ name: 'connecting', attempt: 1 });
    machine.transition({ name: 'open', transport: 'websocket' });
    expect(changes.map((c) => `${c.from}→${c.to}`)).to.deep.equal([
      'idle→connecting', 'connecting→open', 'open→reconnecting', 'reconnecting→connecting', 'connecting→open',
    ]);
    expect(changes[2].detail).to.deep.equal({ name: 'reconnecting', attempt: 1, delayMs: 250, retryAt: 1_250, cause });
    expect(changes[3].previous.name).to.equal('reconnecting');
  });

  it('rejects illegal transitions and stays where it was, without an event', () => {
    const machine = new ConnectionStateMachine();
    const changes = record(machine);
    expect(() => machine.transition({ name: 'open', transport: 'websocket' })).to.throw(IllegalTransitionError, 'idle → open');
    expect(() => machine.transition({ name: 'reconnecting', attempt: 1, delayMs: 0, retryAt: 0, cause })).to.throw(IllegalTransitionError);
    expect(machine.name).to.equal('idle');
    expect(changes).to.have.length(0);
    machine.transition({ name: 'connecting', attempt: 0 });
    expect(() => machine.transition({ name: 'connecting', attempt: 0 })).to.throw(IllegalTransitionError);
    machine.transition({ name: 'closed', final: true, cause });
    expect(machine.can('open')).to.equal(false);
    expect(machine.can('reconnecting')).to.equal(false);
    expect(machine.can('connecting')).to.equal(true);
  });

  it('goes through circuit-open and offline only by the table', () => {
    const machine = new ConnectionStateMachine();
    machine.transition({ name: 'connecting', attempt: 4 });
    machine.transition({ name: 'circuit-open', retryAt: 30_000, failures: 5, cause });
    expect(machine.can('open')).to.equal(false);
    machine.transition({ name: 'connecting', attempt: 5 });
    machine.transition({ name: 'offline' });
    expect(machine.can('reconnecting')).to.equal(false);
    machine.transition({ name: 'connecting', attempt: 0 });
    expect(machine.name).to.equal('connecting');
  });

  it('names a table row for every state and only known states as targets', () => {
    expect(Object.keys(TRANSITIONS).sort()).to.deep.equal([...CONNECTION_STATES].sort());
    for (const targets of Object.values(TRANSITIONS)) {
      for (const target of targets) expect(CONNECTION_STATES).to.include(target);
    }
  });
});
