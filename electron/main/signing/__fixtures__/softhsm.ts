/**
 * Test token: a SoftHSM2 token in a temporary directory holding a signer key and certificate
 * issued by a test CA made here with openssl, plus (optionally) a second, expired certificate.
 * Only for tests; the keys are throwaway.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_LIBRARY = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'].find((p) => {
  try {
    readFileSync(p, { flag: 'r' }).subarray(0, 1);
    return true;
  } catch {
    return false;
  }
});

export function hasSoftHsm(): boolean {
  const tools = spawnSync('sh', ['-c', 'command -v softhsm2-util && command -v pkcs11-tool && command -v openssl'], { encoding: 'utf8' });
  return !!SOFTHSM_LIBRARY && tools.status === 0;
}

export interface TestToken {
  dir: string;
  library: string;
  tokenLabel: string;
  pin: string;
  caPem: string;
  caDer: Buffer;
  signerDer: Buffer;
  /** Key id 02: a certificate that expired on 01/01/2025, when `withExpired`. */
  expiredDer: Buffer | null;
  signerName: string;
  /** Key id 03: the organisation's own certificate (its seal signs with it), when `organisationName`. */
  organisationDer: Buffer | null;
  organisationName: string | null;
  /** Deletes the token (as if it were pulled out), keeping the directory. */
  remove(): void;
  cleanup(): void;
}

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): string =>
  execFileSync(cmd, args, { env, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** SOFTHSM2_CONF is process-wide: the library reads it when loaded, so the test sets it before signing. */
export function createTestToken(options: { signerName?: string; withExpired?: boolean; organisationName?: string } = {}): TestToken {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-hsm-'));
  const library = SOFTHSM_LIBRARY ?? '';
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  execFileSync('mkdir', ['-p', join(dir, 'tokens')]);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  process.env.SOFTHSM2_CONF = conf;
  const tokenLabel = 'Token thu nghiem';
  const pin = '246810';
  const signerName = options.signerName ?? 'Nguyễn Văn An';
  run('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--so-pin', '13579135', '--pin', pin], env, dir);

  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca = test\n[test]\ndir = ${dir}\ndatabase = ${dir}/index.txt\nnew_certs_dir = ${dir}\nserial = ${dir}/serial\ndefault_md = sha256\npolicy = any\nunique_subject = no\ncopy_extensions = none\nx509_extensions = signer\n[any]\ncountryName = optional\norganizationName = optional\ncommonName = supplied\n[signer]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, nonRepudiation\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n[req]\ndistinguished_name = dn\nutf8 = yes\nstring_mask = utf8only\n[dn]\n[v3_ca]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n`,
  );
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  run('openssl', ['req', '-config', 'ca.cnf', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/C=VN/O=CA Thu nghiem/CN=CA Thu nghiem Don Doc', '-extensions', 'v3_ca'], env, dir);
  const issue = (id: string, name: string, expired: boolean): Buffer => {
    const f = `signer${id}`;
    run('openssl', ['req', '-config', 'ca.cnf', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${f}.key`, '-out', `${f}.csr`, '-utf8', '-subj', `/C=VN/O=UBND xã Thử Nghiệm/CN=${name}`], env, dir);
    const dates = expired ? ['-startdate', '20240101000000Z', '-enddate', '20250101000000Z'] : ['-days', '730'];
    run('openssl', ['ca', '-config', 'ca.cnf', '-batch', '-notext', '-utf8', '-in', `${f}.csr`, '-cert', 'ca.pem', '-keyfile', 'ca.key', '-out', `${f}.pem`, ...dates], env, dir);
    run('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', `${f}.key`, '-out', `${f}.p8`], env, dir);
    run('openssl', ['x509', '-in', `${f}.pem`, '-outform', 'der', '-out', `${f}.der`], env, dir);
    run('softhsm2-util', ['--import', `${f}.p8`, '--token', tokenLabel, '--label', name, '--id', id, '--pin', pin], env, dir);
    run('pkcs11-tool', ['--module', library, '--token-label', tokenLabel, '--login', '--pin', pin, '--write-object', `${f}.der`, '--type', 'cert', '--id', id, '--label', name], env, dir);
    rmSync(join(dir, `${f}.key`));
    rmSync(join(dir, `${f}.p8`));
    return readFileSync(join(dir, `${f}.der`));
  };
  run('openssl', ['x509', '-in', 'ca.pem', '-outform', 'der', '-out', 'ca.der'], env, dir);
  const signerDer = issue('01', signerName, false);
  const expiredDer = options.withExpired ? issue('02', 'Trần Thị Hết Hạn', true) : null;
  const organisationDer = options.organisationName ? issue('03', options.organisationName, false) : null;
  return {
    dir,
    library,
    tokenLabel,
    pin,
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    caDer: readFileSync(join(dir, 'ca.der')),
    signerDer,
    expiredDer,
    signerName,
    organisationDer,
    organisationName: options.organisationName ?? null,
    remove: () => run('softhsm2-util', ['--delete-token', '--token', tokenLabel], env, dir),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
