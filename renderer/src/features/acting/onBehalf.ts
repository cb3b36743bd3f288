/**
 * Recording on behalf of a unit (nhập thay, shared/acting.ts) as the commands need it: which
 * units have a site of their own (the trusted peers of the site registry), and the stored
 * record — the clerk's name and the paper document — built and checked before anything is written.
 */
import { AppError } from '@shared/errors';
import type { Actor } from '@shared/authority';
import {
  checkOnBehalfDocument,
  describeSourceDocument,
  onBehalfInputSchema,
  unitsWithOwnSite,
  type OnBehalfContext,
  type OnBehalfDocument,
  type OnBehalfRecord,
} from '@shared/acting';
import type { DondocDb } from '../../data/db';
import type { WriteContext } from '../../data/repository';
import { loadUnits } from '../registries/queries';

/** Units with an installation of their own, from the trusted peers and the unit registry. */
export async function loadOnBehalfContext(db: DondocDb): Promise<OnBehalfContext> {
  const [peers, units] = await Promise.all([db.peers.toArray(), loadUnits(db)]);
  return { unitsWithOwnSite: unitsWithOwnSite(peers, units) };
}

/** "Nguyễn Thị Lan" out of "lan.vt (Nguyễn Thị Lan)"; the user name when there is no display name. */
function displayNameOf(account: string): string {
  const m = /\(([^()]+)\)\s*$/.exec(account);
  return (m ? m[1] : account).trim();
}

/**
 * The on-behalf record to store, after the paper document is validated: the clerk as the
 * account shows its name ("username (Họ tên)" of the write context) and the account's official.
 * Throws AppError('invalid-input') with a Vietnamese message.
 */
export function onBehalfRecordFor(ctx: WriteContext, actor: Actor & { officialId: string | null }, document: OnBehalfDocument, today: string): OnBehalfRecord {
  const parsed = onBehalfInputSchema.safeParse(document);
  if (!parsed.success) throw new AppError('invalid-input', parsed.error.issues.map((i) => i.message).join('\n'));
  const dated = checkOnBehalfDocument(parsed.data, today);
  if (!dated.allowed) throw new AppError('invalid-input', dated.reason);
  return { ...parsed.data, clerkName: displayNameOf(ctx.actor), clerkOfficialId: actor.officialId };
}

/** The document as canRecordOnBehalf reads it. */
export function sourceOf(record: OnBehalfRecord): { sourceDocument: string } {
  return { sourceDocument: describeSourceDocument(record) };
}
