/**
 * This installation's sealing key: 32 random bytes made once, kept by main in `seal-key.json`,
 * encrypted with the OS secret store (Electron safeStorage, bound to the Windows account) when it
 * is available. Main uses it for HMAC-SHA256 tags that only this installation can make:
 * the accounts file, every backup it writes, and the audit-chain anchor. Each use has its own
 * purpose label, so a tag made for one can never be replayed as another.
 *
 * What a tag proves: the bytes were written by main on this PC under this Windows account (or by
 * someone who read the key out of the OS store). Where the OS offers no secret store the key is
 * protected only by the file's owner-only mode, and `osEncrypted` says so.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '@shared/errors';
import type { SecretBox } from './deps';
import { readJson, writeJson } from './fs/jsonStore';
import { openSecret, sealSecret } from './secrets';

export const SEAL_KEY_FILE = 'seal-key.json';

const storedSchema = z.object({
  version: z.literal(1),
  key: z.string().min(1).max(1024),
  osEncrypted: z.boolean(),
  createdAt: z.string(),
});

export type SealPurpose = 'accounts' | 'backup' | 'audit-anchor';

export interface SealKey {
  /** Hex HMAC-SHA256 of the bytes under the purpose's label. */
  tag(purpose: SealPurpose, data: string | Uint8Array): Promise<string>;
  /** Constant-time comparison with a freshly computed tag. */
  check(purpose: SealPurpose, data: string | Uint8Array, tag: string): Promise<boolean>;
  /** Whether the key file already exists (true for any installation that has run before). */
  exists(): Promise<boolean>;
  osEncrypted(): Promise<boolean>;
}

export function createSealKey(deps: { dataDir: string; secretBox: SecretBox; now: () => Date }): SealKey {
  const path = join(deps.dataDir, SEAL_KEY_FILE);
  let cached: Promise<{ key: Buffer; osEncrypted: boolean }> | null = null;

  async function loadOrCreate(): Promise<{ key: Buffer; osEncrypted: boolean }> {
    const stored = await readJson(path, storedSchema.nullable(), null);
    if (stored) {
      const key = openSecret(deps.secretBox, stored.key, stored.osEncrypted, 'khóa niêm phong');
      if (key.length !== 32) throw new AppError('storage', 'Khóa niêm phong của máy này bị hỏng.');
      return { key, osEncrypted: stored.osEncrypted };
    }
    const key = randomBytes(32);
    const sealed = sealSecret(deps.secretBox, key);
    await writeJson(path, { version: 1, key: sealed.value, osEncrypted: sealed.osEncrypted, createdAt: deps.now().toISOString() }, 0o600);
    return { key, osEncrypted: sealed.osEncrypted };
  }

  function load() {
    cached ??= loadOrCreate().catch((error: unknown) => {
      cached = null;
      throw error;
    });
    return cached;
  }

  async function tag(purpose: SealPurpose, data: string | Uint8Array): Promise<string> {
    const { key } = await load();
    return createHmac('sha256', key).update(`dondoc-seal:${purpose}\n`).update(data).digest('hex');
  }

  return {
    tag,
    async check(purpose, data, given) {
      if (!/^[0-9a-f]{64}$/.test(given)) return false;
      const expected = Buffer.from(await tag(purpose, data), 'hex');
      return timingSafeEqual(expected, Buffer.from(given, 'hex'));
    },
    async exists() {
      try {
        await access(path);
        return true;
      } catch {
        return false;
      }
    },
    async osEncrypted() {
      return (await load()).osEncrypted;
    },
  };
}
