#!/usr/bin/env node
// `npm run bench [-- options]`: starts the TypeScript harness (bench/harness/main.ts) under tsx.
// Options are documented at the top of that file.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'bench/harness/main.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TSX_TSCONFIG_PATH: resolve(root, 'tsconfig.node.json') },
});
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
