// Builds the script-tag bundle: dist/rtdash.js, one ES module with Lit inside, so a page needs
// nothing but `<script type="module" src=".../dist/rtdash.js">`.
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
      output: { minify: true },
    },
  },
});
