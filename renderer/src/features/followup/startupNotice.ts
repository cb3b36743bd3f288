/**
 * The start-up notification: once per day per installation (remembered in the local `meta`
 * table, never synced), only with a logged-in, unlocked session, a desktop notification
 * summarising what needs following up today, through `notify:show`.
 */
import { dailySummary, shouldNotify, summaryNotice } from '@shared/followup';
import type { DondocApi } from '@shared/ipc/api';
import type { DondocDb } from '../../data/db';
import { todayVn } from '../../ui/format';
import { useAppState } from '../../state/app';
import { api } from '../../api';
import { loadFollowUpCentre } from './data';
import { loadOrganisation } from '../registries/queries';

export const NOTICE_META_KEY = 'followUp.dailyNotice';

export interface NoticeRecord {
  date: string;
  /** The text shown, or null when there was nothing to follow up. */
  body: string | null;
  shown: boolean;
}

export async function lastNotice(db: DondocDb): Promise<NoticeRecord | null> {
  const row = await db.meta.get(NOTICE_META_KEY);
  return row ? (row.value as NoticeRecord) : null;
}

let running: Promise<NoticeRecord | null> | null = null;

/**
 * Checks once for today: returns what was recorded, or null when today's check was already
 * done. The day is claimed before the slow part so two windows never both notify.
 */
export function runDailyNoticeIfDue(client: DondocApi, db: DondocDb, now: () => Date = () => new Date()): Promise<NoticeRecord | null> {
  running ??= (async () => {
    try {
      const today = todayVn(now());
      const claimed = await db.transaction('rw', db.meta, async () => {
        const prev = await lastNotice(db);
        if (!shouldNotify(prev?.date, today)) return false;
        await db.meta.put({ key: NOTICE_META_KEY, value: { date: today, body: null, shown: false } satisfies NoticeRecord });
        return true;
      });
      if (!claimed) return null;
      if (!(await loadOrganisation(db))) return null;
      const notice = summaryNotice(dailySummary((await loadFollowUpCentre(db, today)).groups));
      let shown = false;
      if (notice) shown = (await client.call('notify:show', notice)).shown;
      const record: NoticeRecord = { date: today, body: notice?.body ?? null, shown };
      await db.meta.put({ key: NOTICE_META_KEY, value: record });
      return record;
    } finally {
      running = null;
    }
  })();
  return running;
}

let installed = false;

/**
 * Runs the check whenever a session becomes usable (start-up login, unlock) and the database is
 * open. Installed once by the follow-up route module, so the shell needs no extra wiring.
 */
export function installDailyNotice(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  const check = (s: ReturnType<typeof useAppState.getState>) => {
    if (!s.db || !s.session || s.session.locked) return;
    void runDailyNoticeIfDue(api(), s.db).catch((e: unknown) => console.warn('Không gửi được thông báo đôn đốc', e));
  };
  useAppState.subscribe((s, prev) => {
    if (s.db !== prev.db || s.session !== prev.session) check(s);
  });
  check(useAppState.getState());
}
