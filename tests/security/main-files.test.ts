/**
 * Files main writes and opens on a Windows office PC: device names (CON, NUL, COM¹ …) and missing
 * extensions on every save, and attachments that would run code when opened.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isExecutableName, isReservedName, safeFileName, savePathWithExtension } from '../../electron/main/fs/fileNames';
import { safeDocxName } from '../../electron/main/letters/save';
import { safePdfName } from '../../electron/main/handlers/print';
import { ADMIN, makeOffice, type Office } from './main-harness';

const RESERVED = ['CON', 'prn', 'Aux', 'NUL', 'COM1', 'com9', 'COM0', 'LPT1', 'lpt9', 'CONIN$', 'conout$', 'COM¹', 'COM²', 'LPT³', 'NUL.tar', 'con .docx'];

describe('file names main saves', () => {
  it('recognises every Windows device name, with an extension, any case, and superscript digits', () => {
    for (const n of RESERVED) expect({ n, reserved: isReservedName(n) }).toEqual({ n, reserved: true });
    for (const n of ['CONSOLE', 'COM10', 'bao-cao.docx', 'NULL', 'LPT', 'Công văn số 12']) expect({ n, reserved: isReservedName(n) }).toEqual({ n, reserved: false });
  });

  it('never suggests a device name, and every saved path carries its extension', () => {
    for (const n of RESERVED) {
      for (const [make, ext] of [
        [safeDocxName, 'docx'],
        [safePdfName, 'pdf'],
        [(x: string) => safeFileName(x, 'xlsx'), 'xlsx'],
      ] as const) {
        const name = make(n);
        expect(name.endsWith(`.${ext}`)).toBe(true);
        expect(isReservedName(name)).toBe(false);
      }
    }
    expect(savePathWithExtension(join('D:', 'bao-cao'), 'pdf')).toBe(join('D:', 'bao-cao.pdf'));
    expect(savePathWithExtension(join('D:', 'bao-cao.exe'), 'xlsx')).toBe(join('D:', 'bao-cao.exe.xlsx'));
    expect(savePathWithExtension(join('D:', 'BAO-CAO.PDF'), 'pdf')).toBe(join('D:', 'BAO-CAO.PDF'));
    expect(() => savePathWithExtension(join('D:', 'NUL'), 'docx')).toThrow(/tên dành riêng của Windows/);
    expect(() => savePathWithExtension(join('D:', 'COM¹.pdf'), 'pdf')).toThrow(/tên dành riêng/);
  });
});

describe('attachments that would run code', () => {
  const dirs: string[] = [];
  let office: Office;
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('an .exe, .bat, .js or .lnk attachment is shown in its folder, never opened; a PDF opens', async () => {
    expect(['x.exe', 'x.BAT', 'giai-nen.js', 'loi-tat.lnk', 'ho-so.pdf.exe', 'a.ps1', 'b.hta', 'c.docm', 'd.exe. '].every(isExecutableName)).toBe(true);
    expect(['ho-so.pdf', 'anh.jpg', 'bang.xlsx', 'van-ban.docx', 'khong-duoi'].some(isExecutableName)).toBe(false);

    office = await makeOffice();
    dirs.push(office.dataDir);
    const shown: string[] = [];
    office.deps.shell.showInFolder = (p) => void shown.push(p);
    await office.api.call('auth:createFirstAdmin', ADMIN);
    const src = await mkdtemp(join(tmpdir(), 'dondoc-attach-'));
    dirs.push(src);
    for (const name of ['cai-dat.exe', 'ho-so.pdf']) {
      await writeFile(join(src, name), `noi dung ${name}`);
      office.openPaths.push(join(src, name));
    }
    const exe = await office.api.call('files:attach', { title: 'Đính kèm' });
    const pdf = await office.api.call('files:attach', { title: 'Đính kèm' });
    expect(await office.api.call('files:open', { sha256: exe.file!.sha256, fileName: exe.file!.fileName })).toEqual({ shownInFolder: true });
    // Renamed by the sender to look harmless: the stored copy keeps the .exe and is judged by it too.
    expect(await office.api.call('files:open', { sha256: exe.file!.sha256, fileName: 'ho-so.exe' })).toEqual({ shownInFolder: true });
    expect(office.opened).toEqual([]);
    expect(shown).toHaveLength(2);
    expect(await office.api.call('files:open', { sha256: pdf.file!.sha256, fileName: pdf.file!.fileName })).toEqual({ shownInFolder: false });
    expect(office.opened).toHaveLength(1);
    expect(await readdir(join(office.dataDir, 'files'))).toHaveLength(2);
  });
});
