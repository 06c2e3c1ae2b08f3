#!/usr/bin/env node
// The `rtdash` command. In a checkout it runs the TypeScript sources in cli/ through tsx's loader
// (a runtime dependency), registered with this package's tsconfig, never the caller's; so an
// edit takes effect at once and no stale build is ever run. An installed package ships no
// sources, only the build: it runs dist/lib/cli/main.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../cli/main.ts', import.meta.url);
let cli;
if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
  register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });
  cli = await import(source.href);
} else {
  cli = await import('../dist/lib/cli/main.js');
}
await cli.run(process.argv.slice(2));
