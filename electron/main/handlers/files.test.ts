import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { fileChannels } from '@shared/ipc/channels/files';
import type { MainDeps } from '../deps';
import { createFileHandlers } from './files';
import { testDeps } from '../../../tests/fixtures/mainDeps';

const ctx = { senderUrl: 'app://dondoc/index.html' };

describe('file store handlers', () => {
  let dir: string;
  let picks: (string | null)[];
  let opened: string[];
  let loggedIn: boolean;
  let deps: MainDeps;
  const accounts = {
    requireSession: () => {
      if (!loggedIn) throw new AppError('not-authorised', 'Bạn cần đăng nhập để thực hiện thao tác này.');
      return undefined as never;
    },
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'files-handler-'));
    picks = [];
    opened = [];
    loggedIn = true;
    deps = testDeps(join(dir, 'data'), () => new Date('2026-05-05T08:00:00Z'), {
      dialogs: { pickOpenPath: async () => picks.shift() ?? null },
      shell: { openPath: async (p) => void opened.push(p) },
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a picked file into the store under its sha256, once, and opens only stored files', async () => {
    const h = createFileHandlers(deps, accounts);
    const content = Buffer.from('%PDF-1.4 Công văn 1041/UBND-NC');
    const picked = join(dir, 'Công văn 1041.pdf');
    writeFileSync(picked, content);
    const sha = createHash('sha256').update(content).digest('hex');

    picks.push(picked);
    const first = await h['files:attach'](fileChannels['files:attach'].req.parse({ title: 'Chọn tệp' }), ctx);
    expect(first).toEqual({ canceled: false, file: { sha256: sha, fileName: 'Công văn 1041.pdf', bytes: content.length } });
    expect(readFileSync(join(deps.dataDir, 'files', `${sha}.pdf`))).toEqual(content);

    // The same content attached again under another name is stored once.
    const copy = join(dir, 'ban-sao.pdf');
    writeFileSync(copy, content);
    picks.push(copy);
    const second = await h['files:attach']({ title: 'Chọn tệp' }, ctx);
    expect(second.file?.sha256).toBe(sha);
    expect(readdirSync(join(deps.dataDir, 'files'))).toEqual([`${sha}.pdf`]);

    await h['files:open']({ sha256: sha, fileName: 'Công văn 1041.pdf' }, ctx);
    expect(opened).toEqual([join(deps.dataDir, 'files', `${sha}.pdf`)]);

    const unknown = 'a'.repeat(64);
    await expect(h['files:open']({ sha256: unknown, fileName: 'x.pdf' }, ctx)).rejects.toMatchObject({ code: 'not-found' });
    expect(opened).toHaveLength(1);
  });

  it('returns canceled when the user closes the dialog, and refuses without a session', async () => {
    const h = createFileHandlers(deps, accounts);
    expect(await h['files:attach']({ title: 'Chọn tệp' }, ctx)).toEqual({ canceled: true, file: null });
    loggedIn = false;
    await expect(h['files:attach']({ title: 'Chọn tệp' }, ctx)).rejects.toMatchObject({ code: 'not-authorised' });
    await expect(h['files:open']({ sha256: 'b'.repeat(64), fileName: 'x.pdf' }, ctx)).rejects.toMatchObject({ code: 'not-authorised' });
  });

  it('accepts only a sha256 to open, so no path can be smuggled in', () => {
    const req = fileChannels['files:open'].req;
    expect(req.safeParse({ sha256: '../accounts.json', fileName: 'x' }).success).toBe(false);
    expect(req.safeParse({ sha256: 'A'.repeat(64), fileName: 'x' }).success).toBe(false);
    expect(req.safeParse({ sha256: 'a'.repeat(64), fileName: 'x.pdf' }).success).toBe(true);
  });

  it('refuses a picked folder', async () => {
    const h = createFileHandlers(deps, accounts);
    picks.push(dir);
    await expect(h['files:attach']({ title: 'Chọn tệp' }, ctx)).rejects.toMatchObject({ code: 'invalid-file' });
  });
});
