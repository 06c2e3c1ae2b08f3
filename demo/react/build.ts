/**
 * `npm run build:react`: bundles the React dashboard (demo/react/main.tsx) for the browser into
 * dist/react/ with esbuild; Chart.js stays in its own chunk, loaded with the first chart.
 * demo/stack.ts serves it, with demo/react/public/, at /react/.
 */
import { build } from 'esbuild';

await build({
  entryPoints: { app: 'demo/react/main.tsx' },
  outdir: 'dist/react',
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  // tsconfig.json: experimentalDecorators for the Lit elements, jsx: react-jsx.
  tsconfig: 'tsconfig.json',
  // Bundled from source: package.json's sideEffects list names the built files only, and the
  // element modules register their tags as a side effect.
  ignoreAnnotations: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
