/** Shared fuzz helpers: byte mutations of a valid input, and the one assertion every surface must meet. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { AppError } from '@shared/errors';

/** Vietnamese messages carry at least one letter outside ASCII (ă, ệ, đ, …). */
export const VIETNAMESE = /[\u00C0-\u1EF9]/;

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
);

export function applyMutations(input: Uint8Array, mutations: Mutation[]): Buffer {
  let b = Buffer.from(input);
  for (const m of mutations) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') {
      b = Buffer.from(b);
      b[at] ^= 1 << m.bit;
    } else if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    else if (m.kind === 'overwrite') {
      b = Buffer.from(b);
      Buffer.from(m.bytes).copy(b, at);
    } else b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
  }
  return b;
}

/** Runs fn; it may succeed, but if it fails the failure must be an AppError with a Vietnamese message. */
export async function expectSafe<T>(fn: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(VIETNAMESE);
    return { ok: false, error: error as AppError };
  }
}
