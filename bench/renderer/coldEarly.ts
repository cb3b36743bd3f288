/**
 * What a cold tab starts before the bench's code is loaded, as the app's entry module does
 * (renderer/src/main.tsx): the app's cases start the app's early read of the task index; the
 * floor starts its raw read of the same records, so the floor overlaps the code's loading too.
 */
import { startEarlyIndexRead } from '../../renderer/src/features/tasks/data/earlyIndexRead';
import { DEMO_DB } from './types';
import { idbFactory, request } from './idb';

let rawPacks: Promise<unknown[]> | null = null;

async function readPacksRaw(name: string): Promise<unknown[]> {
  const db = await request(idbFactory().open(name));
  try {
    return await request(db.transaction(['taskIndexPacks'], 'readonly').objectStore('taskIndexPacks').getAll());
  } finally {
    db.close();
  }
}

/** When the early read finished (ms since navigation; for the cold start's phases log). */
export let earlyReadDoneAt: number | null = null;

export function startColdEarly(caseName: string): void {
  if (caseName === 'floor.raw.coldPackedRead') rawPacks = readPacksRaw(DEMO_DB);
  // Not for `.noSnapshot`: the start it stands for finds no snapshot to read, while its tab deletes the head only during its run.
  else if (caseName === 'app.coldStartToDashboard') void startEarlyIndexRead(DEMO_DB).then(() => (earlyReadDoneAt = performance.now()));
}

/** The floor's early raw read, once (null when this tab did not start one). */
export function takeRawPacks(): Promise<unknown[]> | null {
  const p = rawPacks;
  rawPacks = null;
  return p;
}
