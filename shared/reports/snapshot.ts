/**
 * Snapshots of issued reports: the data a report counted, as canonical JSON with its SHA-256,
 * so a reprint gives identical numbers even after the tasks change, and the app can tell when
 * recomputing now no longer matches what was issued.
 */
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../data/canonical';
import { emptyCounts, taskCategories, taskCategoryLabels } from '../tasks/state';
import type { ReportData, ReportFigures } from './model';

export { canonicalJson, sha256Hex };

export function reportHash(data: ReportData): string {
  return sha256Hex(canonicalJson(data));
}

/** Synced values cap strings at 100,000 characters: the JSON is stored in chunks under that. */
export const SNAPSHOT_CHUNK = 90_000;

export function chunkText(text: string, size = SNAPSHOT_CHUNK): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}

export const reportSnapshotSchema = z.object({
  /** Trích yếu / title as shown in the list. */
  title: z.string().max(500),
  periodLabel: z.string().max(200),
  cutOff: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  issuedBy: z.string().max(200),
  /** The outgoing letter the report went out as, when it was issued through the register. */
  letterId: z.string().max(64).nullable(),
  number: z.number().int().nullable(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** canonicalJson(ReportData) split into chunks. */
  chunks: z.array(z.string().max(100_000)).min(1).max(10_000),
});
export type ReportSnapshot = z.infer<typeof reportSnapshotSchema>;

export function makeSnapshot(data: ReportData, meta: Omit<ReportSnapshot, 'hash' | 'chunks' | 'periodLabel' | 'cutOff'>): ReportSnapshot {
  const json = canonicalJson(data);
  return { ...meta, periodLabel: data.periodLabel, cutOff: data.params.period.cutOff, hash: sha256Hex(json), chunks: chunkText(json) };
}

/** The stored data, verified against its hash (a damaged snapshot is refused, never reprinted). */
export function readSnapshot(s: Pick<ReportSnapshot, 'chunks' | 'hash'>): ReportData {
  const json = s.chunks.join('');
  if (sha256Hex(json) !== s.hash) throw new Error('Số liệu lưu của báo cáo không khớp mã kiểm tra.');
  return JSON.parse(json) as ReportData;
}

export interface FigureChange {
  unitId: string | null;
  unitName: string;
  field: string;
  label: string;
  before: number;
  after: number;
}

const FIELD_LABELS: [string, string, (f: ReportFigures) => number][] = [
  ['assigned', 'Tổng số nhiệm vụ', (f) => f.assigned],
  ...taskCategories.map((c): [string, string, (f: ReportFigures) => number] => [c, taskCategoryLabels[c], (f) => f.counts[c] ?? 0]),
  ['extensionsGranted', 'Gia hạn', (f) => f.extensionsGranted],
  ['followUpLetters', 'Công văn đôn đốc', (f) => f.followUpLetters],
  ['consultationsNoReply', 'Không trả lời ý kiến', (f) => f.consultationsNoReply],
  ['consultationsLate', 'Trả lời ý kiến muộn', (f) => f.consultationsLate],
];

/**
 * What differs between the issued data and a recomputation with the same parameters: per unit
 * and in the totals, each figure that changed. Empty when the numbers agree.
 */
export function compareReports(issued: ReportData, now: ReportData): FigureChange[] {
  const changes: FigureChange[] = [];
  const nowById = new Map(now.units.map((u) => [u.unitId, u]));
  const seen = new Set<string>();
  const zero: ReportFigures = { ...now.totals, assigned: 0, carriedOver: 0, counts: emptyCounts(), extensionsGranted: 0, followUpLetters: 0, consultationsConsulted: 0, consultationsNoReply: 0, consultationsLate: 0 };
  const diff = (unitId: string | null, unitName: string, a: ReportFigures, b: ReportFigures) => {
    for (const [field, label, get] of FIELD_LABELS) {
      const before = get(a);
      const after = get(b);
      if (before !== after) changes.push({ unitId, unitName, field, label, before, after });
    }
  };
  for (const u of issued.units) {
    seen.add(u.unitId);
    diff(u.unitId, u.unitName, u, nowById.get(u.unitId) ?? zero);
  }
  for (const u of now.units) if (!seen.has(u.unitId)) diff(u.unitId, u.unitName, zero, u);
  diff(null, 'Tổng cộng', issued.totals, now.totals);
  return changes;
}
