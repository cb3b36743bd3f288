/**
 * The signing handlers end to end on a SoftHSM2 token: the administrator sets the library and
 * the images, the signer lists certificates, signs a numbered letter (PIN from the injected
 * main-process prompt) and checks the saved file. Skipped only without SoftHSM2 or Chromium.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingChannels } from '@shared/ipc/channels/signing';
import { sampleFollowUp } from '@shared/letters/__fixtures__/samples';
import { chromiumPath, launchPdfPrinter, type PdfPrinter } from '../../../scripts/lib/chromiumPdf';
import type { MainDeps } from '../deps';
import { scriptedDeps } from '../signing/__fixtures__/deps';
import { createTestToken, hasSoftHsm, type TestToken } from '../signing/__fixtures__/softhsm';
import { createSigningHandlers, type PinPrompt } from './signing';

const ctx = { senderUrl: 'app://dondoc/index.html' };
const ORGANISATION = 'Ủy ban nhân dân xã Thử Nghiệm';
const fixtures = resolve(import.meta.dirname, '../../../scripts/fixtures');

describe.skipIf(!hasSoftHsm() || !chromiumPath())('signing handlers with a SoftHSM2 token', () => {
  let token: TestToken;
  let printer: PdfPrinter;
  let dir: string;
  let nextOpen: string | null;
  let nextSave: string | null;
  let pins: (string | null)[];
  const asked: string[] = [];
  let deps: MainDeps;

  beforeAll(async () => {
    token = createTestToken({ organisationName: ORGANISATION });
    printer = await launchPdfPrinter();
    dir = mkdtempSync(join(tmpdir(), 'signing-handler-'));
    deps = scriptedDeps(dir, { save: () => nextSave, open: () => nextOpen });
  }, 120_000);

  afterAll(async () => {
    await printer?.close();
    token?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const askPin: PinPrompt = async (info) => {
    asked.push(`${info.subjectName} | ${info.purpose}`);
    return pins.shift() ?? null;
  };
  const handlers = () => createSigningHandlers(deps, { printer: { print: async () => undefined, toPdf: (html) => printer.toPdf(html) }, askPin });

  const letter = (number: number | null) => sampleFollowUp(number);

  it('before the administrator sets a library, listing says what to do', async () => {
    await expect(handlers()['signing:listCertificates']({}, ctx)).rejects.toThrow(/chưa được cài đặt thiết bị ký số/);
    const config = await handlers()['signing:getConfig']({}, ctx);
    expect(config.libraryPath).toBeNull();
    expect(config.suggestions.map((s) => s.label)).toEqual(expect.arrayContaining(['VNPT-CA', 'Viettel-CA', 'FPT-CA']));
  });

  it('the administrator points to the library once; the images are checked PNGs, a signature image set per certificate', async () => {
    nextOpen = token.library;
    expect(await handlers()['signing:chooseLibrary']({}, ctx)).toEqual({ canceled: false, libraryPath: token.library, certificates: 2 });
    const { certificates } = await handlers()['signing:listCertificates']({}, ctx);
    const signerRef = certificates.find((c) => c.subjectName === token.signerName)!.ref;
    nextOpen = join(fixtures, 'signer.svg');
    await expect(handlers()['signing:chooseImage']({ which: 'signer', certificate: signerRef }, ctx)).rejects.toThrow(/không phải ảnh PNG/);
    nextOpen = join(fixtures, 'signer.png');
    await handlers()['signing:chooseImage']({ which: 'signer', certificate: signerRef }, ctx);
    nextOpen = join(fixtures, 'seal.png');
    await handlers()['signing:chooseImage']({ which: 'seal' }, ctx);
    const config = await handlers()['signing:getConfig']({}, ctx);
    expect(config).toMatchObject({ libraryPath: token.library, signerImageCerts: [signerRef.certSha256], hasSealImage: true });
    // A name that is not a certificate hash never reaches the file system.
    expect(signingChannels['signing:chooseImage'].req.safeParse({ which: 'signer', certificate: { ...signerRef, certSha256: '../../x' } }).success).toBe(false);
  });

  it('a letter without number and date is refused at the boundary', () => {
    const parsed = signingChannels['signing:signLetterPdf'].req.safeParse({ letter: letter(null), certificate: { tokenSerial: 'x', keyId: '01', certSha256: '0'.repeat(64) }, suggestedName: 'a' });
    expect(parsed.success).toBe(false);
  });

  it('signs with the PIN from main’s prompt, saves the file, and the check reports signer and integrity', async () => {
    const { certificates } = await handlers()['signing:listCertificates']({}, ctx);
    expect(certificates.map((c) => c.subjectName).sort()).toEqual([ORGANISATION, token.signerName].sort());
    const request = signingChannels['signing:signLetterPdf'].req.parse({
      letter: letter(7),
      certificate: certificates.find((c) => c.subjectName === token.signerName)!.ref,
      suggestedName: 'Cong van 07',
      pin: token.pin, // a PIN in a request is dropped by the schema, never used
    });
    expect(JSON.stringify(request)).not.toContain(token.pin);

    pins = [null];
    nextSave = join(dir, 'huy.pdf');
    await expect(handlers()['signing:signLetterPdf'](request, ctx)).rejects.toThrow(/Đã hủy ký số/);
    expect(existsSync(nextSave)).toBe(false);

    // A Windows device name is refused before the token is touched: no PIN asked, no file.
    const asksBefore = asked.length;
    nextSave = join(dir, 'NUL');
    await expect(handlers()['signing:signLetterPdf'](request, ctx)).rejects.toThrow(/tên dành riêng của Windows/);
    expect(asked.length).toBe(asksBefore);

    pins = [token.pin];
    nextSave = join(dir, 'cong-van-07');
    const r = await handlers()['signing:signLetterPdf'](request, ctx);
    expect(asked.at(-1)).toBe(`${token.signerName} | Ký Số: 07/UBND-VP`);
    expect(r.path).toBe(join(dir, 'cong-van-07.pdf'));
    expect(r.certificate).toMatchObject({ subjectName: token.signerName, issuerName: 'CA Thu nghiem Don Doc' });
    const bytes = readFileSync(r.path!);
    expect(r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    nextOpen = r.path;
    const check = await handlers()['signing:verifyPdf']({}, ctx);
    expect(check.signatures).toHaveLength(1);
    expect(check.signatures[0]).toMatchObject({ signerName: token.signerName, signatureValid: true, coversWholeFile: true, certValidAtSigning: true });
    expect(check.signatures[0].summary).toMatch(/^Chữ ký của Nguyễn Văn An hợp lệ; chứng thư số còn hiệu lực khi ký .*; tệp không bị thay đổi từ khi ký\.$/);
  }, 120_000);

  it('with the organisation certificate: two PINs asked in main, the seal signed by the organisation after the signer, both reported valid', async () => {
    const { certificates } = await handlers()['signing:listCertificates']({}, ctx);
    const byName = (n: string) => certificates.find((c) => c.subjectName === n)!.ref;
    const request = signingChannels['signing:signLetterPdf'].req.parse({
      letter: letter(8),
      certificate: byName(token.signerName),
      organisationCertificate: byName(ORGANISATION),
      suggestedName: 'Cong van 08',
    });
    // The organisation's PIN refused: nothing saved, the letter stays unissued.
    pins = [token.pin, null];
    nextSave = join(dir, 'cong-van-08-huy.pdf');
    await expect(handlers()['signing:signLetterPdf'](request, ctx)).rejects.toThrow(/Đã hủy ký số/);
    expect(existsSync(nextSave)).toBe(false);

    asked.length = 0;
    pins = [token.pin, token.pin];
    nextSave = join(dir, 'cong-van-08.pdf');
    const r = await handlers()['signing:signLetterPdf'](request, ctx);
    expect(asked).toEqual([`${token.signerName} | Ký Số: 08/UBND-VP`, `${ORGANISATION} | Ký số của cơ quan (đóng dấu) Số: 08/UBND-VP`]);
    // The register records the competent person's certificate and the hash of the file with both signatures.
    expect(r.certificate).toMatchObject({ subjectName: token.signerName });
    expect(r.sha256).toBe(createHash('sha256').update(readFileSync(r.path!)).digest('hex'));

    nextOpen = r.path;
    const check = await handlers()['signing:verifyPdf']({}, ctx);
    expect(check.signatures.map((s) => [s.signerName, s.signatureValid, s.coversWholeFile, s.followedBy])).toEqual([
      [token.signerName, true, false, [ORGANISATION]],
      [ORGANISATION, true, true, []],
    ]);
    expect(check.signatures[0].summary).toMatch(/; sau khi ký, tệp được bổ sung chữ ký số của Ủy ban nhân dân xã Thử Nghiệm \(phần bổ sung được chữ ký đó bảo đảm\)\.$/);
    expect(check.signatures[1].summary).toMatch(/^Chữ ký của Ủy ban nhân dân xã Thử Nghiệm hợp lệ; .*; tệp không bị thay đổi từ khi ký\.$/);
  }, 120_000);

  it('a signature image is the holder’s own: a certificate without one is refused by name, and each certificate signs with its own image', async () => {
    const { certificates } = await handlers()['signing:listCertificates']({}, ctx);
    const other = certificates.find((c) => c.subjectName === ORGANISATION)!.ref;
    const request = signingChannels['signing:signLetterPdf'].req.parse({ letter: letter(9), certificate: other, suggestedName: 'Cong van 09' });
    pins = [token.pin];
    nextSave = join(dir, 'cong-van-09.pdf');
    await expect(handlers()['signing:signLetterPdf'](request, ctx)).rejects.toThrow(
      `Chưa có ảnh chữ ký của ${ORGANISATION} cho chứng thư số này. Quản trị viên chọn ảnh chữ ký (PNG nền trong suốt) cho chứng thư số của người ký trong Cài đặt ký số.`,
    );
    expect(existsSync(nextSave)).toBe(false);

    // Given its own image (420 × 420 here, the signer's is 480 × 200), that certificate's letter shows it and not the other's.
    nextOpen = join(fixtures, 'seal.png');
    await handlers()['signing:chooseImage']({ which: 'signer', certificate: other }, ctx);
    pins = [token.pin];
    const r = await handlers()['signing:signLetterPdf'](request, ctx);
    const text = readFileSync(r.path!).toString('latin1');
    const images = [...text.matchAll(/\/Subtype \/Image[^>]*?\/Width (\d+)/g)].map((m) => m[1]);
    // Its signature image and the seal drawn in the same signature (no organisation certificate here), each an
    // image with its transparency mask: four image objects, all 420 wide, none of the other holder's 480.
    expect(images).toEqual(['420', '420', '420', '420']);
  }, 120_000);
});
