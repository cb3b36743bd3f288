// Builds the renderer alone (the same bundle electron-vite produces) for browser tests and benchmarks.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, process.env.DONDOC_RENDERER_OUT ?? 'out/renderer'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
