import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile } from '../sync/files';
import { readJson, writeJson } from './jsonStore';
import { expectAppError } from '../../../tests/fixtures/errors';

const schema = z.object({ n: z.number() });
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dondoc-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('small JSON files', () => {
  it('reads back what was written, and the fallback (or null) when there is no file', async () => {
    const path = join(dir, 'nested', 'a.json');
    expect(await readJson(path, schema, { n: 0 })).toEqual({ n: 0 });
    expect(await readJsonFile(path, schema)).toBeNull();
    await writeJson(path, { n: 7 });
    expect(await readJson(path, schema, { n: 0 })).toEqual({ n: 7 });
    expect(await readJsonFile(path, schema)).toEqual({ n: 7 });
    expect(await readdir(join(dir, 'nested'))).toEqual(['a.json']);
  });

  it('refuses a file that is not JSON or not of the shape, naming it (sync files by their name only)', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ n: ');
    await expectAppError(readJson(broken, schema, { n: 0 }), 'storage', new RegExp(`^Tệp dữ liệu bị hỏng: ${broken.replace(/[\\.]/g, '\\$&')}$`));
    await expectAppError(readJsonFile(broken, schema), 'storage', /^Tệp dữ liệu đồng bộ bị hỏng: broken\.json$/);
    const wrong = join(dir, 'wrong.json');
    await writeFile(wrong, '{ "n": "bảy" }');
    await expectAppError(readJson(wrong, schema, { n: 0 }), 'storage', /^Tệp dữ liệu không đúng định dạng: .*wrong\.json$/);
    await expectAppError(readJsonFile(wrong, schema), 'storage', /^Tệp dữ liệu đồng bộ không đúng định dạng: wrong\.json$/);
  });
});
