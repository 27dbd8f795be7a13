import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from files (Electron) and from the loopback server (browser mode):
// relative asset paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
