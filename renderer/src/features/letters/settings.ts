/**
 * Letterhead settings in the database (one 'settings' row, id 'letterhead'). Until an
 * administrator saves them, screens use defaults derived from the first-run answers.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { AppError } from '@shared/errors';
import type { JsonValue } from '@shared/data/ops';
import { canChangeSettings, type Actor } from '@shared/authority';
import { LETTERHEAD_SETTINGS_ID, defaultLetterhead, letterheadSchema, type DraftingOffice, type Letterhead, type LetterheadInput } from '@shared/letters/letterhead';
import { awaitsRegistry, type Organisation } from '@shared/registries/organisation';
import type { Unit } from '@shared/registries/units';
import type { DondocDb } from '../../data/db';
import { visible, withWrites, type WriteContext } from '../../data/repository';
import { useAppState } from '../../state/app';
import { loadOrganisation, loadUnits } from '../registries/queries';

/** The office this site runs as its default drafting unit (the wizard's second step). */
export function siteOffice(org: Organisation, units: readonly Unit[]): DraftingOffice | null {
  const u = units.find((x) => org.actsForUnitIds.includes(x.id) && x.id !== org.authorityUnitId);
  const symbol = (u?.symbol || u?.shortName || '').toLocaleUpperCase('vi-VN');
  if (!u || !/^[\p{L}\p{N}]+$/u.test(symbol)) return null;
  return { symbol, name: u.name };
}

export interface LetterheadState {
  settings: Letterhead;
  /** False while the defaults have not been reviewed and saved by an administrator. */
  saved: boolean;
  org: Organisation;
}

/** null before first-run setup, and on a unit office until the coordinator's registry names its unit (the issuer of its letters). */
export async function loadLetterhead(db: DondocDb): Promise<LetterheadState | null> {
  const org = await loadOrganisation(db);
  if (!org) return null;
  const row = await db.settings.get(LETTERHEAD_SETTINGS_ID);
  if (row && row._deleted !== 1) {
    const parsed = letterheadSchema.safeParse(visible<Record<string, unknown>>([row])[0]);
    if (parsed.success) return { settings: parsed.data, saved: true, org };
  }
  if (awaitsRegistry(org)) return null;
  return { settings: defaultLetterhead(org, siteOffice(org, await loadUnits(db))), saved: false, org };
}

/** undefined while loading; null as loadLetterhead (screens show LetterheadMissing). */
export function useLetterhead(): LetterheadState | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadLetterhead(db) : null), [db]);
}

export async function saveLetterhead(db: DondocDb, ctx: WriteContext, actor: Actor, input: LetterheadInput): Promise<Letterhead> {
  const decision = canChangeSettings(actor);
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  const parsed = letterheadSchema.safeParse(input);
  if (!parsed.success) throw new AppError('invalid-input', [...new Set(parsed.error.issues.map((i) => i.message))].join('; '));
  const values = JSON.parse(JSON.stringify(parsed.data)) as Record<string, JsonValue>;
  await withWrites(db, ctx, ['settings'], (w) => w.set('settings', LETTERHEAD_SETTINGS_ID, values, 'Cập nhật thể thức văn bản', parsed.data.issuingAgency.replace(/\n/g, ' ')));
  return parsed.data;
}
