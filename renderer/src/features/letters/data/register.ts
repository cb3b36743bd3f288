/**
 * Letters and the outgoing register in the database. Issuing takes the next number of the
 * issuing office's series for the year inside the same transaction that records it, so two
 * windows issuing at once still get consecutive numbers (IndexedDB serialises the writes).
 */
import { AppError } from '@shared/errors';
import { newId } from '@shared/data/ids';
import type { JsonValue } from '@shared/data/ops';
import { letterSchema, type Letter, type LetterInput } from '@shared/letters/model';
import { nextRegisterNumber, registerEntryId, type RegisterEntry, type SignatureLevel } from '@shared/letters/register';
import type { DondocDb } from '../../../data/db';
import { visible, withWrites, type WriteContext, type Writer } from '../../../data/repository';

export type LetterStatus = 'draft' | 'issued' | 'cancelled';

export interface StoredLetter {
  id: string;
  letter: Letter;
  status: LetterStatus;
  officeKey: string;
  year: number | null;
  number: number | null;
  /** What the letter is about, for the follow-up history of tasks and consultations. */
  related: { taskIds: string[]; consultationId: string | null; unitId: string | null; purpose: string };
  savedPath: string | null;
}

function json(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

export async function saveDraft(
  db: DondocDb,
  ctx: WriteContext,
  input: { id?: string | null; letter: LetterInput; officeKey: string; related?: Partial<StoredLetter['related']> },
): Promise<string> {
  const parsed = letterSchema.safeParse({ ...input.letter, number: null });
  if (!parsed.success) throw new AppError('invalid-input', parsed.error.issues.map((i) => i.message).join('; '));
  const id = input.id ?? newId();
  await withWrites(db, ctx, ['letters'], async (w) => {
    const existing = await w.get('letters', id);
    if (existing && existing.status !== 'draft') throw new AppError('conflict', 'Văn bản đã phát hành, không sửa được; hãy tạo văn bản mới.');
    await w.set(
      'letters',
      id,
      {
        letter: json(parsed.data),
        status: 'draft',
        officeKey: input.officeKey,
        year: null,
        number: null,
        related: json({ taskIds: [], consultationId: null, unitId: null, purpose: '', ...input.related }),
        savedPath: null,
      },
      existing ? 'Sửa dự thảo văn bản' : 'Tạo dự thảo văn bản',
      parsed.data.subject,
    );
  });
  return id;
}

/** What signing at issue returns: the signed file and the certificate that signed it. */
export interface SignedIssue {
  path: string;
  sha256: string;
  certificate: { subjectName: string; serialNumber: string; sha256: string };
  /** PAdES level of the file: B-T when its signatures carry a TSA's timestamp. */
  level: SignatureLevel;
}

async function takeNumber(db: DondocDb, w: Writer, letterId: string, issuedOn: string, signed?: SignedIssue): Promise<{ number: number; letter: Letter }> {
  const row = await w.get('letters', letterId);
  if (!row || row._deleted === 1) throw new AppError('not-found', 'Không tìm thấy dự thảo văn bản.');
  if (row.status !== 'draft') throw new AppError('conflict', `Văn bản này đã được cấp số ${String(row.number).padStart(2, '0')}.`);
  const officeKey = String(row.officeKey);
  const year = Number(issuedOn.slice(0, 4));
  const taken = (await db.registerEntries.where('[officeKey+year]').equals([officeKey, year]).toArray()).map((r) => Number(r.number));
  const number = nextRegisterNumber(taken);
  const letter = letterSchema.parse({ ...(row.letter as object), number, date: issuedOn });
  await w.set('letters', letterId, { letter: json(letter), status: 'issued', year, number }, 'Phát hành văn bản', `${number}/${letter.symbol}`);
  const entry: RegisterEntry = {
    officeKey,
    year,
    number,
    symbol: letter.symbol,
    kind: letter.kind,
    subject: letter.subject,
    issuedOn,
    recipients: letter.recipients.join('; '),
    signer: letter.signature.name,
    letterId,
    status: 'issued',
    cancelledReason: '',
    signedSha256: signed?.sha256 ?? '',
    signerCertificate: signed ? `${signed.certificate.subjectName}; số sê-ri ${signed.certificate.serialNumber}; SHA-256 ${signed.certificate.sha256}` : '',
    signatureLevel: signed?.level ?? '',
  };
  if (signed) await w.set('letters', letterId, { savedPath: signed.path }, 'Lưu tệp văn bản đã ký số', signed.path);
  await w.insert('registerEntries', registerEntryId(officeKey, year, number), json(entry) as Record<string, JsonValue>, 'Vào sổ văn bản đi', `${number}/${letter.symbol}`);
  return { number, letter };
}

/** Issues drafts in order, with consecutive numbers, in one transaction (a batch of follow-up letters). */
export async function issueLetters(db: DondocDb, ctx: WriteContext, letterIds: string[], issuedOn: string): Promise<{ letterId: string; number: number; letter: Letter }[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) throw new AppError('invalid-input', `Ngày ban hành không hợp lệ: ${issuedOn}`);
  return withWrites(db, ctx, ['letters', 'registerEntries'], async (w) => {
    const out: { letterId: string; number: number; letter: Letter }[] = [];
    for (const id of letterIds) out.push({ letterId: id, ...(await takeNumber(db, w, id, issuedOn)) });
    return out;
  });
}

export async function issueLetter(db: DondocDb, ctx: WriteContext, letterId: string, issuedOn: string): Promise<{ number: number; letter: Letter }> {
  const [r] = await issueLetters(db, ctx, [letterId], issuedOn);
  return { number: r.number, letter: r.letter };
}

/**
 * Issues one letter with a digital signature: the number and date it will get are worked out
 * first, `sign` signs the letter carrying them (main: PDF, PIN, token), and only then is the
 * number taken and recorded with the signed file's SHA-256 and the signer's certificate. If
 * signing fails or is cancelled nothing is written and the letter stays a draft; if another
 * window took that number meanwhile, the issue is refused (the signed file shows a wrong number).
 */
export async function issueLetterSigned(
  db: DondocDb,
  ctx: WriteContext,
  letterId: string,
  issuedOn: string,
  sign: (letter: Letter) => Promise<SignedIssue | null>,
): Promise<{ number: number; letter: Letter; signed: SignedIssue } | null> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) throw new AppError('invalid-input', `Ngày ban hành không hợp lệ: ${issuedOn}`);
  const row = await db.letters.get(letterId);
  if (!row || row._deleted === 1) throw new AppError('not-found', 'Không tìm thấy dự thảo văn bản.');
  if (row.status !== 'draft') throw new AppError('conflict', `Văn bản này đã được cấp số ${String(row.number).padStart(2, '0')}.`);
  const year = Number(issuedOn.slice(0, 4));
  const taken = (await db.registerEntries.where('[officeKey+year]').equals([String(row.officeKey), year]).toArray()).map((r) => Number(r.number));
  const expected = nextRegisterNumber(taken);
  const signed = await sign(letterSchema.parse({ ...(row.letter as object), number: expected, date: issuedOn }));
  if (!signed) return null;
  const issued = await withWrites(db, ctx, ['letters', 'registerEntries'], async (w) => {
    const r = await takeNumber(db, w, letterId, issuedOn, signed);
    if (r.number !== expected) {
      throw new AppError('conflict', `Số ${String(expected).padStart(2, '0')} vừa được cấp cho văn bản khác trong lúc ký; tệp đã ký mang số sai. Hãy ký và phát hành lại.`);
    }
    return r;
  });
  return { ...issued, signed };
}

/** A cancelled number stays in the register, marked cancelled with the reason. */
export async function cancelIssuedLetter(db: DondocDb, ctx: WriteContext, letterId: string, reason: string): Promise<void> {
  if (reason.trim().length < 5) throw new AppError('invalid-input', 'Nhập lý do hủy số văn bản.');
  await withWrites(db, ctx, ['letters', 'registerEntries'], async (w) => {
    const row = await w.get('letters', letterId);
    if (!row || row.status !== 'issued') throw new AppError('conflict', 'Chỉ hủy được văn bản đã phát hành.');
    const entryId = registerEntryId(String(row.officeKey), Number(row.year), Number(row.number));
    await w.set('letters', letterId, { status: 'cancelled' }, 'Hủy văn bản đã phát hành', reason);
    await w.set('registerEntries', entryId, { status: 'cancelled', cancelledReason: reason.trim() }, 'Hủy số văn bản', reason);
  });
}

export async function recordSavedPath(db: DondocDb, ctx: WriteContext, letterId: string, path: string): Promise<void> {
  await withWrites(db, ctx, ['letters'], (w) => w.set('letters', letterId, { savedPath: path }, 'Lưu tệp văn bản', path));
}

export async function loadLetter(db: DondocDb, id: string): Promise<StoredLetter | null> {
  const row = await db.letters.get(id);
  if (!row || row._deleted === 1) return null;
  return visible<Omit<StoredLetter, 'id'>>([row])[0];
}

export async function loadRegister(db: DondocDb, officeKey: string, year: number): Promise<(RegisterEntry & { id: string })[]> {
  const rows = await db.registerEntries.where('[officeKey+year]').equals([officeKey, year]).toArray();
  return visible<RegisterEntry>(rows).sort((a, b) => a.number - b.number);
}
