import { z } from 'zod';
import { channel } from '../channel';
import { letterMarginsSchema } from '../../letters/layout';
import { letterSchema } from '../../letters/model';
import { signatureLevelSchema } from '../../letters/register';

/**
 * Digital signatures (ký số) with a PKCS#11 USB token. The token, the PIN and the private key
 * stay in main: the PIN is asked in main's own dialog and never crosses this boundary.
 */
export const certificateRefSchema = z.object({
  tokenSerial: z.string().max(64),
  keyId: z.string().regex(/^[0-9a-f]{0,256}$/),
  certSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const certificateInfoSchema = z.object({
  ref: certificateRefSchema,
  tokenLabel: z.string(),
  subjectName: z.string(),
  issuerName: z.string(),
  serialNumber: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
});
export type CertificateInfo = z.infer<typeof certificateInfoSchema>;

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** The timestamp authority's URL (RFC 3161 over HTTP); "" means none (signatures are PAdES B-B). */
export const tsaUrlSchema = z
  .string()
  .trim()
  .max(2000, 'Địa chỉ máy chủ cấp dấu thời gian quá dài.')
  .refine((v) => v === '' || isHttpUrl(v), 'Địa chỉ máy chủ cấp dấu thời gian phải bắt đầu bằng http:// hoặc https://, ví dụ http://tsa.example.vn/tsa.')
  .refine((v) => v === '' || !/^[a-z]+:\/\/[^/]*@/i.test(v), 'Địa chỉ máy chủ cấp dấu thời gian không được chứa tên đăng nhập hay mật khẩu.');

const signingConfigSchema = z.object({
  libraryPath: z.string().nullable(),
  /** Timestamp authority for PAdES B-T; null: B-B. */
  tsaUrl: z.string().nullable(),
  /** SHA-256 of the certificates whose holder's signature image is set (each signer has their own). */
  signerImageCerts: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
  hasSealImage: z.boolean(),
  suggestions: z.array(z.object({ label: z.string(), path: z.string() })),
});

const signatureReportSchema = z.object({
  signerName: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  signingTime: z.string().nullable(),
  certValidAtSigning: z.boolean(),
  signatureValid: z.boolean(),
  coversWholeFile: z.boolean(),
  /** Signers of the valid signatures added after this one (the organisation's after its signer's). */
  followedBy: z.array(z.string()),
  /** A valid signature timestamp (PAdES B-T): the TSA's name and its time (ISO 8601, Vietnam time); null when there is none or it is not valid. */
  timestamp: z.object({ tsaName: z.string(), time: z.string() }).nullable(),
  /** One Vietnamese sentence summing up the three checks. */
  summary: z.string(),
});
export type SignatureReport = z.infer<typeof signatureReportSchema>;

export const signingChannels = {
  /** The token library and images set on this computer, with common CA library paths as suggestions. */
  'signing:getConfig': channel(z.object({}), signingConfigSchema),
  /** Administrator: choose the token's PKCS#11 library file (checked by loading it). */
  'signing:chooseLibrary': channel(z.object({}), z.object({ canceled: z.boolean(), libraryPath: z.string().nullable(), certificates: z.number() })),
  /** Administrator: the timestamp authority's URL; "" removes it (signatures are then B-B). */
  'signing:setTsaUrl': channel(z.object({ tsaUrl: tsaUrlSchema }), z.object({ tsaUrl: z.string().nullable() })),
  /**
   * Choose a signature image (transparent PNG) for the holder of one certificate, or the
   * organisation's seal image. A signature image is personal: it is only ever drawn in a signature
   * made with that certificate.
   */
  'signing:chooseImage': channel(
    z.discriminatedUnion('which', [z.object({ which: z.literal('signer'), certificate: certificateRefSchema }), z.object({ which: z.literal('seal') })]),
    z.object({ canceled: z.boolean() }),
  ),
  /** Certificates on the tokens plugged in now. */
  'signing:listCertificates': channel(z.object({}), z.object({ certificates: z.array(certificateInfoSchema) })),
  /**
   * Renders the numbered, dated letter to PDF, asks the PIN in main, signs on the token (then, with
   * an organisation certificate, asks its PIN and adds the organisation's signature) and saves the
   * signed file where the user picks. Nothing is written when any step fails.
   */
  'signing:signLetterPdf': channel(
    z.object({
      letter: letterSchema.refine((l) => l.number !== null && l.date !== null, 'Văn bản phải có số và ngày trước khi ký số'),
      certificate: certificateRefSchema,
      /** The organisation's certificate: it signs second, its seal image over the signature image. */
      organisationCertificate: certificateRefSchema.optional(),
      margins: letterMarginsSchema.optional(),
      suggestedName: z.string().trim().min(1).max(180),
    }),
    z.object({
      canceled: z.boolean(),
      path: z.string().nullable(),
      sha256: z.string(),
      certificate: z.object({ subjectName: z.string(), issuerName: z.string(), serialNumber: z.string(), sha256: z.string(), validTo: z.string() }).nullable(),
      /** B-T when every signature in the file has a TSA's token; null when cancelled. */
      level: signatureLevelSchema.nullable(),
    }),
  ),
  /** Checks the signatures of a PDF the user picks (signed here or received). */
  'signing:verifyPdf': channel(z.object({}), z.object({ canceled: z.boolean(), path: z.string().nullable(), signatures: z.array(signatureReportSchema) })),
};
