import { defineConfig } from 'vite';

// The dev server (127.0.0.1:5173) proxies API and health calls to the gateway, so the console
// talks to exactly what production serves. JSX is compiled by esbuild; no React plugin needed.
const gateway = process.env.HB_GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': gateway,
      '/actuator': gateway,
      '/v1': gateway,
      // single sign-on: the provider round trip runs on the gateway (auth-service behind it)
      '/oauth2': gateway,
      '/login/oauth2': gateway,
    },
  },
  build: { outDir: 'dist', sourcemap: true },
  test: { environment: 'node' },
});
