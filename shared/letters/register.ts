/**
 * The outgoing register (sổ văn bản đi): numbers are taken only when a letter is issued, per
 * issuing office and year, from 01 on 1 January; no gaps, no duplicates. A cancelled number
 * stays in the register as cancelled (it is never reused).
 */
import { z } from 'zod';
import { letterKindSchema } from './model';

/** PAdES baseline level of a signed file: B-B (signer and integrity), B-T (with a TSA's timestamp). */
export const signatureLevelSchema = z.enum(['B-B', 'B-T']);
export type SignatureLevel = z.infer<typeof signatureLevelSchema>;

export const registerEntrySchema = z.object({
  officeKey: z.string().min(1).max(64),
  year: z.number().int().min(1900).max(2100),
  number: z.number().int().min(1),
  symbol: z.string().max(60),
  kind: letterKindSchema,
  subject: z.string().max(2000),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  recipients: z.string().max(4000),
  signer: z.string().max(200),
  letterId: z.string().max(64),
  status: z.enum(['issued', 'cancelled']),
  cancelledReason: z.string().max(1000),
  /** SHA-256 (hex) of the digitally signed PDF issued under this number; "" when issued unsigned. */
  signedSha256: z.string().max(64).default(''),
  /** Signer's certificate: "<common name>; số sê-ri <serial>; SHA-256 <hash>"; "" when unsigned. */
  signerCertificate: z.string().max(1000).default(''),
  /** PAdES level of the signed PDF; "" when issued unsigned (and in entries written before it was recorded). */
  signatureLevel: z.union([signatureLevelSchema, z.literal('')]).default(''),
});
export type RegisterEntry = z.input<typeof registerEntrySchema>;

/** The row id makes a duplicate number impossible even if two writers raced. */
export function registerEntryId(officeKey: string, year: number, number: number): string {
  return `${officeKey}:${year}:${String(number).padStart(5, '0')}`;
}

/** Next number given the numbers already taken this year (issued or cancelled). */
export function nextRegisterNumber(taken: readonly number[]): number {
  let max = 0;
  for (const n of taken) if (n > max) max = n;
  return max + 1;
}

/** Gaps in a year's numbering (there should be none): for the register's integrity line. */
export function registerGaps(taken: readonly number[]): number[] {
  const set = new Set(taken);
  const max = Math.max(0, ...taken);
  const gaps: number[] = [];
  for (let n = 1; n <= max; n++) if (!set.has(n)) gaps.push(n);
  return gaps;
}

/** "05/UBND-VP": leading zero below 10, as the Decree writes numbers. */
export function formatRegisterNumber(number: number, symbol: string): string {
  return `${String(number).padStart(2, '0')}/${symbol}`;
}

/** How the register shows an entry's digital signature: "" when issued unsigned. */
export function signatureLabel(entry: Pick<RegisterEntry, 'signedSha256' | 'signatureLevel'>): string {
  if (entry.signatureLevel === 'B-T') return 'Ký số, có dấu thời gian (B-T)';
  if (entry.signatureLevel === 'B-B') return 'Ký số (B-B)';
  return entry.signedSha256 ? 'Ký số' : '';
}
