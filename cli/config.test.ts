/** The environment as the entry files read it: defaults, and a ConfigError naming each bad variable. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, readConfig } from './config.ts';
import { configWithFlags } from './backend-flags.ts';

describe('readConfig', () => {
  it('defaults to the embedded stack on 127.0.0.1:8080 with the ingest disabled', () => {
    assert.deepEqual(readConfig({}), {
      port: 8080, host: '127.0.0.1', kafkaBrokers: undefined, redisUrl: undefined, topic: 'rtdash.events', publishToken: undefined, jwtSecret: undefined,
      publicChannels: [], allowedOrigins: [], previewHoldMs: undefined, heartbeatIntervalMs: undefined,
    });
  });

  it('reads every variable', () => {
    const config = readConfig({
      PORT: '0', HOST: '0.0.0.0', RTDASH_KAFKA_BROKERS: ' a:1, b:2 ,', RTDASH_REDIS_URL: 'redis://r:6379/1',
      RTDASH_TOPIC: 'my.events', RTDASH_PUBLISH_TOKEN: 'f'.repeat(64), RTDASH_JWT_SECRET: 's'.repeat(32),
      RTDASH_PUBLIC_CHANNELS: 'public.*, status.>', RTDASH_ALLOWED_ORIGINS: 'https://dash.example,http://localhost:3000',
      RTDASH_PREVIEW_HOLD_MS: '0',
      RTDASH_HEARTBEAT_MS: '2000',
    });
    assert.deepEqual(config, {
      port: 0, host: '0.0.0.0', kafkaBrokers: ['a:1', 'b:2'], redisUrl: 'redis://r:6379/1', topic: 'my.events', publishToken: 'f'.repeat(64), jwtSecret: 's'.repeat(32),
      publicChannels: ['public.*', 'status.>'], allowedOrigins: ['https://dash.example', 'http://localhost:3000'],
      previewHoldMs: 0,
      heartbeatIntervalMs: 2000,
    });
  });

  it('treats an empty variable as unset', () => {
    assert.deepEqual(readConfig({ PORT: '', RTDASH_KAFKA_BROKERS: '', RTDASH_REDIS_URL: '', RTDASH_TOPIC: '', RTDASH_PUBLISH_TOKEN: '', RTDASH_JWT_SECRET: '' }), readConfig({}));
  });

  const bad: Array<[string, string]> = [
    ['PORT', '70000'], ['PORT', 'http'], ['PORT', '1e3'],
    ['RTDASH_KAFKA_BROKERS', 'localhost'], ['RTDASH_KAFKA_BROKERS', ','], ['RTDASH_KAFKA_BROKERS', 'a:1,b'],
    ['RTDASH_REDIS_URL', 'localhost:6379'],
    ['RTDASH_TOPIC', 'no spaces'],
    ['RTDASH_PUBLISH_TOKEN', 'short'], ['RTDASH_PUBLISH_TOKEN', 'has a space in it, sixteen+'],
    ['RTDASH_JWT_SECRET', 'x'.repeat(31)],
    ['RTDASH_PUBLIC_CHANNELS', 'a b'], ['RTDASH_PUBLIC_CHANNELS', 'prices.>.x'],
    ['RTDASH_ALLOWED_ORIGINS', 'dash.example'], ['RTDASH_ALLOWED_ORIGINS', 'https://dash.example/path'],
    ['RTDASH_PREVIEW_HOLD_MS', '-1'], ['RTDASH_PREVIEW_HOLD_MS', '2.5'], ['RTDASH_PREVIEW_HOLD_MS', '5000'],
    ['RTDASH_HEARTBEAT_MS', '99'], ['RTDASH_HEARTBEAT_MS', '2.5'], ['RTDASH_HEARTBEAT_MS', '15s'], ['RTDASH_HEARTBEAT_MS', '600001'],
  ];
  for (const [name, value] of bad) {
    it(`${name}=${JSON.stringify(value)} is a ConfigError naming the variable`, () => {
      assert.throws(() => readConfig({ [name]: value }), (error: Error) => error instanceof ConfigError && error.message.startsWith(`${name} must`));
    });
  }

  it('never repeats a secret in its message', () => {
    const secret = 'secret with spaces that is long';
    assert.throws(() => readConfig({ RTDASH_PUBLISH_TOKEN: secret }), (error: Error) => !error.message.includes(secret));
    assert.throws(() => readConfig({ RTDASH_JWT_SECRET: 'short secret' }), (error: Error) => !error.message.includes('short secret'));
  });

  it('lets --brokers, --redis and --topic override the environment, naming the flag when bad', () => {
    const env = { RTDASH_KAFKA_BROKERS: 'a:1', RTDASH_TOPIC: 'one' };
    assert.deepEqual(configWithFlags({ brokers: 'b:2', redis: 'redis://x', topic: 'two' }, env),
      { ...readConfig(env), kafkaBrokers: ['b:2'], redisUrl: 'redis://x', topic: 'two' });
    assert.throws(() => configWithFlags({ brokers: 'b' }, env), /^ConfigError: --brokers must/);
    assert.throws(() => configWithFlags({ topic: '' }, env), /--topic must/);
  });
});
