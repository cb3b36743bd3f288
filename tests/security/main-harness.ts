/**
 * The real handler table (createHandlers, the one Electron registers and the browser harness
 * bridges) behind the real dispatch, on a temp data folder, with scripted dialogs that record
 * every call: an attack that reaches a file dialog has already got further than it should.
 */
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { makeApi } from '@shared/ipc/api';
import type { MainDeps } from '../../electron/main/deps';
import { createHandlers } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';
import type { HandlerTable } from '../../electron/main/ipc/types';

export interface Office {
  dataDir: string;
  deps: MainDeps;
  table: HandlerTable;
  api: ReturnType<typeof makeApi>;
  /** Every dialog main opened, in order. */
  dialogCalls: string[];
  savePaths: (string | null)[];
  openPaths: (string | null)[];
  opened: string[];
}

export async function makeOffice(dataDir?: string): Promise<Office> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'dondoc-sec-')));
  const office = { dataDir: dir, dialogCalls: [] as string[], savePaths: [] as (string | null)[], openPaths: [] as (string | null)[], opened: [] as string[] } as Office;
  office.deps = {
    dataDir: dir,
    dialogs: {
      pickSavePath: async ({ title }) => {
        office.dialogCalls.push(`save:${title}`);
        return office.savePaths.shift() ?? null;
      },
      pickOpenPath: async ({ title }) => {
        office.dialogCalls.push(`open:${title}`);
        return office.openPaths.shift() ?? null;
      },
      pickFolder: async ({ title }) => {
        office.dialogCalls.push(`folder:${title}`);
        return null;
      },
    },
    secretBox: { available: () => true, encrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)), decrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)) },
    shell: {
      openPath: async (p) => {
        office.opened.push(p);
      },
    },
    now: () => new Date('2026-11-29T03:00:00Z'),
    appVersion: 'test',
    isElectron: false,
  };
  office.table = await createHandlers(office.deps);
  office.api = makeApi((channel, request) => dispatch(office.table, () => true, channel, request, { senderUrl: 'app://dondoc/index.html', isTopFrame: true }));
  return office;
}

/** Every file under the data folder with its size and modification time. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string) {
    let names: string[];
    try {
      names = await readdir(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      const s = await stat(p);
      if (s.isDirectory()) await walk(p);
      else out[relative(dir, p)] = `${s.size}:${s.mtimeMs}`;
    }
  }
  await walk(dir);
  return out;
}

export const ADMIN = { username: 'lan.vt', password: 'matkhau-an-toan', displayName: 'Nguyễn Thị Lan', unitId: 'u-vp', officialId: 'o-lan' };
export const STAFF = { username: 'minh.kt', password: 'matkhau-kinh-te', displayName: 'Trần Văn Minh', role: 'unitStaff' as const, unitId: 'u-kt', officialId: 'o-minh' };
