// Vite settings for Storybook only. Lit's decorators compile through tsconfig.json's
// experimentalDecorators (Vite 8 does not lower standard decorators).
import { defineConfig } from 'vite';

export default defineConfig({
  build: { target: 'es2022', chunkSizeWarningLimit: 2_000 },
  esbuild: { target: 'es2022' },
});
