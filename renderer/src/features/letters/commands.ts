import { AppError } from '@shared/errors';
import type { Actor } from '@shared/authority';
import type { DondocDb } from '../../data/db';
import type { WriteContext } from '../../data/repository';
import { cancelIssuedLetter } from './data/register';
import { isAdministrator } from '@shared/roles';

/** Cancelling a number is an administrator's act; the number stays in the register, marked cancelled. */
export async function cancelLetterNumber(db: DondocDb, ctx: WriteContext, actor: Actor, letterId: string, reason: string): Promise<void> {
  if (!isAdministrator(actor.role)) throw new AppError('not-authorised', 'Chỉ quản trị viên được hủy số văn bản.');
  await cancelIssuedLetter(db, ctx, letterId, reason);
}
