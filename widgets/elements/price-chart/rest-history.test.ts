import { expect } from '@open-wc/testing';
import { describe, it } from '../../test-support/mocha.ts';
import { historyUrl } from './rest-history.ts';

describe('historyUrl', () => {
  it('points at the gateway origin over http(s), the channel escaped', () => {
    expect(historyUrl('ws://gw.example:8080/ws', 'prices.AAPL', 300)).to.equal('http://gw.example:8080/api/channels/prices.AAPL/history?limit=300');
    expect(historyUrl('wss://gw.example/ws', 'a b', 10)).to.equal('https://gw.example/api/channels/a%20b/history?limit=10');
  });

  it('carries the gateway URL\'s token, since the gateway guards history like a subscription', () => {
    expect(historyUrl('wss://gw.example/ws?token=abc.def', 'prices.AAPL', 5)).to.equal('https://gw.example/api/channels/prices.AAPL/history?limit=5&token=abc.def');
  });
});
