/**
 * Issued reports: the snapshot row (what the report counted, chunked canonical JSON and its
 * hash) written through the repository, so it syncs and a reprint years later gives the same
 * numbers. The letter itself goes through the outgoing register first; the snapshot names it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { AppError } from '@shared/errors';
import { newId } from '@shared/data/ids';
import type { JsonValue } from '@shared/data/ops';
import { makeSnapshot, readSnapshot, reportSnapshotSchema, RANKING_SCHEME_ID, DEFAULT_RANKING_SCHEME, rankingSchemeSchema, type RankingScheme, type ReportData, type ReportSnapshot } from '@shared/reports';
import type { DondocDb } from '../../../data/db';
import { visible, withWrites, type WriteContext } from '../../../data/repository';
import { useAppState } from '../../../state/app';

export interface StoredSnapshot extends ReportSnapshot {
  id: string;
  /** The unit that issued it (sync authority). */
  unitId: string;
}

export async function saveSnapshot(
  db: DondocDb,
  ctx: WriteContext,
  input: { data: ReportData; title: string; issuedOn: string; letterId: string | null; number: number | null; unitId: string },
): Promise<string> {
  const snap = makeSnapshot(input.data, { title: input.title, issuedOn: input.issuedOn, issuedBy: ctx.actor, letterId: input.letterId, number: input.number });
  const parsed = reportSnapshotSchema.safeParse(snap);
  if (!parsed.success) throw new AppError('invalid-input', 'Số liệu báo cáo quá lớn để lưu.');
  const id = newId();
  await withWrites(db, ctx, ['reports'], (w) =>
    w.insert('reports', id, { ...(parsed.data as unknown as Record<string, JsonValue>), unitId: input.unitId }, 'Phát hành báo cáo', `${input.title} (${snap.hash.slice(0, 12)})`),
  );
  return id;
}

export type SnapshotSummary = Omit<StoredSnapshot, 'chunks'>;

export async function loadSnapshots(db: DondocDb): Promise<SnapshotSummary[]> {
  const rows = await db.reports.orderBy('issuedOn').reverse().toArray();
  return visible<StoredSnapshot>(rows).map(({ chunks, ...rest }) => {
    void chunks;
    return rest;
  });
}

export async function loadSnapshot(db: DondocDb, id: string): Promise<{ meta: SnapshotSummary; data: ReportData } | null> {
  const row = await db.reports.get(id);
  if (!row || row._deleted === 1) return null;
  const { chunks, ...meta } = visible<StoredSnapshot>([row])[0];
  try {
    return { meta, data: readSnapshot({ chunks, hash: meta.hash }) };
  } catch {
    throw new AppError('storage', 'Số liệu lưu của báo cáo đã bị thay đổi (không khớp mã kiểm tra); không in lại được.');
  }
}

export function useSnapshots(): SnapshotSummary[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadSnapshots(db) : []), [db]);
}

// ─── Ranking scheme (a setting) ────────────────────────────────────────────────────────

export async function loadRankingScheme(db: DondocDb): Promise<RankingScheme> {
  const row = await db.settings.get(RANKING_SCHEME_ID);
  if (!row || row._deleted === 1) return DEFAULT_RANKING_SCHEME;
  const parsed = rankingSchemeSchema.safeParse((visible<{ scheme: unknown }>([row])[0] ?? {}).scheme);
  return parsed.success ? parsed.data : DEFAULT_RANKING_SCHEME;
}

export async function saveRankingScheme(db: DondocDb, ctx: WriteContext, scheme: RankingScheme): Promise<void> {
  const parsed = rankingSchemeSchema.safeParse(scheme);
  if (!parsed.success) throw new AppError('invalid-input', parsed.error.issues.map((i) => i.message).join('; '));
  await withWrites(db, ctx, ['settings'], (w) => w.set('settings', RANKING_SCHEME_ID, { scheme: parsed.data as unknown as JsonValue }, 'Sửa tiêu chí xếp loại', parsed.data.name));
}

export function useRankingScheme(): RankingScheme | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadRankingScheme(db) : DEFAULT_RANKING_SCHEME), [db]);
}
