/**
 * This installation's signing identity: an Ed25519 key pair made and kept by main. The private
 * key is sealed with the OS secret store (Electron safeStorage) when it is available; otherwise
 * it is written with owner-only file mode and flagged as not OS-encrypted. It never leaves main.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { fingerprint } from '../../../shared/sync/fingerprint';
import { keyRotationSchema, publicKeySchema, type KeyRotation } from '../../../shared/sync/package';
import type { SecretBox } from '../deps';
import { publicKeyBase64 } from './ed25519';
import { atomicWrite, createMutex, readJsonFile } from './files';
import { signKeyRotation } from './rotation';
import { openSecret, sealSecret } from '../secrets';

export { fingerprint };

export const IDENTITY_FILE = join('sync', 'identity.json');

const storedIdentitySchema = z.object({
  version: z.literal(1),
  siteId: z.string().min(1).max(64),
  publicKey: publicKeySchema,
  /** PKCS#8 DER of the private key, base64; sealed by SecretBox when osEncrypted. */
  privateKey: z.string().min(1).max(4096),
  osEncrypted: z.boolean(),
  createdAt: z.string(),
  /** Announcements from earlier keys to this one, oldest first; attached to every package. */
  rotations: z.array(keyRotationSchema).max(16),
});
type StoredIdentity = z.infer<typeof storedIdentitySchema>;

export interface SiteIdentity {
  siteId: string;
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  fingerprint: string;
  /** False when the OS offered no secret store and the key is protected only by file permissions. */
  osEncrypted: boolean;
  createdAt: string;
  rotations: KeyRotation[];
}

export interface KeyStoreDeps {
  dataDir: string;
  secretBox: SecretBox;
  now: () => Date;
}

export interface KeyStore {
  /** Creates the key pair on first use. */
  identity(): Promise<SiteIdentity>;
  /** Main-only: never send this anywhere. */
  privateKey(): Promise<KeyObject>;
  /** Replaces the key pair; the old key signs an announcement of the new one. */
  /** `lastSeq`: the last position of this site's op chain the old key signed (see KeyRotationBody). */
  rotate(lastSeq?: number): Promise<{ identity: SiteIdentity; rotation: KeyRotation }>;
}

const OWNER_ONLY = 0o600;

export function createKeyStore(deps: KeyStoreDeps, getSiteId: () => string | Promise<string>): KeyStore {
  const path = join(deps.dataDir, IDENTITY_FILE);
  const exclusive = createMutex();
  let cached: { stored: StoredIdentity; key: KeyObject } | null = null;

  function seal(der: Buffer): { privateKey: string; osEncrypted: boolean } {
    const { value, osEncrypted } = sealSecret(deps.secretBox, der);
    return { privateKey: value, osEncrypted };
  }

  function unseal(stored: StoredIdentity): KeyObject {
    const der = openSecret(deps.secretBox, stored.privateKey, stored.osEncrypted, 'khóa ký');
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch {
      throw new AppError('storage', 'Khóa ký của máy này bị hỏng.');
    }
    if (key.asymmetricKeyType !== 'ed25519' || publicKeyBase64(createPublicKey(key)) !== stored.publicKey) {
      throw new AppError('storage', 'Khóa ký của máy này không khớp với khóa công khai đã lưu.');
    }
    return key;
  }

  async function save(stored: StoredIdentity): Promise<void> {
    await atomicWrite(path, JSON.stringify(stored, null, 2), OWNER_ONLY);
  }

  function newPair(): { privateKey: KeyObject; publicKey: string; der: Buffer } {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return { privateKey, publicKey: publicKeyBase64(publicKey), der: privateKey.export({ format: 'der', type: 'pkcs8' }) };
  }

  async function load(): Promise<{ stored: StoredIdentity; key: KeyObject }> {
    if (cached) return cached;
    return exclusive(async () => {
      if (cached) return cached;
      const siteId = await getSiteId();
      let stored = await readJsonFile(path, storedIdentitySchema);
      if (stored && stored.siteId !== siteId) {
        throw new AppError('storage', `Khóa ký đã lưu thuộc đơn vị khác (${stored.siteId}), không phải ${siteId}.`);
      }
      let key: KeyObject;
      if (!stored) {
        const pair = newPair();
        stored = { version: 1, siteId, publicKey: pair.publicKey, ...seal(pair.der), createdAt: deps.now().toISOString(), rotations: [] };
        await save(stored);
        key = pair.privateKey;
      } else {
        key = unseal(stored);
        if (!stored.osEncrypted && deps.secretBox.available()) {
          // The OS store became available (e.g. first run was before login): seal the key now.
          stored = { ...stored, ...seal(key.export({ format: 'der', type: 'pkcs8' })) };
          await save(stored);
        }
      }
      cached = { stored, key };
      return cached;
    });
  }

  function toIdentity(stored: StoredIdentity): SiteIdentity {
    return {
      siteId: stored.siteId,
      publicKey: stored.publicKey,
      fingerprint: fingerprint(stored.publicKey),
      osEncrypted: stored.osEncrypted,
      createdAt: stored.createdAt,
      rotations: stored.rotations,
    };
  }

  return {
    async identity() {
      return toIdentity((await load()).stored);
    },
    async privateKey() {
      return (await load()).key;
    },
    async rotate(lastSeq?: number) {
      await load();
      return exclusive(async () => {
        const current = cached as { stored: StoredIdentity; key: KeyObject };
        const pair = newPair();
        const createdAt = deps.now().toISOString();
        const rotation = signKeyRotation({ siteId: current.stored.siteId, oldKey: current.key, newKey: pair.privateKey, createdAt, lastSeq });
        const rotations = [...current.stored.rotations, rotation].slice(-16);
        const stored: StoredIdentity = { ...current.stored, publicKey: pair.publicKey, ...seal(pair.der), createdAt, rotations };
        await save(stored);
        cached = { stored, key: pair.privateKey };
        return { identity: toIdentity(stored), rotation };
      });
    },
  };
}
