/**
 * A full dump of the database with raw IndexedDB, readable at any schema version: used for
 * the backup main writes before a migration (Dexie must not open, and so upgrade, first).
 */
import { DIRTY_TABLE, PACKS_TABLE } from '../features/tasks/data/indexSnapshot';

/**
 * LOCAL caches left out of every dump: the packed task-index snapshot and its tail are derived
 * from the taskIndex table the dump carries; a restored database reads its index in full once
 * and writes a fresh snapshot at the next idle moment.
 */
export const CACHE_TABLES: readonly string[] = [PACKS_TABLE, DIRTY_TABLE];

export interface DatabaseDump {
  database: string;
  /** IndexedDB version (Dexie's version × 10). */
  idbVersion: number;
  tables: Record<string, unknown[]>;
}

export async function existingIdbVersion(name: string): Promise<number> {
  if (typeof indexedDB.databases === 'function') {
    const list = await indexedDB.databases();
    return list.find((d) => d.name === name)?.version ?? 0;
  }
  return 0;
}

export function dumpDatabase(name: string, exclude: readonly string[] = CACHE_TABLES): Promise<DatabaseDump> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onerror = () => reject(req.error);
    req.onupgradeneeded = () => {
      // The database did not exist: abort so nothing is created.
      req.transaction?.abort();
    };
    req.onsuccess = () => {
      const idb = req.result;
      const names = Array.from(idb.objectStoreNames).filter((n) => !exclude.includes(n));
      const tables: Record<string, unknown[]> = {};
      if (names.length === 0) {
        idb.close();
        resolve({ database: name, idbVersion: idb.version, tables });
        return;
      }
      const tx = idb.transaction(names, 'readonly');
      for (const store of names) {
        const r = tx.objectStore(store).getAll();
        r.onsuccess = () => {
          tables[store] = r.result;
        };
      }
      tx.oncomplete = () => {
        idb.close();
        resolve({ database: name, idbVersion: idb.version, tables });
      };
      tx.onerror = () => {
        idb.close();
        reject(tx.error);
      };
    };
  });
}

export function countRows(dump: DatabaseDump): Record<string, number> {
  return Object.fromEntries(Object.entries(dump.tables).map(([k, v]) => [k, v.length]));
}
