// The console's build: plain TypeScript, no framework. The output (dist/) is committed and
// embedded in the server binary, so the build must be byte-for-byte reproducible: no source maps,
// no timestamps, content-hashed file names.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/console/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    // The polyfill would be inlined code; the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
