/**
 * The version of the renderer's database schema (Dexie declares the same number). Kept in
 * shared/ so main can tell whether a pre-migration backup it is asked for can be genuine.
 */
export const SCHEMA_VERSION = 11;
