// Builds the script-tag bundle: dist/rtdash.js, so a page needs nothing but
// `<script type="module" src=".../dist/rtdash.js">`. rtdash.js holds page settings and a loader
// per element (widgets/script-tag.ts); each element, Lit and the connection they share, and
// Chart.js behind <rt-price-chart> go to dist/chunks/, fetched when a page first uses them and
// imported relative to rtdash.js, so they load from wherever rtdash.js was served (the gateway
// serves all of dist/ at /dist/). Load rtdash.js by one URL on a page: chunks import it back.
// The CSS in css`` templates is minified on the way (the JS minifier leaves template text alone).
import { defineConfig } from 'vite';
import { minifyCssLiteralsPlugin } from './scripts/minify-css-literals.ts';

export default defineConfig({
  plugins: [minifyCssLiteralsPlugin()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: 'widgets/script-tag.ts',
      formats: ['es'],
      fileName: () => 'rtdash.js',
    },
    rolldownOptions: {
      // Needed by includeDependenciesRecursively: false; rtdash.js may export more than it
      // declares, never less.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        // Hashed names: a new build never meets an old chunk in a cache.
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: {
          groups: [{
            // What every element needs (Lit, the connection, the wire protocol, shared helpers) in
            // one chunk rather than a dozen small requests. Not config.ts or the loader: rtdash.js
            // needs those at once, and a static import of this chunk would make it eager. Not the
            // series helpers only charts and sparklines use: a page of numbers does not need them.
            // Nor what one element alone uses (the status's connection controller, the chart's
            // @query decorator): that goes into the element's own chunk. Nor the SSE transport
            // and its URL: a chunk of their own, imported by the first SSE attempt.
            name: 'runtime',
            includeDependenciesRecursively: false,
            test: (id: string) => !/\/(config|lazy-define|point-ring|channel-series|draw-scheduler|connection-controller|sse-transport|stream-url)\.ts$|\/decorators\/(query|base)\.js$/.test(id) &&
              /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\/|@oxc-project\+runtime|\/widgets\/(connection|theme|shared)\/|\/protocol\//.test(id),
          }],
        },
      },
    },
  },
});
