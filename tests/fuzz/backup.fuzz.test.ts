/** Input surface: backup files (.ddbak) read by main — decodeBackup and the header-only reader. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBackup, encodeBackup } from '../../electron/main/backup/backupFile';
import { readBackupHeader } from '../../electron/main/backup/store';
import { applyMutations, expectSafe, mutationArb } from './mutate';

const body = JSON.stringify({ database: 'dondoc', idbVersion: 20, tables: { units: [{ id: 'u1', name: 'Phòng Kinh tế', _v: {}, _deleted: 0 }], audit: [] } });
let valid: Buffer;
const encoded = () => encodeBackup({ appVersion: '0.1.0', schemaVersion: 2, siteId: 'site-a', reason: 'daily', createdAt: '2025-07-01T01:00:00.000Z', counts: { units: 1, audit: 0 } }, body);

let dir: string;
beforeAll(async () => {
  valid = await encoded();
  dir = await mkdtemp(join(tmpdir(), 'dondoc-fuzz-backup-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fuzz: backup files', () => {
  it('random bytes never decode and always fail with a Vietnamese AppError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const r = await expectSafe(() => decodeBackup(Buffer.from(bytes)));
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a mutated valid backup either decodes to exactly the original body or is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const mutated = applyMutations(valid, mutations);
        const r = await expectSafe(() => decodeBackup(mutated));
        // A mutation may only survive when it left the body untouched (e.g. a changed header field that still parses).
        if (r.ok) expect(r.value.body).toBe(body);
      }),
      { numRuns: 400 },
    );
  });

  it('the header-only reader used for the list never throws anything but a Vietnamese AppError', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const path = join(dir, `f${n++}.ddbak`);
        await writeFile(path, applyMutations(valid, mutations));
        await expectSafe(() => readBackupHeader(path));
      }),
      { numRuns: 150 },
    );
  });

  it('random JSON headers are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string(), async (header, rest) => {
        const r = await expectSafe(() => decodeBackup(Buffer.from(`${JSON.stringify(header)}\n${rest}`, 'utf8')));
        expect(r.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
