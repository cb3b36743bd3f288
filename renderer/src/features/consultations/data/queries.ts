/**
 * Reads for consultations and requests upward. Rows reach React through live queries; the
 * position of each unit is computed from them as of "today" (renderer/src/ui/useToday.ts), never stored.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import {
  consultationRecordSchema,
  consultationReplySchema,
  consultationSettingsSchema,
  CONSULTATION_SETTINGS_ID,
  DEFAULT_CONSULTATION_SETTINGS,
  reconciliationSchema,
  upwardAnswerSchema,
  upwardRequestRecordSchema,
  type Consultation,
  type ConsultationReply,
  type ConsultationSettings,
  type Reconciliation,
  type UpwardAnswer,
  type UpwardRequest,
} from '@shared/consultations';
import type { z } from 'zod';
import type { DondocDb, EntityRow } from '../../../data/db';
import { visible } from '../../../data/repository';
import { useAppState } from '../../../state/app';
import { loadLetter, type StoredLetter } from '../../letters/data/register';
import { loadIssuerContext, type IssuerContext } from './letters';

/** Rows that fail the schema (a newer or broken peer) are skipped rather than breaking the screen. */
function parseRows<T>(rows: EntityRow[], schema: z.ZodType<unknown>): (T & { id: string })[] {
  const out: (T & { id: string })[] = [];
  for (const r of visible<Record<string, unknown>>(rows)) {
    const { id, ...rest } = r;
    const parsed = schema.safeParse(rest);
    if (parsed.success) out.push({ ...(parsed.data as T), id });
  }
  return out;
}

export interface ConsultationData {
  consultations: Consultation[];
  replies: ConsultationReply[];
  reconciliations: Reconciliation[];
  upwardRequests: UpwardRequest[];
  upwardAnswers: UpwardAnswer[];
}

export async function loadConsultationData(db: DondocDb): Promise<ConsultationData> {
  const [c, r, rc, u, a] = await Promise.all([db.consultations.toArray(), db.consultationReplies.toArray(), db.reconciliations.toArray(), db.upwardRequests.toArray(), db.upwardAnswers.toArray()]);
  return {
    consultations: parseRows<Consultation>(c, consultationRecordSchema),
    replies: parseRows<ConsultationReply>(r, consultationReplySchema),
    reconciliations: parseRows<Reconciliation>(rc, reconciliationSchema),
    upwardRequests: parseRows<UpwardRequest>(u, upwardRequestRecordSchema),
    upwardAnswers: parseRows<UpwardAnswer>(a, upwardAnswerSchema),
  };
}

export async function loadConsultation(db: DondocDb, id: string): Promise<Consultation | null> {
  const row = await db.consultations.get(id);
  return row ? (parseRows<Consultation>([row], consultationRecordSchema)[0] ?? null) : null;
}

export async function loadReplies(db: DondocDb, consultationId: string): Promise<ConsultationReply[]> {
  return parseRows<ConsultationReply>(await db.consultationReplies.where('consultationId').equals(consultationId).toArray(), consultationReplySchema);
}

export async function loadReconciliations(db: DondocDb, consultationId: string): Promise<Reconciliation[]> {
  return parseRows<Reconciliation>(await db.reconciliations.where('consultationId').equals(consultationId).toArray(), reconciliationSchema);
}

export async function loadUpwardRequest(db: DondocDb, id: string): Promise<UpwardRequest | null> {
  const row = await db.upwardRequests.get(id);
  return row ? (parseRows<UpwardRequest>([row], upwardRequestRecordSchema)[0] ?? null) : null;
}

export async function loadUpwardAnswers(db: DondocDb, requestId: string): Promise<UpwardAnswer[]> {
  return parseRows<UpwardAnswer>(await db.upwardAnswers.where('requestId').equals(requestId).toArray(), upwardAnswerSchema);
}

export async function loadConsultationSettings(db: DondocDb): Promise<ConsultationSettings> {
  const row = await db.settings.get(CONSULTATION_SETTINGS_ID);
  if (!row || row._deleted === 1) return DEFAULT_CONSULTATION_SETTINGS;
  const { id: _id, ...rest } = visible<Record<string, unknown>>([row])[0];
  void _id;
  const parsed = consultationSettingsSchema.safeParse({ ...DEFAULT_CONSULTATION_SETTINGS, ...rest });
  return parsed.success ? parsed.data : DEFAULT_CONSULTATION_SETTINGS;
}

export function useConsultationData(): ConsultationData | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadConsultationData(db) : undefined), [db]);
}

export function useConsultationSettings(): ConsultationSettings | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadConsultationSettings(db) : DEFAULT_CONSULTATION_SETTINGS), [db]);
}

/** Consultations and requests upward linked to a task (shown on the task). */
export async function loadLinkedToTask(db: DondocDb, taskId: string): Promise<{ consultations: Consultation[]; upward: UpwardRequest[]; answers: UpwardAnswer[] }> {
  const [c, u] = await Promise.all([db.consultations.filter((r) => r.taskId === taskId && r._deleted !== 1).toArray(), db.upwardRequests.filter((r) => r.taskId === taskId && r._deleted !== 1).toArray()]);
  const upward = parseRows<UpwardRequest>(u, upwardRequestRecordSchema);
  const answers = upward.length ? parseRows<UpwardAnswer>(await db.upwardAnswers.where('requestId').anyOf(upward.map((r) => r.id)).toArray(), upwardAnswerSchema) : [];
  return { consultations: parseRows<Consultation>(c, consultationRecordSchema), upward, answers };
}

export function useLinkedToTask(taskId: string): { consultations: Consultation[]; upward: UpwardRequest[]; answers: UpwardAnswer[] } | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadLinkedToTask(db, taskId) : undefined), [db, taskId]);
}

/** A consultation with its replies, reconciliations and deemed-agreement notice; null when not found, undefined while loading or before the database opens. */
export function useConsultationDetail(id: string): { c: Consultation; replies: ConsultationReply[]; reconciliations: Reconciliation[]; notice: StoredLetter | null } | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(async () => {
    if (!db) return undefined;
    const c = await loadConsultation(db, id);
    if (!c) return null;
    const [replies, reconciliations, notice] = await Promise.all([loadReplies(db, id), loadReconciliations(db, id), c.noticeLetterId ? loadLetter(db, c.noticeLetterId) : Promise.resolve(null)]);
    return { c, replies, reconciliations, notice };
  }, [db, id]);
}

/** A request upward with its answers; null when not found, undefined while loading or before the database opens. */
export function useUpwardDetail(id: string): { r: UpwardRequest; answers: UpwardAnswer[] } | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(async () => {
    if (!db) return undefined;
    const r = await loadUpwardRequest(db, id);
    return r ? { r, answers: await loadUpwardAnswers(db, id) } : null;
  }, [db, id]);
}

/** The issuing office's letterhead, organisation and units for drafting letters; null when they cannot be read or before the database opens, undefined while loading. */
export function useIssuerContext(): IssuerContext | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadIssuerContext(db).catch(() => null) : null), [db]);
}
