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
} as const;

export type KeyType = 'rsa' | 'ec';

/** Signs `data` (the DER of the signed attributes) with SHA-256; returns the CMS signature value (ECDSA as DER Ecdsa-Sig-Value). */
export type CmsSigner = (data: Buffer) => Promise<Buffer>;

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
}

export async function buildSignedData(input: BuildSignedDataInput): Promise<Buffer> {
  const cert = new X509Certificate(input.signerCertDer);
  const keyType = certificateKeyType(cert);
  const attrs = signedAttributes(input.contentDigest, input.signerCertDer);
  const signature = await input.sign(attrs);
  const { issuer, serial } = issuerAndSerial(input.signerCertDer);
  const signerInfo = seq(
    integer(1),
    seq(issuer, serial),
    algId(OID.sha256, false),
    Buffer.concat([Buffer.from([0xa0]), attrs.subarray(1)]), // [0] IMPLICIT SET OF Attribute
    keyType === 'rsa' ? algId(OID.rsaEncryption, true) : algId(OID.ecdsaWithSha256, false),
    octets(signature),
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
  const signature = si.children[si.children.length - 1];
  const sigAlg = decodeOid(child(si.children[si.children.length - 2], 0).value);
  let signatureValid: boolean;
  try {
    const key = signerCert.publicKey;
    if (sigAlg === OID.ecdsaWithSha256 || key.asymmetricKeyType === 'ec') signatureValid = cryptoVerify('sha256', signedAttrsDer, key, signature.value);
    else signatureValid = cryptoVerify('sha256', signedAttrsDer, { key, padding: 1 /* RSA_PKCS1_PADDING */ }, signature.value);
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
  return { signerCert, certificates, messageDigest: Buffer.from(digestNode.value), signatureValid, signingCertificateBound };
}
