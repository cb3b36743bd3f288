import { describe, expect, it } from 'vitest';
import type { LetterInput } from '@shared/letters/model';
import { registerGaps } from '@shared/letters/register';
import { DondocDb } from '../../../data/db';
import type { WriteContext } from '../../../data/repository';
import { cancelIssuedLetter, issueLetter, issueLetterSigned, issueLetters, loadLetter, loadRegister, saveDraft } from './register';

const ctx: WriteContext = { site: 'site-1', actor: 'vanthu (Văn thư)' };
const draft = (subject: string): LetterInput => ({
  kind: 'officialLetter',
  parentAgency: '',
  issuingAgency: 'ỦY BAN NHÂN DÂN\nXÃ HÒA AN',
  number: null,
  symbol: 'UBND-VP',
  place: 'Cao Bằng',
  date: null,
  subject,
  recipients: ['Phòng Kinh tế'],
  blocks: [{ type: 'paragraph', text: 'Nội dung.' }],
  signature: { authority: 'TM', authorityLine: 'ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Nguyễn Văn A' },
  distribution: ['Như trên'],
});

async function drafts(db: DondocDb, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await saveDraft(db, ctx, { letter: draft(`Đôn đốc lần ${i + 1}`), officeKey: 'ubnd' }));
  return ids;
}

describe('outgoing register', () => {
  it('takes a number only when issuing, from 01, and fills the letter number and date', async () => {
    const db = new DondocDb(`reg-${Math.random()}`);
    const [a] = await drafts(db, 1);
    expect((await loadLetter(db, a))?.letter.number).toBeNull();
    expect(await loadRegister(db, 'ubnd', 2026)).toEqual([]);
    const r = await issueLetter(db, ctx, a, '2026-05-05');
    expect(r.number).toBe(1);
    expect(r.letter.date).toBe('2026-05-05');
    const reg = await loadRegister(db, 'ubnd', 2026);
    expect(reg.map((e) => [e.number, e.symbol, e.status])).toEqual([[1, 'UBND-VP', 'issued']]);
    await expect(issueLetter(db, ctx, a, '2026-05-06')).rejects.toThrow('Văn bản này đã được cấp số 01.');
  });

  it('gives two concurrent issues from two windows consecutive numbers, no gap, no duplicate', async () => {
    const name = `reg-${Math.random()}`;
    const w1 = new DondocDb(name);
    const w2 = new DondocDb(name);
    const ids = await drafts(w1, 6);
    const results = await Promise.all([
      issueLetter(w1, ctx, ids[0], '2026-03-02'),
      issueLetter(w2, ctx, ids[1], '2026-03-02'),
      issueLetters(w1, ctx, [ids[2], ids[3]], '2026-03-02'),
      issueLetter(w2, ctx, ids[4], '2026-03-02'),
    ]);
    const numbers = [results[0].number, results[1].number, ...results[2].map((x) => x.number), results[3].number].sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    expect(results[2][1].number).toBe(results[2][0].number + 1);
    expect(registerGaps((await loadRegister(w1, 'ubnd', 2026)).map((e) => e.number))).toEqual([]);
  });

  it('restarts at 01 in a new year and keeps a cancelled number as cancelled', async () => {
    const db = new DondocDb(`reg-${Math.random()}`);
    const ids = await drafts(db, 3);
    await issueLetter(db, ctx, ids[0], '2026-12-31');
    await cancelIssuedLetter(db, ctx, ids[0], 'Sai nơi nhận, ban hành lại');
    const next = await issueLetter(db, ctx, ids[1], '2026-12-31');
    expect(next.number).toBe(2);
    const newYear = await issueLetter(db, ctx, ids[2], '2027-01-04');
    expect(newYear.number).toBe(1);
    const reg2026 = await loadRegister(db, 'ubnd', 2026);
    expect(reg2026.map((e) => [e.number, e.status, e.cancelledReason])).toEqual([
      [1, 'cancelled', 'Sai nơi nhận, ban hành lại'],
      [2, 'issued', ''],
    ]);
  });
});

describe('issuing with a digital signature', () => {
  const signed = (letter: { number: number | null }) => ({
    path: `/tmp/cv-${letter.number}.pdf`,
    sha256: 'a'.repeat(64),
    certificate: { subjectName: 'Nguyễn Văn An', serialNumber: '1000', sha256: 'b'.repeat(64) },
    level: 'B-T' as const,
  });

  it('signs the letter with the number and date it gets, then records the file hash and certificate in the register', async () => {
    const db = new DondocDb(`reg-${Math.random()}`);
    const [a, b] = await drafts(db, 2);
    await issueLetter(db, ctx, a, '2026-05-04');
    const seen: { number: number | null; date: string | null }[] = [];
    const r = await issueLetterSigned(db, ctx, b, '2026-05-05', async (letter) => (seen.push({ number: letter.number, date: letter.date }), signed(letter)));
    expect(seen).toEqual([{ number: 2, date: '2026-05-05' }]);
    expect(r?.number).toBe(2);
    const [, entry] = await loadRegister(db, 'ubnd', 2026);
    expect(entry).toMatchObject({ number: 2, signedSha256: 'a'.repeat(64), signerCertificate: `Nguyễn Văn An; số sê-ri 1000; SHA-256 ${'b'.repeat(64)}`, signatureLevel: 'B-T' });
    expect((await loadLetter(db, b))?.savedPath).toBe('/tmp/cv-2.pdf');
  });

  it('a failed or cancelled signature leaves the letter a draft and the register untouched', async () => {
    const db = new DondocDb(`reg-${Math.random()}`);
    const [a] = await drafts(db, 1);
    await expect(issueLetterSigned(db, ctx, a, '2026-05-05', async () => Promise.reject(new Error('Mã PIN không đúng.')))).rejects.toThrow('Mã PIN không đúng.');
    expect(await issueLetterSigned(db, ctx, a, '2026-05-05', async () => null)).toBeNull();
    expect((await loadLetter(db, a))?.status).toBe('draft');
    expect(await loadRegister(db, 'ubnd', 2026)).toEqual([]);
  });

  it('refuses to record the issue when another window took the number during signing', async () => {
    const db = new DondocDb(`reg-${Math.random()}`);
    const [a, b] = await drafts(db, 2);
    const error = await issueLetterSigned(db, ctx, a, '2026-05-05', async (letter) => {
      await issueLetter(db, ctx, b, '2026-05-05');
      return signed(letter);
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/Số 01 vừa được cấp cho văn bản khác/);
    expect((await loadLetter(db, a))?.status).toBe('draft');
    expect((await loadRegister(db, 'ubnd', 2026)).map((e) => e.letterId)).toEqual([b]);
  });
});
