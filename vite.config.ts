// Builds the script-tag bundle: dist/rtdash.js, one ES module with Lit inside, so a page needs
// nothing but `<script type="module" src=".../dist/rtdash.js">`. Code loaded on demand (Chart.js,
// behind <rt-price-chart>) goes to dist/chunks/ and is imported relative to rtdash.js, so it
// loads from wherever rtdash.js was served (the gateway serves all of dist/ at /dist/).
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: 'widgets/index.ts',
      formats: ['es'],
      fileName: () => 'rtdash.js',
    },
    rolldownOptions: {
      output: {
        minify: true,
        // Hashed names: a new build never meets an old chunk in a cache.
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
