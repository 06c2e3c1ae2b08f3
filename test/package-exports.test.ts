/**
 * The package as a consumer sees it, through its own name: every subpath export resolves to
 * built JavaScript with types, and browser entries carry no Node code. Needs `npm run build`
 * first (npm test runs it before the node tests).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const NODE_IMPORT = /(?:from\s*|import\s*\(?\s*)["'](node:|fs["']|path["']|net["']|http["']|ws["']|express["']|kafkajs["']|ioredis["'])/;

describe('package exports', () => {
  it('declares rtdash, rtdash/react, rtdash/gateway, rtdash/publisher and rtdash/protocol with types', () => {
    for (const subpath of ['.', './react', './gateway', './publisher', './protocol']) {
      const entry = pkg.exports[subpath];
      assert.ok(entry, `exports["${subpath}"]`);
      assert.ok(existsSync(new URL(`../${entry.default}`, import.meta.url)), `${entry.default} is built`);
      assert.ok(existsSync(new URL(`../${entry.types}`, import.meta.url)), `${entry.types} is built`);
    }
  });

  // Through a variable, so the type check (which runs before the build) does not need dist/.
  const importByName = (specifier: string) => import(specifier);

  it('imports the Node entries by package name', async () => {
    const protocol = await importByName('rtdash/protocol');
    assert.equal(typeof protocol.parseClientFrame, 'function');
    const gateway = await importByName('rtdash/gateway');
    assert.equal(typeof gateway.createGateway, 'function');
    const publisher = await importByName('rtdash/publisher');
    assert.equal(typeof publisher.DualPublisher, 'function');
    assert.equal(typeof publisher.KafkaLog, 'function');
    assert.ok(createRequire(import.meta.url).resolve('rtdash/package.json'));
  });

  it('keeps Node code out of the browser entries', () => {
    const browserFiles = ['dist/rtdash.js', pkg.exports['.'].default, pkg.exports['./react'].default, pkg.exports['./protocol'].default];
    for (const file of browserFiles) {
      const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
      assert.doesNotMatch(text, NODE_IMPORT, `${file} imports Node code`);
    }
  });
});
