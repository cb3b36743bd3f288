/**
 * A database dump written raw, once: every row put into a fresh database with the current
 * schema's stores and indexes, in one transaction. The floor of a restore (the backup's rows)
 * and of the demo loader (the records it stored).
 */
import type { DatabaseDump } from '../../../renderer/src/data/dump';
import { currentStores } from '../../../renderer/src/data/restore';
import { idbFactory } from '../idb';

export function rawWriteDump(dbName: string, d: DatabaseDump): Promise<void> {
  const stores = currentStores();
  return new Promise((resolve, reject) => {
    const req = idbFactory().open(dbName, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const [table, shape] of Object.entries(stores)) {
        const store = db.createObjectStore(table, { keyPath: shape.keyPath });
        for (const i of shape.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
        for (const row of d.tables[table] ?? []) store.put(row);
      }
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(new Error(req.error?.message ?? 'raw write failed'));
  });
}
