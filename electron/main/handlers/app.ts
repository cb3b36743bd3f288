import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo } from '@shared/ipc/channels/app';
import type { MainDeps } from '../deps';
import { atomicWrite } from '../fs/atomicWrite';
import { decodeBackup, encodeBackup } from '../backup/backupFile';
import type { Handlers } from '../ipc/types';
import type { AccountStore } from '../auth/accounts';

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${String(d.getMilliseconds()).padStart(3, '0')}`;
}

export function backupsDir(deps: MainDeps): string {
  return join(deps.dataDir, 'backups');
}

export function createAppHandlers(deps: MainDeps, siteId: string, accounts: AccountStore): Handlers<'app:info' | 'backup:write' | 'backup:list'> {
  return {
    'app:info': async () => ({ version: deps.appVersion, siteId, dataDir: deps.dataDir, platform: process.platform, electron: deps.isElectron }),
    'backup:write': async (req) => {
      // A pre-migration backup runs before anyone has logged in; every other backup needs a session.
      if (req.reason !== 'pre-migration') accounts.requireSession();
      const createdAt = deps.now();
      const fileName = `dondoc-${stamp(createdAt)}-${req.reason}.ddbak`;
      const path = join(backupsDir(deps), fileName);
      const bytes = encodeBackup(
        { appVersion: deps.appVersion, schemaVersion: req.schemaVersion, siteId, reason: req.reason, createdAt: createdAt.toISOString(), counts: req.counts },
        req.json,
      );
      await atomicWrite(path, bytes);
      const { header } = decodeBackup(await readFile(path));
      return { path, fileName, bytes: bytes.length, sha256: header.bodySha256, reason: req.reason, createdAt: header.createdAt, schemaVersion: header.schemaVersion, counts: header.counts };
    },
    'backup:list': async () => {
      accounts.requireSession();
      let names: string[] = [];
      try {
        names = (await readdir(backupsDir(deps))).filter((n) => n.endsWith('.ddbak'));
      } catch {
        return [];
      }
      const out: BackupInfo[] = [];
      for (const name of names.sort().reverse()) {
        const path = join(backupsDir(deps), name);
        try {
          const bytes = await readFile(path);
          const { header } = decodeBackup(bytes);
          const reason = header.reason as BackupInfo['reason'];
          out.push({ path, fileName: name, bytes: (await stat(path)).size, sha256: header.bodySha256, reason, createdAt: header.createdAt, schemaVersion: header.schemaVersion, counts: header.counts });
        } catch {
          // A damaged file is not offered for restore; the integrity screen reports it.
        }
      }
      return out;
    },
  };
}
