import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findToken, readCookie } from './token-source.ts';

describe('readCookie', () => {
  it('finds a cookie by exact name, first occurrence, tolerating spaces and quotes', () => {
    assert.equal(readCookie('a=1; rtdash_token=t1; rtdash_token=t2', 'rtdash_token'), 't1');
    assert.equal(readCookie('  rtdash_token = "t" ', 'rtdash_token'), 't');
    assert.equal(readCookie('my_rtdash_token=x; rtdash_tokens=y', 'rtdash_token'), undefined);
  });

  it('decodes percent-escapes and keeps a value that will not decode', () => {
    assert.equal(readCookie('n=a%2Eb', 'n'), 'a.b');
    assert.equal(readCookie('n=100%', 'n'), '100%');
  });

  it('survives junk without throwing', () => {
    assert.equal(readCookie(undefined, 'n'), undefined);
    assert.equal(readCookie('', 'n'), undefined);
    assert.equal(readCookie(';;=;novalue; =x', 'n'), undefined);
    assert.equal(readCookie('__proto__=x; constructor=y', 'toString'), undefined);
    assert.equal(readCookie('__proto__=x', '__proto__'), 'x');
    assert.equal(readCookie('n=a=b', 'n'), 'a=b');
  });
});

describe('findToken', () => {
  it('reads repeated headers and joins cookie headers', () => {
    assert.equal(findToken({ headers: { authorization: ['Bearer one', 'Bearer two'] } })?.token, 'one');
    assert.equal(findToken({ headers: { cookie: ['a=1', 'rtdash_token=c'] } })?.token, 'c');
  });

  it('keeps a Bearer value with spaces whole, so verification refuses it', () => {
    assert.equal(findToken({ headers: { authorization: 'Bearer a b' } })?.token, 'a b');
  });

  it('finds nothing in an empty request or an unparsable URL', () => {
    assert.equal(findToken({ headers: {} }), undefined);
    assert.equal(findToken({ url: 'http://[bad', headers: {} }), undefined);
  });
});
