/**
 * The version of the renderer's database schema (Dexie declares the same number). Kept in
 * shared/ so main can tell whether a pre-migration backup it is asked for can be genuine.
 */
export const SCHEMA_VERSION = 11;

/**
 * The version a sync package declares: the newest schema whose SYNCED data changed (v7 added
 * issued reports and accountability records). Every version since changed only how one machine
 * stores its data (op segments v8, the index snapshot v9, task packs v10, fewer indexes v11),
 * which no peer ever sees, so an office that has not upgraded yet still takes these packages.
 * Raise it (to SCHEMA_VERSION) with a schema version that changes what is synced.
 */
export const SYNC_DATA_VERSION = 7;

/** Whether an app at `localSchema` can apply a package declaring `declared` (a newer one could hold data it cannot store). */
export function acceptsPackageSchema(declared: number, localSchema: number): boolean {
  return declared <= localSchema;
}
