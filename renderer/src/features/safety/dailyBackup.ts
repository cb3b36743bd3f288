/**
 * The automatic daily backup: the renderer (which owns the database) checks at start-up and
 * then every hour whether today's backup exists, and if not hands main a full dump.
 */
import { useEffect } from 'react';
import type { DondocApi } from '@shared/ipc/api';
import type { BackupInfo } from '@shared/ipc/channels/backup';
import type { DondocDb } from '../../data/db';
import { backupLive } from '../../data/restore';
import { todayVn } from '../../ui/format';
import { api } from '../../api';
import { useAppState } from '../../state/app';

const CHECK_EVERY_MS = 60 * 60 * 1000;

let running: Promise<BackupInfo | null> | null = null;

/** Writes today's automatic backup unless one already exists; concurrent calls share one run. */
export function runDailyBackupIfDue(client: DondocApi, db: DondocDb, now: () => Date = () => new Date()): Promise<BackupInfo | null> {
  running ??= (async () => {
    try {
      const status = await client.call('backup:status', {});
      if (status.lastDailyAt && todayVn(new Date(status.lastDailyAt)) === todayVn(now())) return null;
      return await backupLive(client, db, 'daily');
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Mount once in the logged-in shell. Failures are logged, not shown: the backup screen reports the date of the last backup. */
export function useDailyBackup(): void {
  const db = useAppState((s) => s.db);
  const loggedIn = useAppState((s) => !!s.session && !s.session.locked);
  useEffect(() => {
    if (!db || !loggedIn) return;
    const run = () => void runDailyBackupIfDue(api(), db).catch((e: unknown) => console.warn('Sao lưu tự động không thành công', e));
    run();
    const timer = setInterval(run, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [db, loggedIn]);
}
