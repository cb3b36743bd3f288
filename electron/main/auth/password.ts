import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt parameters for new hashes: N = 2^17, r = 8 (128 MiB, a few hundred ms on an office PC).
 * Stored with each hash; a hash made with a lower cost is replaced at the next successful login.
 */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1, keylen: 64 } as const;

/**
 * The weakest stored hash that is still checked at all: the cost of hashes made by earlier
 * versions (N = 2^14). Anything weaker, shorter or malformed never verifies, whatever password
 * is typed, so a hand-edited `N: 2` or `hash: ""` cannot open an account.
 */
export const MIN_VERIFY = { N: 2 ** 14, r: 8, p: 1, keylen: 32, saltBytes: 16 } as const;

export interface PasswordHash {
  algo: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number; keylen: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, params.keylen, { N: params.N, r: params.r, p: params.p, maxmem: 256 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT_PARAMS);
  return { algo: 'scrypt', N: SCRYPT_PARAMS.N, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** Whether a stored hash meets the floor: power-of-two N within bounds, enough salt and key. */
export function acceptableHash(stored: PasswordHash): boolean {
  const key = Buffer.from(stored.hash, 'base64');
  const salt = Buffer.from(stored.salt, 'base64');
  const powerOfTwo = Number.isInteger(stored.N) && stored.N > 1 && (stored.N & (stored.N - 1)) === 0;
  return (
    stored.algo === 'scrypt' &&
    powerOfTwo &&
    stored.N >= MIN_VERIFY.N &&
    stored.N <= 2 ** 20 &&
    stored.r >= MIN_VERIFY.r &&
    stored.r <= 32 &&
    stored.p >= MIN_VERIFY.p &&
    stored.p <= 4 &&
    key.length >= MIN_VERIFY.keylen &&
    key.length <= 128 &&
    salt.length >= MIN_VERIFY.saltBytes
  );
}

/** Whether a verified hash should be recomputed at today's cost. */
export function needsRehash(stored: PasswordHash): boolean {
  return stored.N < SCRYPT_PARAMS.N || stored.r < SCRYPT_PARAMS.r || Buffer.from(stored.hash, 'base64').length < SCRYPT_PARAMS.keylen;
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (!acceptableHash(stored)) {
    // Spend the time of a real check anyway: a refused hash is not told apart by its speed.
    await derive(password, randomBytes(16), SCRYPT_PARAMS);
    return false;
  }
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), { N: stored.N, r: stored.r, p: stored.p, keylen: expected.length });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
