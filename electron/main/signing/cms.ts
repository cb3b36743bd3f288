/**
 * CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1): a detached signature over the PDF's
 * byte ranges with the signed attributes content-type, message-digest and ESS
 * signing-certificate-v2, and no signing-time attribute (the PDF's /M carries the claimed time).
 * The signature value comes from a callback, so the private key never leaves the token.
 * Reading back (for received or reopened files) parses the same structure.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { child, context, decodeOid, integer, nullValue, octets, oid, parseDer, seq, setOf, TAG, tlv, type DerNode } from './der';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha1: '1.3.14.3.2.26',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  /** id-aa-signatureTimeStampToken: an RFC 3161 token over the signature value (PAdES B-T). */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  /** id-ct-TSTInfo: the content a timestamp token signs. */
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;

/** Digest algorithms a received signature (or a TSA's token) may use, by OID, as node:crypto names them. */
export const DIGESTS: Record<string, string> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

export type KeyType = 'rsa' | 'ec';

/** Signs `data` (the DER of the signed attributes) with SHA-256; returns the CMS signature value (ECDSA as DER Ecdsa-Sig-Value). */
export type CmsSigner = (data: Buffer) => Promise<Buffer>;

/**
 * Gets a timestamp token (RFC 3161 ContentInfo, DER) over a signature value, for PAdES B-T; null
 * means the signature stays B-B (no TSA configured, or the clerk chose to issue without one).
 */
export type Timestamper = (signatureValue: Buffer) => Promise<Buffer | null>;

const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest();
const algId = (o: string, withNull: boolean): Buffer => (withNull ? seq(oid(o), nullValue()) : seq(oid(o)));

/** tbsCertificate fields: issuer Name and serial INTEGER, as raw DER. */
export function issuerAndSerial(certDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const tbs = child(parseDer(certDer), 0);
  const base = tbs.children[0]?.tag === 0xa0 ? 1 : 0;
  return { serial: child(tbs, base).raw, issuer: child(tbs, base + 2).raw };
}

export function certificateKeyType(cert: X509Certificate): KeyType {
  const type = cert.publicKey.asymmetricKeyType;
  if (type === 'rsa') return 'rsa';
  if (type === 'ec') return 'ec';
  throw new Error(`unsupported key type ${type ?? '?'}`);
}

/** The CN of a certificate subject as node:crypto prints it ("C=VN\nO=…\nCN=…"), or the whole subject. */
export function commonName(subject: string): string {
  const cn = subject.split('\n').find((l) => l.startsWith('CN='));
  return cn ? cn.slice(3) : subject.replace(/\n/g, ', ');
}

function attribute(type: string, value: Buffer): Buffer {
  return seq(oid(type), setOf(value));
}

/** The signed attributes as a DER SET (what gets signed); the SignerInfo carries them as [0] IMPLICIT. */
export function signedAttributes(contentDigest: Buffer, signerCertDer: Buffer): Buffer {
  const essCertIdV2 = seq(octets(sha256(signerCertDer))); // hashAlgorithm defaults to SHA-256
  return setOf(
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(contentDigest)),
    attribute(OID.signingCertificateV2, seq(seq(essCertIdV2))),
  );
}

export interface BuildSignedDataInput {
  /** SHA-256 of the signed content (the PDF's byte ranges). */
  contentDigest: Buffer;
  signerCertDer: Buffer;
  /** Further certificates of the chain (intermediates), included for the verifier. */
  chainDer?: Buffer[];
  sign: CmsSigner;
  timestamp?: Timestamper;
}

export async function buildSignedData(input: BuildSignedDataInput): Promise<Buffer> {
  const cert = new X509Certificate(input.signerCertDer);
  const keyType = certificateKeyType(cert);
  const attrs = signedAttributes(input.contentDigest, input.signerCertDer);
  const signature = await input.sign(attrs);
  const token = input.timestamp ? await input.timestamp(signature) : null;
  const { issuer, serial } = issuerAndSerial(input.signerCertDer);
  const signerInfo = seq(
    integer(1),
    seq(issuer, serial),
    algId(OID.sha256, false),
    Buffer.concat([Buffer.from([0xa0]), attrs.subarray(1)]), // [0] IMPLICIT SET OF Attribute
    keyType === 'rsa' ? algId(OID.rsaEncryption, true) : algId(OID.ecdsaWithSha256, false),
    octets(signature),
    // [1] IMPLICIT SET OF Attribute: unsigned, so the signed attributes and the signature stay as they are.
    ...(token ? [Buffer.concat([Buffer.from([0xa1]), setOf(attribute(OID.signatureTimeStampToken, token)).subarray(1)])] : []),
  );
  const certs = [input.signerCertDer, ...(input.chainDer ?? [])];
  const signedData = seq(
    integer(1),
    setOf(algId(OID.sha256, false)),
    seq(oid(OID.data)),
    tlv(0xa0, Buffer.concat(certs)),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), context(0, signedData));
}

export interface ParsedSignature {
  signerCert: X509Certificate;
  certificates: X509Certificate[];
  /** The message-digest attribute. */
  messageDigest: Buffer;
  /** True when the signature value verifies over the signed attributes with the signer's public key. */
  signatureValid: boolean;
  /** True when signing-certificate-v2 names the signer certificate. */
  signingCertificateBound: boolean;
  /** The SignerInfo's signature value (what a signature timestamp covers). */
  signatureValue: Buffer;
  /** The encapsulated content (a timestamp token's TSTInfo); null for a detached signature. */
  content: Buffer | null;
  /** The encapsulated content's type (id-data for a PDF signature, id-ct-TSTInfo for a timestamp token). */
  contentType: string;
  /** The digest algorithm of the SignerInfo, as node:crypto names it. */
  digestAlgorithm: string;
  /** The unsigned signature-timestamp-token attribute (a DER ContentInfo), null when there is none. */
  timestampToken: Buffer | null;
}

function findAttr(attrs: DerNode, type: string): DerNode | null {
  for (const a of attrs.children) if (decodeOid(child(a, 0).value) === type) return child(child(a, 1), 0);
  return null;
}

/** Parses a CMS SignedData (as found in a PDF's /Contents, zero padding allowed) and checks its signature value. */
export function parseSignedData(cms: Buffer): ParsedSignature {
  const contentInfo = parseDer(cms, true);
  if (decodeOid(child(contentInfo, 0).value) !== OID.signedData) throw new Error('not a SignedData');
  const sd = child(child(contentInfo, 1), 0);
  const encap = child(sd, 2);
  const eContent = encap.children[1]?.tag === 0xa0 ? child(encap.children[1], 0) : null;
  const certsNode = sd.children.find((c) => c.tag === 0xa0);
  const certificates = (certsNode?.children ?? []).map((c) => new X509Certificate(c.raw));
  const signerInfos = sd.children[sd.children.length - 1];
  const si = child(signerInfos, 0);
  const sid = child(si, 1);
  const issuer = child(sid, 0).raw;
  const serial = child(sid, 1).raw;
  const signerCert = certificates.find((c) => {
    const ids = issuerAndSerial(c.raw);
    return ids.issuer.equals(issuer) && ids.serial.equals(serial);
  });
  if (!signerCert) throw new Error('signer certificate not included');
  const attrsNode = si.children.find((c) => c.tag === 0xa0);
  if (!attrsNode) throw new Error('no signed attributes');
  const digestNode = findAttr(attrsNode, OID.messageDigest);
  if (!digestNode || digestNode.tag !== TAG.OCTET_STRING) throw new Error('no message digest');
  const signedAttrsDer = Buffer.concat([Buffer.from([TAG.SET]), attrsNode.raw.subarray(1)]);
  // version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs
  const attrsAt = si.children.indexOf(attrsNode);
  const signature = child(si, attrsAt + 2);
  if (signature.tag !== TAG.OCTET_STRING) throw new Error('no signature value');
  const digestAlgorithm = DIGESTS[decodeOid(child(child(si, 2), 0).value)];
  if (!digestAlgorithm) throw new Error('unsupported digest algorithm');
  const unsigned = si.children.find((c, i) => i > attrsAt + 2 && c.tag === 0xa1);
  let signatureValid: boolean;
  try {
    const key = signerCert.publicKey;
    if (key.asymmetricKeyType === 'ec') signatureValid = cryptoVerify(digestAlgorithm, signedAttrsDer, key, signature.value);
    else signatureValid = cryptoVerify(digestAlgorithm, signedAttrsDer, { key, padding: 1 /* RSA_PKCS1_PADDING */ }, signature.value);
  } catch {
    signatureValid = false;
  }
  const ess = findAttr(attrsNode, OID.signingCertificateV2);
  let signingCertificateBound = false;
  if (ess) {
    const firstId = child(child(ess, 0), 0);
    const hashNode = firstId.children.find((c) => c.tag === TAG.OCTET_STRING);
    signingCertificateBound = !!hashNode && hashNode.value.equals(sha256(signerCert.raw));
  }
  return {
    signerCert,
    certificates,
    messageDigest: Buffer.from(digestNode.value),
    signatureValid,
    signingCertificateBound,
    signatureValue: Buffer.from(signature.value),
    content: eContent && eContent.tag === TAG.OCTET_STRING ? Buffer.from(eContent.value) : null,
    contentType: decodeOid(child(encap, 0).value),
    digestAlgorithm,
    timestampToken: unsigned ? (findAttr(unsigned, OID.signatureTimeStampToken)?.raw ?? null) : null,
  };
}
