import { join } from 'node:path';

/**
 * Where main keeps accounts, keys and backups. `DONDOC_DATA_DIR` points tests and development
 * runs at a scratch folder; a packaged build ignores it, so nobody can start the installed app
 * on an empty folder (and be offered "create the first administrator") by setting a variable.
 */
export function resolveDataDir(opts: { isPackaged: boolean; env: NodeJS.ProcessEnv; userData: string }): string {
  const override = opts.env.DONDOC_DATA_DIR;
  if (!opts.isPackaged && override) return override;
  return join(opts.userData, 'dondoc-data');
}
