import { expect } from '@open-wc/testing';
import { configure, resetConfig } from './config.ts';
import { resolveGatewayUrl, toWebSocketUrl } from './gateway-url.ts';
import { afterEach, describe, it } from '../test-support/mocha.ts';

function withMeta(content: string): () => void {
  const meta = document.createElement('meta');
  meta.name = 'rtdash-gateway';
  meta.content = content;
  document.head.append(meta);
  return () => meta.remove();
}

describe('gateway URL', () => {
  afterEach(() => resetConfig());

  it('defaults to same-origin /ws following the page protocol', () => {
    const expected = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
    expect(resolveGatewayUrl()).to.equal(expected);
  });

  it('prefers explicit, then meta, then configure()', () => {
    configure({ gateway: 'https://configured.example' });
    expect(resolveGatewayUrl()).to.equal('wss://configured.example/ws');
    const removeMeta = withMeta('http://meta.example:8080/ws');
    try {
      expect(resolveGatewayUrl()).to.equal('ws://meta.example:8080/ws');
      expect(resolveGatewayUrl('wss://explicit.example/live')).to.equal('wss://explicit.example/live');
      expect(resolveGatewayUrl('  ')).to.equal('ws://meta.example:8080/ws');
    } finally {
      removeMeta();
    }
  });

  it('converts http(s) to ws(s), resolves relative paths and rejects other schemes', () => {
    expect(toWebSocketUrl('https://a.example/stream?x=1')).to.equal('wss://a.example/stream?x=1');
    expect(toWebSocketUrl('http://a.example')).to.equal('ws://a.example/ws');
    expect(toWebSocketUrl('/ws', 'https://page.example/dash/')).to.equal('wss://page.example/ws');
    expect(toWebSocketUrl('ws', 'http://page.example/dash/')).to.equal('ws://page.example/dash/ws');
    expect(() => toWebSocketUrl('ftp://a.example')).to.throw(TypeError);
  });
});
