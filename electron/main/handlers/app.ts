import type { MainDeps } from '../deps';
import type { Handlers } from '../ipc/types';

export function createAppHandlers(deps: MainDeps, siteId: string): Handlers<'app:info'> {
  return {
    'app:info': async () => ({ version: deps.appVersion, siteId, dataDir: deps.dataDir, platform: process.platform, electron: deps.isElectron }),
  };
}
