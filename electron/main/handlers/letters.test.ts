import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { letterChannels } from '@shared/ipc/channels/letters';
import { buildFollowUpBatch } from '@shared/letters/templates';
import { sampleBatchUnits, sampleIssuer } from '@shared/letters/__fixtures__/samples';
import type { MainDeps } from '../deps';
import { createLetterHandlers } from './letters';

const ctx = { senderUrl: 'app://dondoc/index.html' };

describe('letter handlers', () => {
  let dir: string;
  let savePath: string | null;
  let folder: string | null;
  let opened: string[];
  let deps: MainDeps;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'letters-handler-'));
    savePath = join(dir, 'cong-van');
    folder = dir;
    opened = [];
    deps = {
      dataDir: dir,
      dialogs: {
        pickSavePath: async () => savePath,
        pickOpenPath: async () => null,
        pickFolder: async () => folder,
      },
      secretBox: { available: () => false, encrypt: (b) => b, decrypt: (b) => b },
      shell: { openPath: async (p) => void opened.push(p) },
      now: () => new Date('2026-05-05T08:00:00Z'),
      appVersion: 'test',
      isElectron: false,
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const letters = buildFollowUpBatch({ issuer: sampleIssuer, asOf: '2026-05-05', units: sampleBatchUnits(3) });
  function parse(c: 'letters:saveDocx', req: unknown): ReturnType<(typeof letterChannels)['letters:saveDocx']['req']['parse']>;
  function parse(c: 'letters:saveDocxBatch', req: unknown): ReturnType<(typeof letterChannels)['letters:saveDocxBatch']['req']['parse']>;
  function parse(c: 'letters:saveDocx' | 'letters:saveDocxBatch', req: unknown) {
    return letterChannels[c].req.parse(req);
  }

  it('saves a docx atomically at the chosen path (adding .docx) and lets only that path be opened', async () => {
    const h = createLetterHandlers(deps);
    const res = await h['letters:saveDocx'](parse('letters:saveDocx', { letter: letters[0].letter, suggestedName: 'Công văn: đôn đốc?' }), ctx);
    expect(res).toEqual({ canceled: false, path: join(dir, 'cong-van.docx') });
    const xml = strFromU8(unzipSync(readFileSync(res.path!))['word/document.xml']);
    expect(xml).toContain('Phòng chuyên môn số 1');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    await h['letters:open']({ path: res.path! }, ctx);
    expect(opened).toEqual([res.path]);
    const other = join(dir, 'other.docx');
    writeFileSync(other, 'x');
    await expect(h['letters:open']({ path: other }, ctx)).rejects.toMatchObject({ code: 'not-authorised' });
    // Another handler table (another process) has its own allow-list.
    await expect(createLetterHandlers(deps)['letters:open']({ path: res.path! }, ctx)).rejects.toMatchObject({ code: 'not-authorised' });
  });

  it('lays the .docx out with the margins from the letterhead settings', async () => {
    const h = createLetterHandlers(deps);
    const margins = { top: 25, bottom: 22, left: 35, right: 18 };
    const res = await h['letters:saveDocx'](parse('letters:saveDocx', { letter: letters[0].letter, suggestedName: 'le', margins }), ctx);
    const xml = strFromU8(unzipSync(readFileSync(res.path!))['word/document.xml']);
    const pgMar = /<w:pgMar [^>]*>/.exec(xml)![0];
    const tw = (mm: number) => Math.round((mm * 1440) / 25.4);
    expect(pgMar).toContain(`w:left="${tw(35)}"`);
    expect(pgMar).toContain(`w:top="${tw(25)}"`);
    expect(pgMar).toContain(`w:right="${tw(18)}"`);
    expect(() => parse('letters:saveDocx', { letter: letters[0].letter, suggestedName: 'le', margins: { ...margins, left: 10 } })).toThrow();
  });

  it('returns canceled when the user closes the dialog, writing nothing', async () => {
    savePath = null;
    folder = null;
    const h = createLetterHandlers(deps);
    expect(await h['letters:saveDocx'](parse('letters:saveDocx', { letter: letters[0].letter, suggestedName: 'x' }), ctx)).toEqual({ canceled: true, path: null });
    expect(
      await h['letters:saveDocxBatch'](parse('letters:saveDocxBatch', { items: [{ letter: letters[0].letter, fileName: 'x' }] }), ctx),
    ).toEqual({ canceled: true, folder: null, paths: [] });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes a batch into the chosen folder without overwriting existing files', async () => {
    writeFileSync(join(dir, 'Đôn đốc.docx'), 'keep me');
    const h = createLetterHandlers(deps);
    const items = letters.map((l) => ({ letter: l.letter, fileName: 'Đôn đốc' }));
    const res = await h['letters:saveDocxBatch'](parse('letters:saveDocxBatch', { items }), ctx);
    expect(res.canceled).toBe(false);
    expect(res.paths.map((p) => p.slice(dir.length + 1))).toEqual(['Đôn đốc (2).docx', 'Đôn đốc (3).docx']);
    expect(readFileSync(join(dir, 'Đôn đốc.docx'), 'utf8')).toBe('keep me');
    for (const p of res.paths) await h['letters:open']({ path: p }, ctx);
    expect(opened).toHaveLength(2);
  });

  it('reports a write failure as a storage AppError', async () => {
    if (process.getuid?.() === 0) return; // root ignores folder permissions
    const locked = join(dir, 'locked');
    rmSync(locked, { force: true, recursive: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(locked));
    chmodSync(locked, 0o500);
    savePath = join(locked, 'a.docx');
    const h = createLetterHandlers(deps);
    await expect(h['letters:saveDocx'](parse('letters:saveDocx', { letter: letters[0].letter, suggestedName: 'a' }), ctx)).rejects.toMatchObject({
      code: 'storage',
    });
    chmodSync(locked, 0o700);
  });

  it('validates requests with the channel schemas', () => {
    expect(() => parse('letters:saveDocx', { letter: { ...letters[0].letter, symbol: 'bad symbol' }, suggestedName: 'x' })).toThrow();
    expect(() => parse('letters:saveDocxBatch', { items: [] })).toThrow();
  });
});
