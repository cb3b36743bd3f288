/** The app's IndexedDB database (its own module so the entry chunk can name it without loading Dexie). */
export const DB_NAME = 'dondoc';
