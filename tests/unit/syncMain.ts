/**
 * Main's side of sync for renderer tests: the real packing, signing, checkpoint signing and
 * verification (electron/main/sync), with one Ed25519 key per site id, so packages in those
 * tests are real `.dondoc` files and authorship is proven exactly as in the app.
 */
import type { z } from 'zod';
import type { PackageDataMsg, syncChannels } from '../../shared/ipc/channels/sync';
import type { Op } from '../../shared/data/ops';
import type { AuthorKey } from '../../shared/sync/authorship';
import { createOwnSigner, memoryChainStore } from '../../electron/main/sync/authorship';
import { makeSite, type TestSite } from '../fixtures/sync';
import { packPackage, verifyPackage } from '../../electron/main/sync/pack';

type ExportReq = z.input<(typeof syncChannels)['sync:exportPackage']['req']>;

const keyring = new Map<string, TestSite>();

/** The key pair of a site id (made on first use, the same for the whole test file). */
export function siteKey(site: string): TestSite {
  let k = keyring.get(site);
  if (!k) keyring.set(site, (k = makeSite(site)));
  return k;
}

/** One installation's main process: its own signed-chain head lives as long as this object. */
export class FakeMain {
  private readonly signOwn = createOwnSigner(memoryChainStore());
  constructor(readonly site: string) {}

  /** What sync:exportPackage signs: this site's checkpoint added, the package packed and signed. */
  async pack(req: ExportReq, fields: { seq: number; prevPackageHash: string | null; createdAt: string }): Promise<Buffer> {
    const key = siteKey(this.site);
    const ops = req.ops as Op[];
    const own = await this.signOwn(this.site, ops, key.privateKey);
    const checkpoints = [...(req.checkpoints ?? []).filter((c) => c.site !== this.site), ...(own ? [own] : [])];
    return packPackage({
      manifestFields: { schemaVersion: req.schemaVersion, from: this.site, to: req.to, seq: fields.seq, prevPackageHash: fields.prevPackageHash, createdAt: fields.createdAt, versionVector: req.versionVector, checkpoints },
      ops,
      privateKey: key.privateKey,
    });
  }
}

/**
 * What sync:readPackage hands the renderer of `site`: verified against `trusted` (what that
 * renderer trusts: site → key; by default every site's key here) and, for this site's own
 * ops, against its own key as main holds it.
 */
export function readAs(site: string, bytes: Uint8Array, trusted?: Record<string, string>, previousKeys: Record<string, AuthorKey[]> = {}): PackageDataMsg {
  const trustedKeys: Record<string, string> = {};
  if (trusted) Object.assign(trustedKeys, trusted);
  else for (const [id, k] of keyring) if (id !== site) trustedKeys[id] = k.publicKey;
  delete trustedKeys[site];
  const authorKeys = (author: string) =>
    author === site ? [siteKey(site).publicKey] : [...(Object.prototype.hasOwnProperty.call(trustedKeys, author) ? [trustedKeys[author]] : []), ...(previousKeys[author] ?? [])];
  const v = verifyPackage(bytes, { trustedKeys, mySiteId: site, authorKeys });
  return { manifest: v.manifest, ops: v.ops, packageHash: v.packageHash, signerPublicKey: v.signerPublicKey, newSignerKey: v.newSignerKey, authorship: v.authorship };
}
