/** RTDASH_HEARTBEAT_MS reaches the gateway `rtdash gateway` runs: its heartbeat frames announce and keep that period. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { startGatewayProcess } from '../test/support/gateway-process.ts';

describe('rtdash gateway with RTDASH_HEARTBEAT_MS', () => {
  it('sends heartbeats announcing that interval, at that interval', async () => {
    const gateway = await startGatewayProcess({
      name: 'heartbeat-gateway',
      env: { RTDASH_HEARTBEAT_MS: '300', RTDASH_KAFKA_BROKERS: undefined, RTDASH_REDIS_URL: undefined, RTDASH_LOG_LEVEL: 'warn' },
    });
    const socket = new WebSocket(gateway.wsUrl);
    try {
      const beats: Array<{ interval: number; at: number }> = [];
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`3 heartbeats expected within 3 s, got ${beats.length}`)), 3000);
        socket.on('error', reject);
        socket.on('message', (data) => {
          const frame = JSON.parse(data.toString());
          if (frame.type !== 'heartbeat') return;
          beats.push({ interval: frame.interval, at: Date.now() });
          if (beats.length === 3) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      assert.deepEqual(beats.map((beat) => beat.interval), [300, 300, 300]);
      // The first is sent on connect, the next ones by the 300 ms timer (not the 15 s default).
      assert.ok(beats[2].at - beats[1].at < 1000, `heartbeats ${beats[2].at - beats[1].at} ms apart`);
    } finally {
      socket.terminate();
      await gateway.kill('SIGTERM');
    }
  });
});
