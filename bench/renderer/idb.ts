/**
 * The slice of the IndexedDB API the floor cases use, typed locally: it was written when bench/** was typechecked
 * with the Node project (no DOM lib); bench/renderer/** now has its own project with the DOM lib.
 */
export interface IdbRequest<T> {
  result: T;
  error: { message: string } | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
export interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: (() => void) | null;
  onblocked: (() => void) | null;
}
export interface IdbCursor {
  value: unknown;
  continue(): void;
}
export interface IdbIndex {
  openCursor(): IdbRequest<IdbCursor | null>;
}
export interface IdbObjectStore {
  put(value: unknown): IdbRequest<unknown>;
  get(key: string): IdbRequest<unknown>;
  getAll(): IdbRequest<unknown[]>;
  index(name: string): IdbIndex;
  createIndex(name: string, keyPath: string | string[], options: { unique: boolean; multiEntry: boolean }): IdbIndex;
}
export interface IdbTransaction {
  objectStore(name: string): IdbObjectStore;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  error: { message: string } | null;
}
export interface IdbDatabase {
  createObjectStore(name: string, options: { keyPath: string }): IdbObjectStore;
  transaction(stores: string[], mode: 'readonly' | 'readwrite', options?: { durability: 'strict' | 'relaxed' | 'default' }): IdbTransaction;
  close(): void;
}
export interface IdbFactory {
  open(name: string, version?: number): IdbOpenRequest;
  deleteDatabase(name: string): IdbRequest<undefined> & { onblocked: (() => void) | null };
}

export function idbFactory(): IdbFactory {
  const factory = (globalThis as unknown as { indexedDB?: IdbFactory }).indexedDB;
  if (!factory) throw new Error('IndexedDB is not available here');
  return factory;
}

export function request<T>(req: IdbRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(req.error?.message ?? 'IndexedDB request failed'));
  });
}

export function completion(tx: IdbTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(new Error(tx.error?.message ?? 'IndexedDB transaction failed'));
    tx.onabort = () => reject(new Error(tx.error?.message ?? 'IndexedDB transaction aborted'));
  });
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = idbFactory().deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(new Error(req.error?.message ?? 'deleteDatabase failed'));
    req.onblocked = () => reject(new Error(`deleteDatabase(${name}) blocked by an open connection`));
  });
}

export interface StoreIndex {
  name: string;
  keyPath: string | string[];
  multiEntry: boolean;
  unique: boolean;
}

/** Opens (creating) a database with one object store keyed by `id` and the given indexes. */
export function openStore(dbName: string, store: string, indexes: readonly StoreIndex[]): Promise<IdbDatabase> {
  return new Promise((resolve, reject) => {
    const req = idbFactory().open(dbName, 1);
    req.onupgradeneeded = () => {
      const os = req.result.createObjectStore(store, { keyPath: 'id' });
      for (const ix of indexes) os.createIndex(ix.name, ix.keyPath, { unique: ix.unique, multiEntry: ix.multiEntry });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(req.error?.message ?? 'open failed'));
    req.onblocked = () => reject(new Error(`open(${dbName}) blocked`));
  });
}
