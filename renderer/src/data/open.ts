import type { DondocApi } from '@shared/ipc/api';
import { DB_NAME, DondocDb, SCHEMA_VERSION } from './db';
import { countRows, dumpDatabase, existingIdbVersion } from './dump';

export interface OpenResult {
  db: DondocDb;
  migratedFrom: number | null;
  persisted: boolean;
}

/**
 * Opens the database; when the stored schema is older, first hands main a complete dump to
 * keep outside the profile, so a failed migration never costs data.
 */
export async function openDatabase(api: DondocApi, name = DB_NAME): Promise<OpenResult> {
  const idbVersion = await existingIdbVersion(name);
  const storedSchema = Math.round(idbVersion / 10);
  let migratedFrom: number | null = null;
  if (idbVersion > 0 && storedSchema < SCHEMA_VERSION) {
    const dump = await dumpDatabase(name);
    await api.call('backup:write', { reason: 'pre-migration', schemaVersion: storedSchema, counts: countRows(dump), json: JSON.stringify(dump) });
    migratedFrom = storedSchema;
  }
  const db = new DondocDb(name);
  await db.open();
  // Main records the schema the database is now at: a later pre-migration request for an older one is refused.
  await api.call('backup:databaseOpened', { schemaVersion: SCHEMA_VERSION });
  let persisted: boolean;
  try {
    persisted = (await navigator.storage?.persist?.()) ?? false;
  } catch {
    persisted = false;
  }
  return { db, migratedFrom, persisted };
}
