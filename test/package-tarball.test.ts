/**
 * The package as it is published: `npm pack` holds the builds, the types and
 * custom-elements.json and nothing from tests or stories; a scratch project that installs the
 * tarball imports every subpath in Node, type-checks against it and builds a Vite app with it.
 * Needs `npm run build` first (npm test runs it before the node tests).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const versionOf = (name: string) => JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')).version as string;

const REQUIRED = [
  'package.json', 'README.md', 'custom-elements.json', 'dist/rtdash.js',
  ...['widgets', 'widgets/react', 'gateway', 'publisher', 'protocol'].flatMap((entry) => [`dist/lib/${entry}/index.js`, `dist/lib/${entry}/index.d.ts`]),
  'dist/lib/widgets/connection/signals.js', 'dist/lib/widgets/connection/signals.d.ts',
];
// dist/react is the demo's React dashboard (npm start serves it), not part of the library.
const FORBIDDEN = [/\.test\./, /(^|\/)test\/support\//, /test-support\//, /(^|\/)stories\//, /\.stories\./, /^\.storybook\//, /(^|\/)e2e\//,
  /^bench\//, /^demo\//, /^dist\/react\//, /^scripts\//];

describe('npm pack', () => {
  let scratch: string;
  let files: string[];
  let tarball: string;
  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'rtdash-pack-'));
    // --ignore-scripts: this checks the build npm test just made, it does not make another.
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: repo, maxBuffer: 16 << 20 });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(scratch, packed.filename);
    files = packed.files.map((file) => file.path);
  });
  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('holds the script-tag build with its chart chunk, dist/lib with types, and custom-elements.json', () => {
    for (const file of REQUIRED) assert.ok(files.includes(file), `${file} is in the tarball`);
    assert.ok(files.some((file) => /^dist\/chunks\/price-chart\.renderer-[\w-]+\.js$/.test(file)), 'the lazy Chart.js chunk');
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    assert.equal(pkg.customElements, 'custom-elements.json');
    // Tools open the modules the manifest names: they must be in the package.
    const manifest = JSON.parse(readFileSync(join(repo, 'custom-elements.json'), 'utf8')) as { modules: { path: string }[] };
    for (const module of manifest.modules) assert.ok(files.includes(module.path), `${module.path} (named by custom-elements.json)`);
  });

  it('holds nothing from tests, stories, demos or benchmarks, and no TypeScript sources', () => {
    for (const file of files) {
      for (const pattern of FORBIDDEN) assert.doesNotMatch(file, pattern, `${file} must not be published`);
      if (file.endsWith('.ts')) assert.match(file, /\.d\.ts$/, `${file}: sources stay out, declarations go in`);
    }
  });

  describe('installed into a scratch project', () => {
    let project: string;
    before(async () => {
      project = join(scratch, 'app');
      mkdirSync(join(project, 'src'), { recursive: true });
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }));
      // The repo's own versions of React and Vite are in the npm cache already; the registry covers the rest.
      await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball,
        `react@${versionOf('react')}`, `react-dom@${versionOf('react-dom')}`, `vite@${versionOf('vite')}`], { cwd: project, maxBuffer: 16 << 20 });
    });

    it('imports rtdash, rtdash/react, rtdash/signals, rtdash/gateway, rtdash/publisher and rtdash/protocol in Node', async () => {
      const script = `
        const names = {};
        for (const entry of ['rtdash', 'rtdash/react', 'rtdash/signals', 'rtdash/gateway', 'rtdash/publisher', 'rtdash/protocol']) names[entry] = Object.keys(await import(entry));
        console.log(JSON.stringify(names));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
      const names = JSON.parse(stdout) as Record<string, string[]>;
      for (const name of ['ConnectionManager', 'RtAnimatedNumber', 'RtPriceChart', 'configure', 'getManager']) assert.ok(names.rtdash.includes(name), `rtdash exports ${name}`);
      assert.ok(names['rtdash/react'].includes('RtAnimatedNumber'));
      assert.ok(names['rtdash/signals'].includes('channelSignal'));
      assert.ok(names['rtdash/gateway'].includes('createGateway'));
      assert.ok(names['rtdash/publisher'].includes('DualPublisher'));
      assert.ok(names['rtdash/protocol'].includes('parseClientFrame'));
    });

    it('type-checks an app against the shipped declarations', async () => {
      writeFileSync(join(project, 'src', 'typed.ts'), `
        import { ConnectionManager, type ConnectionState } from 'rtdash';
        import { parseClientFrame } from 'rtdash/protocol';
        const number: HTMLElementTagNameMap['rt-animated-number'] = document.createElement('rt-animated-number');
        number.channel = 'prices.AAPL';
        const state: ConnectionState = new ConnectionManager('wss://live.example.com/ws').state;
        export const ok = parseClientFrame('{"type":"ping"}').ok && state.name;`);
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, skipLibCheck: true },
        include: ['src/typed.ts'],
      }));
      await run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
    });

    it('builds a Vite app that imports rtdash, rtdash/react and rtdash/protocol, with Chart.js in a chunk of its own', async () => {
      writeFileSync(join(project, 'index.html'), '<!doctype html><html><body><rt-price-chart channel="prices.AAPL"></rt-price-chart><script type="module" src="/src/main.js"></script></body></html>');
      writeFileSync(join(project, 'src', 'main.js'), `
        import { configure, RtAnimatedNumber } from 'rtdash';
        import { useChannel } from 'rtdash/react';
        import { parseServerFrame } from 'rtdash/protocol';
        configure({ gateway: 'wss://live.example.com' });
        document.body.append(Object.assign(new RtAnimatedNumber(), { channel: 'prices.AAPL', field: 'price' }));
        window.rtdashProbe = { useChannel, parseServerFrame };`);
      await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { cwd: project });
      const assets = readdirSync(join(project, 'dist', 'assets'));
      const code = (name: string) => readFileSync(join(project, 'dist', 'assets', name), 'utf8');
      const entry = assets.find((name) => name.startsWith('index-') && name.endsWith('.js'));
      assert.ok(entry, `an entry chunk among ${assets.join(', ')}`);
      assert.match(code(entry), /rt-animated-number/);
      const chart = assets.find((name) => name.startsWith('price-chart.renderer-'));
      assert.ok(chart, `the chart renderer in its own chunk among ${assets.join(', ')}`);
      // A message of Chart.js's own that survives minification.
      const chartJs = /Canvas is already in use/;
      assert.match(code(chart), chartJs, 'Chart.js is in the renderer chunk');
      assert.doesNotMatch(code(entry), chartJs, 'Chart.js stays out of the entry chunk');
      assert.match(code(entry), /useSyncExternalStore/, 'rtdash/react is bundled');
    });

    it('builds a Vite server bundle that imports rtdash/gateway and rtdash/publisher, and runs it', async () => {
      writeFileSync(join(project, 'src', 'server.js'), `
        import { createGateway, DEFAULT_GATEWAY_SETTINGS } from 'rtdash/gateway';
        import { DualPublisher } from 'rtdash/publisher';
        console.log(JSON.stringify({ gateway: typeof createGateway, publisher: typeof DualPublisher, heartbeat: DEFAULT_GATEWAY_SETTINGS.heartbeatIntervalMs }));`);
      await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--ssr', 'src/server.js', '--outDir', 'dist-server', '--logLevel', 'error'], { cwd: project });
      const { stdout } = await run(process.execPath, [join(project, 'dist-server', 'server.js')], { cwd: project });
      assert.deepEqual(JSON.parse(stdout), { gateway: 'function', publisher: 'function', heartbeat: 15_000 });
    });
  });
});
