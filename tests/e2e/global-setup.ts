import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { resolve } from 'node:path';

/**
 * Builds the real renderer bundle and the preload shim once per test run. DONDOC_RENDERER_OUT
 * lets parallel runs (several developers in one tree) build into separate folders.
 */
export default async function globalSetup(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  if (!process.env.DONDOC_SKIP_BUILD) {
    execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer.vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  await build({
    entryPoints: [resolve(root, 'tests/e2e/harness/shim.ts')],
    bundle: true,
    format: 'iife',
    outfile: `${resolve(root, process.env.DONDOC_RENDERER_OUT ?? 'out/renderer')}-shim/preload-shim.js`,
    logLevel: 'warning',
  });
}
