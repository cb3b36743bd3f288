/**
 * Digital signing handlers. The token library path, the timestamp authority's URL, the seal image and one signature image per
 * signer's certificate live in `<dataDir>/signing/`; the PIN comes from an injected main-process prompt (Electron: a small
 * modal window owned by main, see ../signing/pinDialog.ts; tests: a function) and is never part
 * of a request or a response.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { AppError } from '@shared/errors';
import { signingChannels, tsaUrlSchema } from '@shared/ipc/channels/signing';
import { renderLetterHtml } from '@shared/letters/html';
import { formatLetterNumber } from '@shared/letters/model';
import type { MainDeps } from '../deps';
import type { HandlerContext } from '../ipc/types';
import { atomicWrite } from '../fs/atomicWrite';
import { savePathWithExtension } from '../fs/fileNames';
import type { Timestamper } from '../signing/cms';
import { isoVietnamTime, signLetterPdf, signLetterPdfAsOrganisation } from '../signing/letterSigning';
import { requestTimestamp, TimestampError } from '../signing/timestamp';
import { readPdfSignatures, type PdfSignatureReport } from '../signing/pdfSign';
import { DEFAULT_SEAL_DIAMETER_MM, pngSize } from '../signing/placement';
import { COMMON_TOKEN_LIBRARIES, formatViDate, listTokenCertificates, withTokenSigner, type TokenCertificate } from '../signing/token';
import type { LetterPrinter } from './print';
import { safePdfName } from './print';

export type SigningChannel = keyof typeof signingChannels;
export type SigningHandlers = {
  [K in SigningChannel]: (request: z.output<(typeof signingChannels)[K]['req']>, ctx: HandlerContext) => Promise<z.output<(typeof signingChannels)[K]['res']>>;
};

/** Asks the token PIN in a dialog owned by main; null when the signer cancels. */
export type PinPrompt = (info: { subjectName: string; tokenLabel: string; purpose: string }) => Promise<string | null>;

/**
 * The timestamp authority could not give a token (`problem`, in Vietnamese): true when the clerk
 * chooses to issue now with a B-B signature, false to not issue.
 */
export type TimestampChoice = (problem: string) => Promise<boolean>;

interface SigningConfig {
  libraryPath: string | null;
  /** The timestamp authority's URL (PAdES B-T); null: signatures are B-B. */
  tsaUrl: string | null;
}

const PDF_FILTER = [{ name: 'Tệp PDF', extensions: ['pdf'] }];
const LIBRARY_FILTER = [{ name: 'Thư viện PKCS#11', extensions: ['dll', 'so', 'dylib'] }];
const PNG_FILTER = [{ name: 'Ảnh PNG nền trong suốt', extensions: ['png'] }];
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const MAX_PDF_BYTES = 100 * 1024 * 1024;

function certInfo(c: TokenCertificate) {
  return { ref: c.ref, tokenLabel: c.tokenLabel, subjectName: c.subjectName, issuerName: c.issuerName, serialNumber: c.serialNumber, validFrom: c.validFrom, validTo: c.validTo };
}

export function signatureSummary(r: PdfSignatureReport): string {
  if (!r.signatureValid) return `Chữ ký của ${r.signerName} KHÔNG hợp lệ: nội dung tệp đã bị thay đổi sau khi ký hoặc chữ ký bị hỏng.`;
  const cert = r.certValidAtSigning
    ? `chứng thư số còn hiệu lực khi ký (đến ${formatViDate(r.validTo)})`
    : `chứng thư số KHÔNG còn hiệu lực khi ký (hiệu lực ${formatViDate(r.validFrom)}–${formatViDate(r.validTo)})`;
  const changed = r.coversWholeFile
    ? 'tệp không bị thay đổi từ khi ký'
    : r.followedBy.length > 0
      ? `sau khi ký, tệp được bổ sung chữ ký số của ${r.followedBy.join(', ')} (phần bổ sung được chữ ký đó bảo đảm)`
      : 'tệp đã được thêm nội dung SAU khi ký (phần thêm không được chữ ký bảo đảm)';
  return `Chữ ký của ${r.signerName} hợp lệ; ${cert}; ${changed}.${timestampSentence(r)}`;
}

/** "14:30:05 ngày 05/05/2026": a time in Vietnam time (UTC+7, no daylight saving). */
function viDateTime(date: Date): string {
  const iso = isoVietnamTime(date);
  return `${iso.slice(11, 19)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function timestampSentence(r: PdfSignatureReport): string {
  if (!r.timestamp) return '';
  if (!r.timestamp.valid || !r.timestamp.time) return ' Dấu thời gian kèm chữ ký KHÔNG hợp lệ: không dùng để xác thực thời gian ký.';
  return ` Thời gian ký được xác thực bởi ${r.timestamp.tsaName} lúc ${viDateTime(r.timestamp.time)}.`;
}

export function createSigningHandlers(deps: MainDeps, options: { printer?: LetterPrinter; askPin?: PinPrompt; chooseWithoutTimestamp?: TimestampChoice } = {}): SigningHandlers {
  const dir = join(deps.dataDir, 'signing');
  const configFile = join(dir, 'config.json');
  // A signature image per certificate (the schema allows only 64 hex digits in the name); one seal image.
  const imageFile = (image: { which: 'seal' } | { which: 'signer'; certSha256: string }) => join(dir, image.which === 'seal' ? 'seal.png' : `signer-${image.certSha256}.png`);

  async function loadConfig(): Promise<SigningConfig> {
    try {
      const raw = JSON.parse(await readFile(configFile, 'utf8')) as { libraryPath?: unknown; tsaUrl?: unknown };
      const tsaUrl = tsaUrlSchema.safeParse(raw.tsaUrl);
      return { libraryPath: typeof raw.libraryPath === 'string' ? raw.libraryPath : null, tsaUrl: tsaUrl.success && tsaUrl.data ? tsaUrl.data : null };
    } catch {
      return { libraryPath: null, tsaUrl: null };
    }
  }
  async function saveConfig(change: Partial<SigningConfig>): Promise<void> {
    await mkdir(dir, { recursive: true });
    await atomicWrite(configFile, Buffer.from(JSON.stringify({ ...(await loadConfig()), ...change }), 'utf8'));
  }
  /**
   * The TSA's token for each signature of one issue, when a TSA is set. When it cannot give one the
   * clerk chooses: issue now with B-B (the later signatures of the same issue then are B-B too, not
   * asked again) or not issue (the signing stops, nothing is written).
   */
  function timestamper(tsaUrl: string | null): Timestamper | undefined {
    if (!tsaUrl) return undefined;
    let withoutTimestamp = false;
    return async (signatureValue) => {
      if (withoutTimestamp) return null;
      try {
        return await requestTimestamp(tsaUrl, signatureValue);
      } catch (e) {
        if (!(e instanceof TimestampError)) throw e;
        const problem = `${e.message} Có thể phát hành ngay với chữ ký số không có dấu thời gian (PAdES B-B, thời gian ký theo đồng hồ máy tính), hoặc không phát hành để thử lại sau.`;
        if (!(await (options.chooseWithoutTimestamp?.(problem) ?? Promise.resolve(false)))) {
          throw new AppError('cancelled', `${e.message} Văn bản chưa được phát hành.`);
        }
        withoutTimestamp = true;
        return null;
      }
    };
  }
  async function readImage(image: Parameters<typeof imageFile>[0]): Promise<Buffer | null> {
    try {
      return await readFile(imageFile(image));
    } catch {
      return null;
    }
  }
  async function requireLibrary(): Promise<string> {
    const { libraryPath } = await loadConfig();
    if (!libraryPath) throw new AppError('invalid-input', 'Máy này chưa được cài đặt thiết bị ký số. Quản trị viên cần chọn thư viện PKCS#11 của thiết bị trong Cài đặt ký số.');
    return libraryPath;
  }

  return {
    'signing:getConfig': async () => {
      const { libraryPath, tsaUrl } = await loadConfig();
      const windows = process.platform === 'win32';
      return {
        libraryPath,
        tsaUrl,
        signerImageCerts: (await readdir(dir).catch(() => []))
          .map((f) => /^signer-([0-9a-f]{64})\.png$/.exec(f)?.[1])
          .filter((h): h is string => !!h)
          .sort(),
        hasSealImage: (await readImage({ which: 'seal' })) !== null,
        suggestions: COMMON_TOKEN_LIBRARIES.map((l) => ({ label: l.label, path: windows ? l.windows : l.linux })),
      };
    },

    'signing:chooseLibrary': async () => {
      const chosen = await deps.dialogs.pickOpenPath({ title: 'Chọn thư viện PKCS#11 của thiết bị ký số', filters: LIBRARY_FILTER });
      if (chosen === null) return { canceled: true, libraryPath: null, certificates: 0 };
      const path = resolve(chosen);
      // Loading it is the check: a wrong file gives its message here, not at signing time.
      const certificates = listTokenCertificates(path).length;
      await saveConfig({ libraryPath: path });
      return { canceled: false, libraryPath: path, certificates };
    },

    'signing:setTsaUrl': async ({ tsaUrl }) => {
      await saveConfig({ tsaUrl: tsaUrl || null });
      return { tsaUrl: tsaUrl || null };
    },

    'signing:chooseImage': async (request) => {
      const { which } = request;
      const chosen = await deps.dialogs.pickOpenPath({ title: which === 'signer' ? 'Chọn ảnh chữ ký (PNG nền trong suốt)' : 'Chọn ảnh con dấu (PNG nền trong suốt)', filters: PNG_FILTER });
      if (chosen === null) return { canceled: true };
      const bytes = await readFile(chosen);
      if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('invalid-file', 'Ảnh quá lớn (tối đa 2 MB).');
      try {
        pngSize(bytes);
      } catch {
        throw new AppError('invalid-file', 'Tệp đã chọn không phải ảnh PNG.');
      }
      await mkdir(dir, { recursive: true });
      await atomicWrite(imageFile(request.which === 'signer' ? { which: 'signer', certSha256: request.certificate.certSha256 } : { which: 'seal' }), bytes);
      return { canceled: false };
    },

    'signing:listCertificates': async () => ({ certificates: listTokenCertificates(await requireLibrary()).map(certInfo) }),

    'signing:signLetterPdf': async ({ letter, certificate, organisationCertificate, margins, suggestedName }) => {
      const { printer, askPin } = options;
      if (!printer || !askPin) throw new AppError('internal', 'Ký số chỉ có trong ứng dụng Đôn Đốc trên máy tính.');
      const libraryPath = await requireLibrary();
      const timestamp = timestamper((await loadConfig()).tsaUrl);
      const signerPng = await readImage({ which: 'signer', certSha256: certificate.certSha256 });
      if (!signerPng) {
        const holder = listTokenCertificates(libraryPath).find((c) => c.ref.certSha256 === certificate.certSha256)?.subjectName ?? 'người ký';
        throw new AppError('invalid-input', `Chưa có ảnh chữ ký của ${holder} cho chứng thư số này. Quản trị viên chọn ảnh chữ ký (PNG nền trong suốt) cho chứng thư số của người ký trong Cài đặt ký số.`);
      }
      const sealPng = await readImage({ which: 'seal' });
      if (organisationCertificate && !sealPng) throw new AppError('invalid-input', 'Chưa có ảnh con dấu của cơ quan để ký số của cơ quan. Chọn ảnh con dấu (PNG nền trong suốt) trong Cài đặt ký số.');
      const chosen = await deps.dialogs.pickSavePath({ title: 'Lưu văn bản đã ký số', defaultPath: safePdfName(suggestedName), filters: PDF_FILTER });
      if (chosen === null) return { canceled: true, path: null, sha256: '', certificate: null, level: null };
      // Forced .pdf, and a Windows device name refused before any PIN is asked.
      const path = resolve(savePathWithExtension(chosen, 'pdf'));
      const now = deps.now();
      const reference = formatLetterNumber(letter.number, letter.symbol);
      const pdf = await printer.toPdf(renderLetterHtml(letter, { margins, signerSlot: true }));
      const signed = await withTokenSigner(
        { libraryPath, ref: certificate, now, askPin: (c) => askPin({ subjectName: c.subjectName, tokenLabel: c.tokenLabel, purpose: `Ký ${reference}` }) },
        async (certDer, sign) => {
          const result = await signLetterPdf({
            pdf,
            kind: 'letter',
            images: { signerPng, sealPng, sealDiameterMm: DEFAULT_SEAL_DIAMETER_MM },
            certDer,
            sign,
            timestamp,
            signingTime: now,
            reason: `Phát hành văn bản ${reference}`,
            location: letter.place,
            organisationSignsNext: !!organisationCertificate,
          });
          return { ...result, certDer };
        },
      );
      // The organisation signs second, with its own certificate and PIN: the seal image over the signature image.
      const final =
        organisationCertificate && sealPng
          ? await withTokenSigner(
              {
                libraryPath,
                ref: organisationCertificate,
                now,
                askPin: (c) => askPin({ subjectName: c.subjectName, tokenLabel: c.tokenLabel, purpose: `Ký số của cơ quan (đóng dấu) ${reference}` }),
              },
              (certDer, sign) =>
                signLetterPdfAsOrganisation({
                  pdf: signed.pdf,
                  sealPng,
                  sealDiameterMm: DEFAULT_SEAL_DIAMETER_MM,
                  certDer,
                  sign,
                  timestamp,
                  signingTime: deps.now(),
                  reason: `Cơ quan ký số văn bản ${reference}`,
                  location: letter.place,
                }),
            )
          : signed;
      // The register records the competent person's certificate: the first signature.
      const [report] = readPdfSignatures(final.pdf);
      try {
        await atomicWrite(path, final.pdf);
      } catch {
        throw new AppError('storage', 'Không lưu được tệp PDF đã ký.');
      }
      return {
        canceled: false,
        path,
        sha256: final.sha256,
        // B-T only when every signature in the file carries a TSA token.
        level: signed.level === 'B-T' && final.level === 'B-T' ? 'B-T' : 'B-B',
        certificate: { subjectName: report.signerName, issuerName: report.issuer, serialNumber: report.serialNumber, sha256: signed.certSha256, validTo: report.validTo.toISOString() },
      };
    },

    'signing:verifyPdf': async () => {
      const chosen = await deps.dialogs.pickOpenPath({ title: 'Chọn tệp PDF cần kiểm tra chữ ký số', filters: PDF_FILTER });
      if (chosen === null) return { canceled: true, path: null, signatures: [] };
      const bytes = await readFile(chosen);
      if (bytes.length > MAX_PDF_BYTES) throw new AppError('invalid-file', 'Tệp quá lớn để kiểm tra.');
      let reports: PdfSignatureReport[];
      try {
        reports = readPdfSignatures(bytes);
      } catch {
        throw new AppError('invalid-file', 'Chữ ký số trong tệp bị hỏng, không đọc được.');
      }
      return {
        canceled: false,
        path: resolve(chosen),
        signatures: reports.map((r) => ({
          signerName: r.signerName,
          issuer: r.issuer,
          serialNumber: r.serialNumber,
          validFrom: r.validFrom.toISOString(),
          validTo: r.validTo.toISOString(),
          signingTime: r.signingTime ? isoVietnamTime(r.signingTime) : null,
          certValidAtSigning: r.certValidAtSigning,
          signatureValid: r.signatureValid,
          coversWholeFile: r.coversWholeFile,
          followedBy: r.followedBy,
          timestamp: r.timestamp?.valid && r.timestamp.time ? { tsaName: r.timestamp.tsaName, time: isoVietnamTime(r.timestamp.time) } : null,
          summary: signatureSummary(r),
        })),
      };
    },
  };
}
