/**
 * Signing with a real PKCS#11 token emulator (SoftHSM2) and checking the result with a verifier
 * this project did not write (poppler's pdfsig). The letter PDF comes from the HTML renderer
 * printed by Chromium, as in the app. Skipped only when SoftHSM2, pdfsig or Chromium is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { renderAttachmentHtml, renderLetterHtml } from '@shared/letters/html';
import { parseLetter } from '@shared/letters/model';
import { sampleFollowUp } from '@shared/letters/__fixtures__/samples';
import { chromiumPath, launchPdfPrinter, type PdfPrinter } from '../../../scripts/lib/chromiumPdf';
import { createTestToken, hasSoftHsm, type TestToken } from './__fixtures__/softhsm';
import { isoVietnamTime, signLetterPdf, signLetterPdfAsOrganisation } from './letterSigning';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, rgb } from 'pdf-lib';
import { signatureSummary } from '../handlers/signing';
import { appendSignature, readPdfSignatures } from './pdfSign';
import { listTokenCertificates, withTokenSigner, type TokenCertificate } from './token';

const hasPdfsig = spawnSync('sh', ['-c', 'command -v pdfsig && command -v pdftotext'], { encoding: 'utf8' }).status === 0;
const ready = hasSoftHsm() && hasPdfsig && !!chromiumPath();
const fixtures = resolve(import.meta.dirname, '../../../scripts/fixtures');

const ORGANISATION = 'Ủy ban nhân dân xã Thử Nghiệm';

const letter = () => sampleFollowUp(5, 6);

function pdfsig(file: string, nssdir?: string): string {
  const r = spawnSync('pdfsig', nssdir ? ['-nssdir', nssdir, file] : [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

describe.skipIf(!ready)('PAdES signing with a PKCS#11 token (SoftHSM2) checked by pdfsig', () => {
  let token: TestToken;
  let printer: PdfPrinter;
  let out: string;
  let certs: TokenCertificate[];
  const images = {
    signerPng: readFileSync(join(fixtures, 'signer.png')),
    sealPng: readFileSync(join(fixtures, 'seal.png')),
    sealDiameterMm: 35,
  };

  beforeAll(async () => {
    token = createTestToken({ withExpired: true, organisationName: ORGANISATION });
    printer = await launchPdfPrinter();
    out = mkdtempSync(join(tmpdir(), 'dondoc-signed-'));
    certs = listTokenCertificates(token.library);
  }, 120_000);

  afterAll(async () => {
    await printer?.close();
    token?.cleanup();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const signer = () => certs.find((c) => c.subjectName === token.signerName)!;

  async function signFollowUp(pin: string, certificate = signer(), now = new Date()) {
    const pdf = await printer.toPdf(renderLetterHtml(letter(), { signerSlot: true }));
    return withTokenSigner({ libraryPath: token.library, ref: certificate.ref, askPin: async () => pin, now }, (certDer, sign) =>
      signLetterPdf({ pdf, kind: 'letter', images, certDer, sign, signingTime: now, reason: 'Phát hành văn bản số 05/UBND-VP' }),
    );
  }

  it('lists the certificates on the token with their names and key ids', () => {
    expect(certs.map((c) => c.subjectName).sort()).toEqual([token.signerName, 'Trần Thị Hết Hạn', ORGANISATION].sort());
    expect(signer().ref.keyId).toBe('01');
    expect(signer().tokenLabel).toBe(token.tokenLabel);
  });

  it('signs the follow-up letter on the token; pdfsig reports a valid signature by the signer over the whole document', async () => {
    const signed = await signFollowUp(token.pin);
    const file = join(out, 'don-doc.pdf');
    writeFileSync(file, signed.pdf);
    const report = pdfsig(file);
    expect(report).toMatch(/Signature Validation: Signature is Valid/);
    expect(report).toContain(`Signer Certificate Common Name: ${token.signerName}`);
    expect(report).toMatch(/Total document signed/);
    expect(report).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
    expect(signed.sha256).toMatch(/^[0-9a-f]{64}$/);

    // With the test CA trusted (an NSS database), pdfsig also accepts the certificate.
    const nss = join(out, 'nss');
    execFileSync('mkdir', ['-p', nss]);
    if (spawnSync('sh', ['-c', 'command -v certutil']).status === 0) {
      execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
      execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'test-ca', '-t', 'CT,C,C', '-i', join(token.dir, 'ca.pem')]);
      expect(pdfsig(file, `sql:${nss}`)).toMatch(/Certificate Validation: Certificate is Trusted/);
    }

    // Our own reader agrees: signer, validity, untouched since signing.
    const [sig] = readPdfSignatures(signed.pdf);
    expect(sig.signerName).toBe(token.signerName);
    expect(sig.signatureValid).toBe(true);
    expect(sig.coversWholeFile).toBe(true);
    expect(sig.certValidAtSigning).toBe(true);
    expect(sig.certSha256).toBe(signed.certSha256);

    // The link used to place the signature is gone; the text is still the letter's.
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Số: 05/UBND-VP');
    expect(signed.pdf.toString('latin1')).not.toContain('dondoc.invalid');
  }, 120_000);

  it('the organisation signs after the signer with its seal: pdfsig lists two signatures, both valid, the second over the whole document', async () => {
    const now = new Date();
    const pdf = await printer.toPdf(renderLetterHtml(letter(), { signerSlot: true }));
    const bySigner = await withTokenSigner({ libraryPath: token.library, ref: signer().ref, askPin: async () => token.pin, now }, (certDer, sign) =>
      signLetterPdf({ pdf, kind: 'letter', images, certDer, sign, signingTime: now, reason: 'Phát hành văn bản số 05/UBND-VP', organisationSignsNext: true }),
    );
    const organisation = certs.find((c) => c.subjectName === ORGANISATION)!;
    const both = await withTokenSigner({ libraryPath: token.library, ref: organisation.ref, askPin: async () => token.pin, now }, (certDer, sign) =>
      signLetterPdfAsOrganisation({ pdf: bySigner.pdf, sealPng: images.sealPng, sealDiameterMm: 35, certDer, sign, signingTime: now, reason: 'Cơ quan ký số văn bản số 05/UBND-VP' }),
    );
    // An incremental update: the signer's file is the first part of the organisation's, byte for byte.
    expect(both.pdf.subarray(0, bySigner.pdf.length).equals(bySigner.pdf)).toBe(true);
    const file = join(out, 'hai-chu-ky.pdf');
    writeFileSync(file, both.pdf);
    const report = pdfsig(file);
    expect(report).toMatch(/Signature #1:[\s\S]*Signature #2:/);
    expect(report).not.toMatch(/Signature #3:/);
    const [first, second] = report.split(/Signature #2:/);
    expect(first).toContain(`Signer Certificate Common Name: ${token.signerName}`);
    expect(first).toMatch(/Signature Validation: Signature is Valid/);
    expect(first).toMatch(/not total document signed/i);
    expect(second).toContain(`Signer Certificate Common Name: ${ORGANISATION}`);
    expect(second).toMatch(/Signature Validation: Signature is Valid/);
    expect(second).toMatch(/Total document signed/);

    // Our reader: both valid; the signer's is followed by the organisation's, which covers the whole file.
    const sigs = readPdfSignatures(both.pdf);
    expect(sigs.map((s) => [s.signerName, s.signatureValid, s.coversWholeFile, s.followedBy])).toEqual([
      [token.signerName, true, false, [ORGANISATION]],
      [ORGANISATION, true, true, []],
    ]);

    // The seal (the organisation's widget) lies over the left third of the signature image, on the same page, centred on its middle line.
    const doc = await PDFDocument.load(both.pdf);
    const widgets = doc.getPages().flatMap((page, pageIndex) =>
      (page.node.Annots()?.asArray() ?? []).map((ref) => {
        const w = doc.context.lookup(ref, PDFDict);
        const [x1, y1, x2, y2] = w.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
        return { pageIndex, name: w.lookup(PDFName.of('T'), PDFHexString).decodeText(), x1, y1, x2, y2 };
      }),
    );
    const sig = widgets.find((w) => w.name === 'Chữ ký người có thẩm quyền')!;
    const seal = widgets.find((w) => w.name === 'Chữ ký cơ quan')!;
    expect(seal.pageIndex).toBe(sig.pageIndex);
    expect(seal.x2).toBeCloseTo(sig.x1 + (sig.x2 - sig.x1) / 3, 3);
    expect((seal.y1 + seal.y2) / 2).toBeCloseTo((sig.y1 + sig.y2) / 2, 3);
    expect(seal.x2 - seal.x1).toBeCloseTo((35 * 72) / 25.4, 3);
  }, 120_000);

  it('a later signature whose update also changes the page does not vouch for the change: pdfsig still says valid, the reader says changed', async () => {
    const now = new Date();
    const pdf = await printer.toPdf(renderLetterHtml(letter(), { signerSlot: true }));
    const bySigner = await withTokenSigner({ libraryPath: token.library, ref: signer().ref, askPin: async () => token.pin, now }, (certDer, sign) =>
      signLetterPdf({ pdf, kind: 'letter', images, certDer, sign, signingTime: now, reason: 'Phát hành văn bản số 05/UBND-VP', organisationSignsNext: true }),
    );
    const organisation = certs.find((c) => c.subjectName === ORGANISATION)!;
    // The second signer whitens a line of the letter in the same update as its signature.
    const forged = await withTokenSigner({ libraryPath: token.library, ref: organisation.ref, askPin: async () => token.pin, now }, (certDer, sign) =>
      appendSignature({
        pdf: bySigner.pdf,
        field: (doc) => {
          doc.getPage(0).drawRectangle({ x: 80, y: 500, width: 400, height: 30, color: rgb(1, 1, 1) });
          return { pageIndex: 0, rect: { x: 450, y: 780, width: 60, height: 20 }, images: [] };
        },
        signingTime: now,
        signerCertDer: certDer,
        sign,
      }),
    );
    const file = join(out, 'sua-sau-khi-ky.pdf');
    writeFileSync(file, forged);
    expect(pdfsig(file).match(/Signature is Valid/g)).toHaveLength(2);
    const [first, second] = readPdfSignatures(forged);
    expect([first.signatureValid, first.coversWholeFile, first.followedBy]).toEqual([true, false, []]);
    expect(second.coversWholeFile).toBe(true);
    expect(signatureSummary(first)).toMatch(/tệp đã được thêm nội dung SAU khi ký \(phần thêm không được chữ ký bảo đảm\)\.$/);
  }, 120_000);

  it('the organisation cannot sign a letter its signer has not signed', async () => {
    const pdf = await printer.toPdf(renderLetterHtml(letter(), { signerSlot: true }));
    const error = await signLetterPdfAsOrganisation({
      pdf,
      sealPng: images.sealPng,
      sealDiameterMm: 35,
      certDer: token.organisationDer!,
      sign: async () => Buffer.alloc(0),
      signingTime: new Date(),
      reason: 'x',
    }).catch((e: unknown) => e);
    expect((error as AppError).message).toBe('Văn bản chưa có chữ ký số của người có thẩm quyền; cơ quan ký sau người ký.');
  }, 120_000);

  it('one changed byte inside the signed range makes pdfsig and the reader report the signature invalid', async () => {
    const signed = await signFollowUp(token.pin);
    const tampered = Buffer.from(signed.pdf);
    // A byte half way into the first signed range (page content, before the signature dictionary).
    const at = Math.floor(tampered.indexOf('/ByteRange') / 2);
    tampered[at] ^= 0x01;
    const file = join(out, 'tampered.pdf');
    writeFileSync(file, tampered);
    expect(pdfsig(file)).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
    expect(readPdfSignatures(tampered)[0].signatureValid).toBe(false);
  }, 120_000);

  it('an appended update is reported as a change after signing', async () => {
    const signed = await signFollowUp(token.pin);
    const appended = Buffer.concat([signed.pdf, Buffer.from('\n% sửa sau khi ký\n')]);
    const [sig] = readPdfSignatures(appended);
    expect(sig.signatureValid).toBe(true);
    expect(sig.coversWholeFile).toBe(false);
  }, 120_000);

  it('signs an attachment as the organisation at the top right of page 1, with no image', async () => {
    const time = new Date('2026-05-05T07:30:00Z');
    const html = renderAttachmentHtml(
      {
        heading: 'Phụ lục',
        title: 'Danh sách nhiệm vụ quá hạn',
        reference: '(Kèm theo Công văn số 05/UBND-VP ngày 05/5/2026 của Ủy ban nhân dân xã Hòa An)',
        blocks: parseLetter(letter()).blocks.filter((b) => b.type === 'table'),
      },
      { stamp: { organisation: 'Ủy ban nhân dân xã Hòa An', reference: '05/UBND-VP', time: isoVietnamTime(time) } },
    );
    const pdf = await printer.toPdf(html);
    const signed = await withTokenSigner({ libraryPath: token.library, ref: signer().ref, askPin: async () => token.pin, now: new Date() }, (certDer, sign) =>
      signLetterPdf({ pdf, kind: 'attachment', certDer, sign, signingTime: time, reason: 'Phụ lục kèm Công văn số 05/UBND-VP' }),
    );
    const file = join(out, 'phu-luc.pdf');
    writeFileSync(file, signed.pdf);
    expect(pdfsig(file)).toMatch(/Signature is Valid/);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('2026-05-05T14:30:00+07:00');
    expect(text).toContain('Số: 05/UBND-VP');
    // The stamp is at the top right: its line comes before the heading and starts right of the middle.
    const lines = text.split('\n');
    const stampLine = lines.findIndex((l) => l.includes('2026-05-05T14:30:00+07:00'));
    const headingLine = lines.findIndex((l) => l.trim() === 'Phụ lục');
    expect(stampLine).toBeGreaterThanOrEqual(0);
    expect(stampLine).toBeLessThan(headingLine);
    expect(lines[stampLine].indexOf('2026')).toBeGreaterThan(lines[headingLine].indexOf('Phụ lục'));
  }, 120_000);

  it('a wrong PIN gives a clear Vietnamese message and no signed file', async () => {
    const error = await signFollowUp('000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/Mã PIN không đúng/);
  }, 120_000);

  it('an expired certificate is refused before the PIN is asked', async () => {
    let asked = false;
    const expired = certs.find((c) => c.subjectName === 'Trần Thị Hết Hạn')!;
    const error = await withTokenSigner({ libraryPath: token.library, ref: expired.ref, askPin: async () => ((asked = true), token.pin), now: new Date() }, async () => 'signed').catch(
      (e: unknown) => e,
    );
    expect((error as AppError).message).toMatch(/Chứng thư số của Trần Thị Hết Hạn đã hết hạn từ 01\/01\/2025/);
    expect(asked).toBe(false);
  });

  it('a missing library gives a message for the administrator', () => {
    expect(() => listTokenCertificates(join(out, 'khong-co.so'))).toThrow(/Không tìm thấy thư viện PKCS#11/);
    writeFileSync(join(out, 'not-a-library.so'), 'x');
    expect(() => listTokenCertificates(join(out, 'not-a-library.so'))).toThrow(/không phải là thư viện PKCS#11/);
  });

  it('a token removed between listing and signing: clear message, nothing signed', async () => {
    const chosen = signer();
    token.remove();
    const error = await signFollowUp(token.pin, chosen).catch((e: unknown) => e);
    expect((error as AppError).message).toMatch(/Không tìm thấy thiết bị ký số/);
  }, 120_000);
});
