/**
 * The automatic exchange, mounted once in the logged-in shell: a cycle (import, export, clean)
 * when an inbox changes (main's fs.watch wakes a long poll), on schedule (the long poll's
 * timeout), and a short while after this site's own changes (debounced, so a burst of edits
 * makes one package).
 */
import { useEffect } from 'react';
import { liveQuery } from 'dexie';
import { lastHlcOf } from '../../data/opLog';
import { api } from '../../api';
import { useAppState, writeContext } from '../../state/app';
import { runExchangeCycle, serialCycles } from './data/exchange';
import { DEMO_META_KEY } from './data/demoGuard';

/** Scan and export at least this often even when nothing wakes us. */
export const EXCHANGE_SCHEDULE_MS = 5 * 60 * 1000;
/** Wait this long after the last local change before packing. */
export const EXCHANGE_DEBOUNCE_MS = 20 * 1000;

let runNow: ((options?: { exportToo?: boolean }) => Promise<void>) | null = null;

/** Runs a cycle now (the status screen's button), in turn with the automatic ones. */
export async function exchangeNow(): Promise<void> {
  if (runNow) await runNow({ exportToo: true });
}

export function useExchange(): void {
  const db = useAppState((s) => s.db);
  const siteId = useAppState((s) => s.siteId);
  const loggedIn = useAppState((s) => !!s.session && !s.session.locked);
  useEffect(() => {
    if (!db || !loggedIn || !siteId) return;
    let stopped = false;
    const cycle = serialCycles(async (options) => {
      if (stopped || (await db.meta.get(DEMO_META_KEY))) return;
      await runExchangeCycle(db, writeContext(), (channel, request) => api().call(channel, request), options);
    });

    runNow = cycle;

    // Inbox changes and the schedule: main answers the long poll on a change or after the timeout.
    // Every cycle exports too: what was just imported moves this site's acknowledgement.
    void (async () => {
      let after = 0;
      while (!stopped) {
        try {
          await cycle({ exportToo: true });
          after = (
            await api().call('exchange:wait', {
              after,
              timeoutMs: EXCHANGE_SCHEDULE_MS,
            })
          ).counter;
        } catch (error) {
          console.warn('Trao đổi tự động không thành công', error);
          await new Promise((r) => setTimeout(r, EXCHANGE_SCHEDULE_MS));
        }
      }
    })();

    // This site's own changes: the newest local op, debounced.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seen: string | null = null;
    const sub = liveQuery(() => lastHlcOf(db, siteId)).subscribe({
      next: (hlc) => {
        if (seen === null) {
          seen = hlc;
          return;
        }
        if (hlc === seen) return;
        seen = hlc;
        clearTimeout(timer);
        timer = setTimeout(() => void cycle({ exportToo: true }), EXCHANGE_DEBOUNCE_MS);
      },
      error: (error: unknown) => console.warn('Không theo dõi được thay đổi để trao đổi tự động', error),
    });
    return () => {
      stopped = true;
      if (runNow === cycle) runNow = null;
      clearTimeout(timer);
      sub.unsubscribe();
    };
  }, [db, loggedIn, siteId]);
}
