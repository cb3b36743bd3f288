/**
 * A full dump of the database with raw IndexedDB, readable at any schema version: used for
 * the backup main writes before a migration (Dexie must not open, and so upgrade, first).
 */
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

export function dumpDatabase(name: string): Promise<DatabaseDump> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onerror = () => reject(req.error);
    req.onupgradeneeded = () => {
      // The database did not exist: abort so nothing is created.
      req.transaction?.abort();
    };
    req.onsuccess = () => {
      const idb = req.result;
      const names = Array.from(idb.objectStoreNames);
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
