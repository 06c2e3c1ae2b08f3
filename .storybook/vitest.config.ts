// Every story as a test: rendered in headless Chromium (/usr/bin/chromium, through Playwright)
// with its play function. `npm run test:stories`; part of `npm test`.
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const chromium = process.env.RTDASH_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  plugins: [storybookTest({ configDir: fileURLToPath(new URL('.', import.meta.url)) })],
  // Pre-bundled before the first test: a dependency found mid-run makes Vite reload the page,
  // and the test file loading at that moment fails to import.
  optimizeDeps: { include: ['storybook/test', 'storybook/theming', 'lit', 'lit/decorators.js', '@lit-labs/signals', 'chart.js'] },
  test: {
    name: 'storybook',
    reporters: ['default', fileURLToPath(new URL('./count-reporter.ts', import.meta.url))],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: chromium,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
