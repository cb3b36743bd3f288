/**
 * Test timestamp authority: a TSA key and certificate (extended key usage timeStamping) issued by a
 * test CA made here with openssl, answering RFC 3161 requests with `openssl ts -reply` behind a
 * local HTTP server on a port picked at run time. `mode` makes it misbehave for the tests.
 * Only for tests; the keys are throwaway.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { child, integer, parseDer, seq } from '../der';

const run = promisify(execFile);

/** ok: a proper reply; wrongNonce: a reply to the same imprint with another nonce; tampered: the token's signature changed; refuse: status "rejection"; httpError: HTTP 500. */
export type TsaMode = 'ok' | 'wrongNonce' | 'tampered' | 'refuse' | 'httpError';

export interface TestTsa {
  url: string;
  /** The TSA certificate's common name. */
  name: string;
  mode: TsaMode;
  /** Requests answered so far. */
  requests: number;
  /** PEM files of the test CA and of the TSA certificate (for `openssl ts -verify`). */
  caFile: string;
  certFile: string;
  close(): Promise<void>;
}

const listening = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

export async function startTestTsa(name = 'TSA Thu nghiem Don Doc'): Promise<TestTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-tsa-'));
  const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(
    join(dir, 'tsa.cnf'),
    [
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[v3_ca]',
      'basicConstraints = critical, CA:TRUE',
      'keyUsage = critical, keyCertSign, cRLSign',
      '[v3_tsa]',
      'basicConstraints = CA:FALSE',
      'keyUsage = critical, digitalSignature, nonRepudiation',
      'extendedKeyUsage = critical, timeStamping',
      '[tsa]',
      'default_tsa = tsa_config',
      '[tsa_config]',
      `dir = ${dir}`,
      `serial = ${dir}/tsaserial`,
      'crypto_device = builtin',
      `signer_cert = ${dir}/tsa.pem`,
      `signer_key = ${dir}/tsa.key`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  ossl('req', '-config', 'tsa.cnf', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/C=VN/CN=CA TSA Thu nghiem', '-extensions', 'v3_ca');
  ossl('req', '-config', 'tsa.cnf', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', `/C=VN/CN=${name}`);
  ossl('x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '730', '-extfile', 'tsa.cnf', '-extensions', 'v3_tsa', '-out', 'tsa.pem');

  let count = 0;
  const reply = async (query: Buffer): Promise<Buffer> => {
    const file = join(dir, `q${count}.tsq`);
    writeFileSync(file, query);
    await run('openssl', ['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', file, '-out', `${file}.tsr`], { cwd: dir });
    return readFileSync(`${file}.tsr`);
  };
  const tsa: TestTsa = {
    url: '',
    name,
    mode: 'ok',
    requests: 0,
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, 'tsa.pem'),
    close: () => new Promise((resolve) => server.close(() => (rmSync(dir, { recursive: true, force: true }), resolve()))),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        count++;
        tsa.requests++;
        const query = Buffer.concat(chunks);
        if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query' || tsa.mode === 'httpError') {
          res.writeHead(500).end();
          return;
        }
        let body: Buffer;
        if (tsa.mode === 'refuse') body = seq(seq(integer(2)));
        else if (tsa.mode === 'wrongNonce') {
          const q = parseDer(query);
          const nonce = BigInt(`0x${child(q, 2).value.toString('hex')}`);
          body = await reply(seq(child(q, 0).raw, child(q, 1).raw, integer(nonce + 1n), child(q, 3).raw));
        } else {
          body = await reply(query);
          // The token ends with the TSA's signature value: one changed bit there breaks it.
          if (tsa.mode === 'tampered') body[body.length - 1] ^= 0x01;
        }
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(body);
      })().catch(() => res.writeHead(500).end());
    });
  });
  tsa.url = `http://127.0.0.1:${await listening(server)}/tsa`;
  return tsa;
}

/** A URL on a port that was free a moment ago and has nothing listening now. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const port = await listening(server);
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/tsa`;
}
