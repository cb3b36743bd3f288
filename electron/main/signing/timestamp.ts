/**
 * PAdES B-T: an RFC 3161 timestamp token over a signature value, asked of the timestamp authority
 * (TSA) the administrator set (docs/decisions/pades-timestamp.md). Main only: the request is an
 * HTTP POST of a TimeStampReq (SHA-256 of the signature value, a random nonce, certReq true) with
 * a short timeout; the response is checked (status granted, nonce and imprint echoed, the TSA
 * certificate has the time-stamping extended key usage, the token's signature verifies) before its
 * token goes into the SignerInfo. Reading a signed PDF checks a token the same way.
 */
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { AppError } from '@shared/errors';
import { child, decodeOid, octets, oid, parseDer, seq, TAG, tlv, integer, type DerNode } from './der';
import { commonName, DIGESTS, OID, parseSignedData } from './cms';

/** Long enough for a TSA across a slow line, short enough that the clerk is not left waiting. */
export const TSA_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 64 * 1024;
const ID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

export type TimestampProblem = 'unreachable' | 'refused' | 'invalid';

/** The TSA could not give a usable token; the message says why, in Vietnamese. */
export class TimestampError extends AppError {
  constructor(
    readonly problem: TimestampProblem,
    message: string,
  ) {
    super('invalid-input', message);
  }
}

export interface TimestampInfo {
  /** The time the TSA vouches for (TSTInfo genTime); null when the token cannot be read. */
  time: Date | null;
  /** The TSA's certificate common name. */
  tsaName: string;
  /** The token's imprint is the signature value's digest and its signature verifies with a time-stamping certificate. */
  valid: boolean;
}

/** The DER TimeStampReq for `imprint` (SHA-256) with `nonce`. */
export function timestampRequest(imprint: Buffer, nonce: bigint): Buffer {
  return seq(integer(1), seq(seq(oid(OID.sha256)), octets(imprint)), integer(nonce), tlv(TAG.BOOLEAN, Buffer.from([0xff])));
}

const bigintOf = (node: DerNode): bigint => (node.value.length ? BigInt(`0x${node.value.toString('hex')}`) : 0n);

/** "20260505073000Z" or with fractional seconds, as TSTInfo genTime writes it. */
function generalizedTime(node: DerNode): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(node.value.toString('latin1'));
  if (node.tag !== TAG.GENERALIZED_TIME || !m) throw new Error('bad genTime');
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms));
}

interface TstInfo {
  imprintAlgorithm: string;
  imprint: Buffer;
  time: Date;
  nonce: bigint | null;
}

function parseTstInfo(der: Buffer): TstInfo {
  const tst = parseDer(der);
  // version, policy, messageImprint, serialNumber, genTime, accuracy?, ordering?, nonce?, tsa [0]?, extensions [1]?
  const imprint = child(tst, 2);
  const imprintAlgorithm = decodeOid(child(child(imprint, 0), 0).value);
  const time = generalizedTime(child(tst, 4));
  const nonceNode = tst.children.slice(5).find((c) => c.tag === TAG.INTEGER);
  return { imprintAlgorithm, imprint: Buffer.from(child(imprint, 1).value), time, nonce: nonceNode ? bigintOf(nonceNode) : null };
}

interface CheckedToken {
  info: TimestampInfo;
  nonce: bigint | null;
  /** Why the token is not valid, for the message; null when valid. */
  problem: string | null;
}

/** Checks a timestamp token (a DER ContentInfo) against the signature value it should cover. */
function checkToken(token: Buffer, signatureValue: Buffer): CheckedToken {
  const parsed = parseSignedData(token);
  if (!parsed.content || parsed.contentType !== OID.tstInfo) throw new Error('timestamp token without TSTInfo');
  const tst = parseTstInfo(parsed.content);
  const hash = DIGESTS[tst.imprintAlgorithm];
  const tsa = parsed.signerCert;
  const info = { time: tst.time, tsaName: commonName(tsa.subject), valid: false };
  let problem: string | null = null;
  if (!hash || !createHash(hash).update(signatureValue).digest().equals(tst.imprint)) problem = 'dấu thời gian không phải cho chữ ký này';
  else if (!parsed.signatureValid || !parsed.messageDigest.equals(createHash(parsed.digestAlgorithm).update(parsed.content).digest()))
    problem = 'chữ ký của máy chủ trên dấu thời gian không đúng';
  else if (!hasTimeStampingUsage(tsa)) problem = 'chứng thư số của máy chủ không dùng để cấp dấu thời gian';
  return { info: { ...info, valid: problem === null }, nonce: tst.nonce, problem };
}

function hasTimeStampingUsage(cert: X509Certificate): boolean {
  return (cert.keyUsage ?? []).includes(ID_KP_TIME_STAMPING);
}

/** What a signed PDF's token says, checked against its signature value (not valid, no time, when it cannot be read). */
export function readTimestampToken(token: Buffer, signatureValue: Buffer): TimestampInfo {
  try {
    return checkToken(token, signatureValue).info;
  } catch {
    return { time: null, tsaName: '', valid: false };
  }
}

const PKI_STATUS: Record<number, string> = { 2: 'từ chối', 3: 'đang chờ', 4: 'cảnh báo thu hồi', 5: 'đã thu hồi' };

/**
 * Checks a TimeStampResp for the request made with `nonce` over `signatureValue` and returns its
 * token, or throws a TimestampError saying what is wrong.
 */
export function tokenFromResponse(response: Buffer, signatureValue: Buffer, nonce: bigint, url: string): Buffer {
  const invalid = (why: string) => new TimestampError('invalid', `Dấu thời gian nhận từ máy chủ ${url} không dùng được: ${why}.`);
  let resp: DerNode;
  try {
    resp = parseDer(response);
  } catch {
    throw invalid('phản hồi không đúng định dạng RFC 3161');
  }
  const statusInfo = resp.children[0];
  const status = statusInfo?.children[0]?.tag === TAG.INTEGER ? Number(bigintOf(statusInfo.children[0])) : -1;
  if (status !== 0 && status !== 1) {
    throw new TimestampError('refused', `Máy chủ cấp dấu thời gian ${url} không cấp dấu thời gian (trạng thái: ${PKI_STATUS[status] ?? status}).`);
  }
  const token = resp.children[1];
  if (!token) throw invalid('phản hồi không có dấu thời gian');
  let checked: CheckedToken;
  try {
    checked = checkToken(Buffer.from(token.raw), signatureValue);
  } catch {
    throw invalid('dấu thời gian bị hỏng, không đọc được');
  }
  if (checked.nonce !== nonce) throw invalid('số ngẫu nhiên (nonce) không khớp với yêu cầu');
  if (checked.problem) throw invalid(checked.problem);
  return Buffer.from(token.raw);
}

/** POSTs a TimeStampReq for `signatureValue` to `url` and returns the checked token. */
export async function requestTimestamp(url: string, signatureValue: Buffer, options: { timeoutMs?: number } = {}): Promise<Buffer> {
  const nonce = BigInt(`0x${randomBytes(8).toString('hex')}`);
  const body = timestampRequest(createHash('sha256').update(signatureValue).digest(), nonce);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? TSA_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new TimestampError(
      'unreachable',
      timedOut
        ? `Máy chủ cấp dấu thời gian ${url} không trả lời trong ${Math.round((options.timeoutMs ?? TSA_TIMEOUT_MS) / 1000)} giây.`
        : `Không kết nối được máy chủ cấp dấu thời gian ${url} (máy tính không có mạng hoặc địa chỉ không đúng).`,
    );
  }
  if (!response.ok) throw new TimestampError('refused', `Máy chủ cấp dấu thời gian ${url} trả lời lỗi HTTP ${response.status}.`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_RESPONSE_BYTES) throw new TimestampError('invalid', `Dấu thời gian nhận từ máy chủ ${url} không dùng được: phản hồi quá lớn.`);
  return tokenFromResponse(bytes, signatureValue, nonce, url);
}
