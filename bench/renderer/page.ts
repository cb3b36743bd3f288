/**
 * The bench page's entry, small on purpose. A cold tab (`?cold=<case>&size=<size>`) first starts
 * what the app's entry module starts before its code loads (coldEarly.ts), then loads only the
 * cold cases (coldPage.ts); the bench page proper loads every case (benchPage.ts).
 */
import { startColdEarly } from './coldEarly';
import { COLD_PARAM, type SizeLabel } from './types';

const query = new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search);
const coldCase = query.get(COLD_PARAM);
const failed = (e: unknown) => {
  (globalThis as { __coldError?: string }).__coldError = `the bench page did not load: ${e instanceof Error ? e.message : String(e)}`;
  console.error(e);
};
if (coldCase) {
  startColdEarly(coldCase);
  import('./coldPage').then((m) => m.runColdCase(coldCase, (query.get('size') ?? 'tiny') as SizeLabel), failed);
} else import('./benchPage').catch(failed);
