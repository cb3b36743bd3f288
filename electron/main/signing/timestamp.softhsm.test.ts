/**
 * PAdES B-T: the signature value timestamped by a TSA made here (openssl `ts -reply` behind a local
 * HTTP server on a port picked at run time), on a SoftHSM2 token, the letter printed by Chromium,
 * the result read by poppler's pdfsig and by `openssl ts -verify`. A TSA that refuses, lies or
 * cannot be reached gives a Vietnamese message; the clerk then issues B-B or does not issue.
 * The token and letter tests are skipped only when SoftHSM2, pdfsig or Chromium is missing.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingChannels } from '@shared/ipc/channels/signing';
import { renderLetterHtml } from '@shared/letters/html';
import { sampleFollowUp } from '@shared/letters/__fixtures__/samples';
import { chromiumPath, launchPdfPrinter, type PdfPrinter } from '../../../scripts/lib/chromiumPdf';
import type { MainDeps } from '../deps';
import { createSigningHandlers, signatureSummary, type TimestampChoice } from '../handlers/signing';
import { parseSignedData } from './cms';
import { signLetterPdf, signLetterPdfAsOrganisation } from './letterSigning';
import { readPdfSignatures } from './pdfSign';
import { scriptedDeps } from './__fixtures__/deps';
import { createTestToken, hasSoftHsm, type TestToken } from './__fixtures__/softhsm';
import { closedPortUrl, startTestTsa, type TestTsa } from './__fixtures__/tsa';
import { requestTimestamp, TimestampError } from './timestamp';
import { listTokenCertificates, withTokenSigner, type TokenCertificate } from './token';

const hasPdfsig = spawnSync('sh', ['-c', 'command -v pdfsig && command -v pdftotext'], { encoding: 'utf8' }).status === 0;
const ready = hasSoftHsm() && hasPdfsig && !!chromiumPath();
const fixtures = resolve(import.meta.dirname, '../../../scripts/fixtures');
const ORGANISATION = 'Ủy ban nhân dân xã Thử Nghiệm';
const TSA_NAME = 'TSA Thu nghiem Don Doc';
const ctx = { senderUrl: 'app://dondoc/index.html' };

const letter = (number = 5) => sampleFollowUp(number);

/** The CMS of each signature in a PDF, parsed (the tests look at the token inside). */
function signaturesIn(pdf: Buffer) {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+\d+\s*\]/g)].map((m) => parseSignedData(Buffer.from(text.slice(Number(m[1]) + 1, Number(m[2]) - 1), 'hex')));
}

describe('asking a timestamp authority (RFC 3161)', () => {
  let tsa: TestTsa;
  const signatureValue = createHash('sha256').update('chữ ký thử').digest();

  beforeAll(async () => {
    tsa = await startTestTsa(TSA_NAME);
  }, 60_000);
  afterAll(async () => {
    await tsa?.close();
  });

  it('gets a token over the SHA-256 of the signature value, with the nonce and imprint checked, that openssl accepts', async () => {
    tsa.mode = 'ok';
    const token = await requestTimestamp(tsa.url, signatureValue);
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-tsr-'));
    writeFileSync(join(dir, 'token.der'), token);
    const verify = spawnSync(
      'openssl',
      ['ts', '-verify', '-token_in', '-in', join(dir, 'token.der'), '-digest', createHash('sha256').update(signatureValue).digest('hex'), '-CAfile', tsa.caFile, '-untrusted', tsa.certFile],
      { encoding: 'utf8' },
    );
    rmSync(dir, { recursive: true, force: true });
    expect(`${verify.stdout}${verify.stderr}`).toContain('Verification: OK');
  });

  const problem = async (url: string) => {
    const e = await requestTimestamp(url, signatureValue, { timeoutMs: 5_000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TimestampError);
    return e as TimestampError;
  };

  it('a reply with another nonce is refused', async () => {
    tsa.mode = 'wrongNonce';
    const e = await problem(tsa.url);
    expect([e.problem, e.message]).toEqual(['invalid', `Dấu thời gian nhận từ máy chủ ${tsa.url} không dùng được: số ngẫu nhiên (nonce) không khớp với yêu cầu.`]);
  });

  it('a token whose signature was changed is refused', async () => {
    tsa.mode = 'tampered';
    const e = await problem(tsa.url);
    expect(e.message).toBe(`Dấu thời gian nhận từ máy chủ ${tsa.url} không dùng được: chữ ký của máy chủ trên dấu thời gian không đúng.`);
  });

  it('a TSA that refuses, or answers an HTTP error, says so', async () => {
    tsa.mode = 'refuse';
    expect((await problem(tsa.url)).message).toBe(`Máy chủ cấp dấu thời gian ${tsa.url} không cấp dấu thời gian (trạng thái: từ chối).`);
    tsa.mode = 'httpError';
    expect((await problem(tsa.url)).message).toBe(`Máy chủ cấp dấu thời gian ${tsa.url} trả lời lỗi HTTP 500.`);
  });

  it('an unreachable TSA (nothing listening on the port) says the computer could not connect', async () => {
    const url = await closedPortUrl();
    const e = await problem(url);
    expect([e.problem, e.message]).toEqual(['unreachable', `Không kết nối được máy chủ cấp dấu thời gian ${url} (máy tính không có mạng hoặc địa chỉ không đúng).`]);
  });

  it('the administrator’s TSA address: http(s) only, a clear Vietnamese message otherwise; empty means none', () => {
    const parse = (tsaUrl: string) => signingChannels['signing:setTsaUrl'].req.safeParse({ tsaUrl });
    expect(parse('http://tsa.example.vn/tsa').success).toBe(true);
    expect(parse(' https://tsa.example.vn ').data).toEqual({ tsaUrl: 'https://tsa.example.vn' });
    expect(parse('').success).toBe(true);
    for (const bad of ['ftp://tsa.example.vn', 'tsa.example.vn', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(parse(bad).error?.issues[0].message).toBe('Địa chỉ máy chủ cấp dấu thời gian phải bắt đầu bằng http:// hoặc https://, ví dụ http://tsa.example.vn/tsa.');
    }
    expect(parse('http://user:pass@tsa.example.vn').error?.issues[0].message).toBe('Địa chỉ máy chủ cấp dấu thời gian không được chứa tên đăng nhập hay mật khẩu.');
  });
});

describe.skipIf(!ready)('PAdES B-T letters on a SoftHSM2 token, checked by pdfsig', () => {
  let token: TestToken;
  let tsa: TestTsa;
  let printer: PdfPrinter;
  let out: string;
  let certs: TokenCertificate[];
  const images = { signerPng: readFileSync(join(fixtures, 'signer.png')), sealPng: readFileSync(join(fixtures, 'seal.png')), sealDiameterMm: 35 };

  beforeAll(async () => {
    token = createTestToken({ organisationName: ORGANISATION });
    tsa = await startTestTsa(TSA_NAME);
    printer = await launchPdfPrinter();
    out = mkdtempSync(join(tmpdir(), 'dondoc-bt-'));
    certs = listTokenCertificates(token.library);
  }, 120_000);

  afterAll(async () => {
    await printer?.close();
    await tsa?.close();
    token?.cleanup();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const byName = (name: string) => certs.find((c) => c.subjectName === name)!;
  const pdfsig = (file: string) => {
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`;
  };

  it('signer and organisation each get their own token; pdfsig says valid, our reader gives the TSA and its time', async () => {
    tsa.mode = 'ok';
    // The claimed signing time (/M) differs from the TSA's, to tell them apart.
    const claimed = new Date('2026-05-05T07:30:00Z');
    const before = Date.now();
    const timestamp = (v: Buffer) => requestTimestamp(tsa.url, v);
    const pdf = await printer.toPdf(renderLetterHtml(letter(), { signerSlot: true }));
    const bySigner = await withTokenSigner({ libraryPath: token.library, ref: byName(token.signerName).ref, askPin: async () => token.pin, now: new Date() }, (certDer, sign) =>
      signLetterPdf({ pdf, kind: 'letter', images, certDer, sign, timestamp, signingTime: claimed, reason: 'Phát hành văn bản số 05/UBND-VP', organisationSignsNext: true }),
    );
    const both = await withTokenSigner({ libraryPath: token.library, ref: byName(ORGANISATION).ref, askPin: async () => token.pin, now: new Date() }, (certDer, sign) =>
      signLetterPdfAsOrganisation({ pdf: bySigner.pdf, sealPng: images.sealPng, sealDiameterMm: 35, certDer, sign, timestamp, signingTime: claimed, reason: 'Cơ quan ký số' }),
    );
    expect([bySigner.level, both.level]).toEqual(['B-T', 'B-T']);
    expect(tsa.requests).toBeGreaterThanOrEqual(2);

    const file = join(out, 'bt.pdf');
    writeFileSync(file, both.pdf);
    // pdfsig 22.x checks the signature (the token is an unsigned attribute, outside what is signed)
    // and prints the claimed time from /M; it prints nothing about the timestamp token.
    const report = pdfsig(file);
    const [first, second] = report.split(/Signature #2:/);
    expect(first).toMatch(/Signature Validation: Signature is Valid/);
    expect(first).toContain('Signing Time: May 05 2026 07:30:00');
    expect(second).toMatch(/Signature Validation: Signature is Valid/);
    expect(second).toMatch(/Total document signed/);
    expect(report).not.toMatch(/timestamp/i);

    const sigs = readPdfSignatures(both.pdf);
    expect(sigs.map((s) => [s.signerName, s.signatureValid, s.timestamp?.tsaName, s.timestamp?.valid])).toEqual([
      [token.signerName, true, TSA_NAME, true],
      [ORGANISATION, true, TSA_NAME, true],
    ]);
    for (const s of sigs) {
      expect(s.timestamp!.time!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(s.timestamp!.time!.getTime()).toBeLessThanOrEqual(Date.now());
    }

    // Each token covers its own signature value: openssl agrees.
    for (const [i, parsed] of signaturesIn(both.pdf).entries()) {
      writeFileSync(join(out, `token${i}.der`), parsed.timestampToken!);
      const digest = createHash('sha256').update(parsed.signatureValue).digest('hex');
      const verify = spawnSync('openssl', ['ts', '-verify', '-token_in', '-in', join(out, `token${i}.der`), '-digest', digest, '-CAfile', tsa.caFile, '-untrusted', tsa.certFile], {
        encoding: 'utf8',
      });
      expect(`${verify.stdout}${verify.stderr}`).toContain('Verification: OK');
    }
  }, 120_000);

  it('a token changed inside the file: pdfsig still says the signature is valid, our reader says the timestamp is not', async () => {
    tsa.mode = 'ok';
    const pdf = await printer.toPdf(renderLetterHtml(letter(), { signerSlot: true }));
    const signed = await withTokenSigner({ libraryPath: token.library, ref: byName(token.signerName).ref, askPin: async () => token.pin, now: new Date() }, (certDer, sign) =>
      signLetterPdf({ pdf, kind: 'letter', images, certDer, sign, timestamp: (v) => requestTimestamp(tsa.url, v), signingTime: new Date(), reason: 'Phát hành' }),
    );
    const [parsed] = signaturesIn(signed.pdf);
    const hex = parsed.timestampToken!.toString('hex');
    // The token's own signature is its last bytes: change one in the /Contents hex.
    const at = signed.pdf.indexOf(Buffer.from(hex, 'latin1')) + hex.length - 2;
    const tampered = Buffer.from(signed.pdf);
    tampered.write(tampered[at] === 0x30 ? '1' : '0', at, 'latin1');
    const file = join(out, 'token-sua.pdf');
    writeFileSync(file, tampered);
    expect(pdfsig(file)).toMatch(/Signature Validation: Signature is Valid/);
    const [sig] = readPdfSignatures(tampered);
    expect(sig.signatureValid).toBe(true);
    expect(sig.timestamp?.valid).toBe(false);
    expect(signatureSummary(sig)).toMatch(/ Dấu thời gian kèm chữ ký KHÔNG hợp lệ: không dùng để xác thực thời gian ký\.$/);
  }, 120_000);

  describe('issuing through the signing handlers with a TSA set', () => {
    let dir: string;
    let deps: MainDeps;
    let nextSave: string | null = null;
    let nextOpen: string | null = null;
    let choices: boolean[] = [];
    const offered: string[] = [];
    const choose: TimestampChoice = async (problem) => (offered.push(problem), choices.shift() ?? false);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'dondoc-bt-handler-'));
      deps = scriptedDeps(dir, { save: () => nextSave, open: () => nextOpen });
      nextOpen = token.library;
      await handlers()['signing:chooseLibrary']({}, ctx);
      nextOpen = join(fixtures, 'signer.png');
      await handlers()['signing:chooseImage']({ which: 'signer', certificate: byName(token.signerName).ref }, ctx);
      nextOpen = join(fixtures, 'seal.png');
      await handlers()['signing:chooseImage']({ which: 'seal' }, ctx);
    }, 120_000);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const handlers = () =>
      createSigningHandlers(deps, { printer: { print: async () => undefined, toPdf: (html) => printer.toPdf(html) }, askPin: async () => token.pin, chooseWithoutTimestamp: choose });
    const request = () =>
      signingChannels['signing:signLetterPdf'].req.parse({
        letter: letter(9),
        certificate: byName(token.signerName).ref,
        organisationCertificate: byName(ORGANISATION).ref,
        suggestedName: 'Cong van 09',
      });

    it('the TSA address is kept beside the library and the check screen says who vouches for the time', async () => {
      tsa.mode = 'ok';
      expect(await handlers()['signing:setTsaUrl']({ tsaUrl: tsa.url }, ctx)).toEqual({ tsaUrl: tsa.url });
      expect(await handlers()['signing:getConfig']({}, ctx)).toMatchObject({ libraryPath: token.library, tsaUrl: tsa.url });
      nextSave = join(dir, 'cv-09-bt.pdf');
      const r = await handlers()['signing:signLetterPdf'](request(), ctx);
      expect(r.level).toBe('B-T');
      expect(offered).toEqual([]);

      nextOpen = r.path;
      const check = await handlers()['signing:verifyPdf']({}, ctx);
      expect(check.signatures.map((s) => s.timestamp?.tsaName)).toEqual([TSA_NAME, TSA_NAME]);
      const [first] = check.signatures;
      expect(first.timestamp!.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
      const t = first.timestamp!.time;
      expect(first.summary).toContain(`Thời gian ký được xác thực bởi ${TSA_NAME} lúc ${t.slice(11, 19)} ngày ${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}.`);
    }, 120_000);

    it('TSA unreachable: the clerk is told and chooses; "not issue" leaves nothing written, "issue now" gives a B-B file', async () => {
      const url = await closedPortUrl();
      await handlers()['signing:setTsaUrl']({ tsaUrl: url }, ctx);
      const unreachable = `Không kết nối được máy chủ cấp dấu thời gian ${url} (máy tính không có mạng hoặc địa chỉ không đúng).`;

      choices = [false];
      nextSave = join(dir, 'cv-09-khong.pdf');
      await expect(handlers()['signing:signLetterPdf'](request(), ctx)).rejects.toThrow(`${unreachable} Văn bản chưa được phát hành.`);
      expect(offered.at(-1)).toContain(unreachable);
      expect(offered.at(-1)).toContain('phát hành ngay với chữ ký số không có dấu thời gian (PAdES B-B');
      expect(existsSync(nextSave)).toBe(false);

      // Issued now as B-B: asked once for the signer's signature, not again for the organisation's.
      const asked = offered.length;
      choices = [true];
      nextSave = join(dir, 'cv-09-bb.pdf');
      const r = await handlers()['signing:signLetterPdf'](request(), ctx);
      expect(offered.length).toBe(asked + 1);
      expect(r.level).toBe('B-B');
      expect(readPdfSignatures(readFileSync(r.path!)).map((s) => [s.signatureValid, s.timestamp])).toEqual([
        [true, null],
        [true, null],
      ]);
      expect(execFileSync('pdfsig', [r.path!], { encoding: 'utf8' })).toMatch(/Signature #2:[\s\S]*Total document signed/);

      // Without a TSA set, no one is asked and the file is B-B.
      await handlers()['signing:setTsaUrl']({ tsaUrl: '' }, ctx);
      expect((await handlers()['signing:getConfig']({}, ctx)).tsaUrl).toBeNull();
      nextSave = join(dir, 'cv-09-khong-tsa.pdf');
      expect((await handlers()['signing:signLetterPdf'](request(), ctx)).level).toBe('B-B');
      expect(offered.length).toBe(asked + 1);
    }, 120_000);
  });
});
