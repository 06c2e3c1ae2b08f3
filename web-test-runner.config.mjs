// Browser tests for widgets/: real Chromium through Playwright, TypeScript through esbuild.
// Run with `npx web-test-runner` (add `--watch` while working on an element).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { rtdashGateway } from './test/support/wtr-gateway-plugin.mjs';
import { reactModules } from './test/support/wtr-react-plugin.mjs';

const chromium = process.env.RTDASH_CHROMIUM ?? '/usr/bin/chromium';
// A real gateway in this process for widgets/e2e/: control routes under /__gateway/ on the dev server.
const gateway = rtdashGateway();

export default {
  // .tsx: the React hooks and wrappers (widgets/react/).
  files: ['widgets/**/*.test.ts', 'widgets/**/*.test.tsx'],
  nodeResolve: true,
  middleware: [gateway.middleware],
  plugins: [
    gateway.plugin,
    // React 19 is CommonJS only: pre-bundled ES modules for react, react-dom and the JSX runtimes.
    reactModules(),
    // es2022 explicitly: with 'auto' newer syntax passes through untransformed; the tsconfig
    // carries experimentalDecorators + useDefineForClassFields:false for Lit's decorators.
    esbuildPlugin({ ts: true, tsx: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      // No --user-data-dir: the Playwright launcher rejects it and makes a fresh one itself.
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync',
          // widgets/e2e/ memory test: window.gc() and unrounded performance.memory figures.
          '--js-flags=--expose-gc', '--enable-precise-memory-info'],
      },
    }),
  ],
  // Lit announces its dev build in every test file; real warnings stay visible.
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').startsWith('Lit is in dev mode'),
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: {
    config: { timeout: 5_000 },
  },
};
