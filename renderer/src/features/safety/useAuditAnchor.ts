import { useEffect } from 'react';
import { liveQuery } from 'dexie';
import { api } from '../../api';
import { useAppState } from '../../state/app';
import { reportAuditHead } from '../../data/auditAnchor';

/**
 * While someone is signed in, hands main the audit chain's head each time it moves, so main's
 * anchor follows every write. A refusal (the chain is shorter than anchored) is not retried
 * here: the start-up check and the integrity screen report it.
 */
export function useAuditAnchor(): void {
  const db = useAppState((s) => s.db);
  useEffect(() => {
    if (!db) return;
    let last = -1;
    const sub = liveQuery(() => db.audit.orderBy('seq').last()).subscribe({
      next: (entry) => {
        const seq = entry?.seq ?? 0;
        if (seq === last) return;
        last = seq;
        reportAuditHead(api(), db).catch(() => undefined);
      },
      error: () => undefined,
    });
    return () => sub.unsubscribe();
  }, [db]);
}
