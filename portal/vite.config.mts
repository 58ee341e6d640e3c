import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Vite 8 compiles TSX with its own oxc transform (automatic JSX runtime), so no React plugin is
// needed for a production build; the gateway serves the output under /portal/.
export default defineConfig({
  root,
  base: '/portal/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // One bundle for an internal application, served from the gateway's own origin and cached by its content hash.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      // React Router marks its modules "use client" for server components; a plain SPA bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
