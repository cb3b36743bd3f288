/** The context a case runs with, in the bench page and in a cold tab. */
import { SIZES, type PageContext, type SizeLabel } from './types';

const retained = new Map<string, unknown>();

export function pageContext(size: SizeLabel, loadDemoData: (dbName: string, spec: PageContext['size']) => Promise<void>): PageContext {
  return {
    size: SIZES[size],
    retain: (key, value) => void retained.set(key, value),
    release: (key) => void retained.delete(key),
    log: (line) => console.log(line),
    loadDemoData: (dbName) => loadDemoData(dbName, SIZES[size]),
  };
}
