/**
 * A database holding sample data ("Nạp dữ liệu mẫu") must never exchange packages with real
 * peers: its rows would spread to every office. The demo loader marks such a database with
 * this meta row (it writes no sync ops, but a peer's import would still relay our ack).
 */
import { AppError } from '@shared/errors';
import type { DondocDb } from '../../../data/db';

export const DEMO_META_KEY = 'demoData';

export const DEMO_SYNC_REFUSED = 'Cơ sở dữ liệu này chứa dữ liệu mẫu nên không được đồng bộ với đơn vị khác. Hãy dùng một cơ sở dữ liệu thật để đồng bộ.';

/** Throws AppError('conflict') when this database holds sample data. */
export async function refuseDemoDatabase(db: DondocDb): Promise<void> {
  if (await db.meta.get(DEMO_META_KEY)) throw new AppError('conflict', DEMO_SYNC_REFUSED);
}
