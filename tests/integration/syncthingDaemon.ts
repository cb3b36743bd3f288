/**
 * A real Syncthing daemon for tests: its own home in a temp folder, GUI/API and listen address
 * on loopback ports picked at runtime, discovery (global and local), relays, NAT traversal,
 * usage reporting, crash reporting and upgrades off, peers introduced by ID with explicit
 * addresses. Only ever 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function syncthingBinary(): string | null {
  const r = spawnSync('syncthing', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? 'syncthing' : null;
}

/** A free loopback port: bind port 0, read it, release it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface FolderSpec {
  id: string;
  path: string;
  type: 'sendonly' | 'receiveonly';
}

export class SyncthingDaemon {
  readonly apiKey = randomBytes(16).toString('hex');
  deviceId = '';
  guiPort = 0;
  listenPort = 0;
  private child: ChildProcess | null = null;
  private log: string[] = [];

  constructor(
    readonly name: string,
    readonly home: string,
  ) {}

  get address(): string {
    return `http://127.0.0.1:${this.guiPort}`;
  }

  /** Generates keys (device ID) and picks ports; call before writeConfig. */
  async init(): Promise<void> {
    await mkdir(this.home, { recursive: true });
    const gen = spawnSync('syncthing', ['generate', `--home=${this.home}`, '--no-default-folder', '--skip-port-probing'], { encoding: 'utf8' });
    if (gen.status !== 0) throw new Error(`syncthing generate failed: ${gen.stderr}`);
    const id = spawnSync('syncthing', ['serve', `--home=${this.home}`, '--device-id'], { encoding: 'utf8' });
    this.deviceId = id.stdout.trim();
    if (!/^[A-Z0-9]{7}(-[A-Z0-9]{7}){7}$/.test(this.deviceId)) throw new Error(`bad device id: ${id.stdout} ${id.stderr}`);
    this.guiPort = await freePort();
    this.listenPort = await freePort();
  }

  /** Writes the whole config: this device, the peer at its explicit address, the folders. */
  async writeConfig(peer: SyncthingDaemon, folders: FolderSpec[], limitKiBps = 0): Promise<void> {
    for (const f of folders) {
      await mkdir(join(f.path, '.stfolder'), { recursive: true });
      // Temporaries of this app and refused files never travel.
      await writeFile(join(f.path, '.stignore'), '*.tmp\nbad\n');
    }
    const device = (d: SyncthingDaemon, address: string, limit: number) =>
      `<device id="${d.deviceId}" name="${d.name}" compression="metadata" introducer="false"><address>${address}</address><paused>false</paused>` +
      `<autoAcceptFolders>false</autoAcceptFolders><maxSendKbps>${limit}</maxSendKbps><maxRecvKbps>${limit}</maxRecvKbps></device>`;
    const folderXml = folders
      .map(
        (f) =>
          `<folder id="${f.id}" label="${f.id}" path="${escapeXml(f.path)}" type="${f.type}" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">` +
          `<filesystemType>basic</filesystemType><device id="${this.deviceId}"></device><device id="${peer.deviceId}"></device>` +
          `<minDiskFree unit="%">0</minDiskFree><paused>false</paused></folder>`,
      )
      .join('\n');
    const xml = `<configuration version="36">
${folderXml}
${device(this, 'dynamic', 0)}
${device(peer, `tcp://127.0.0.1:${peer.listenPort}`, limitKiBps)}
<gui enabled="true" tls="false" debugging="false"><address>127.0.0.1:${this.guiPort}</address><apikey>${this.apiKey}</apikey></gui>
<options>
<listenAddress>tcp://127.0.0.1:${this.listenPort}</listenAddress>
<globalAnnounceEnabled>false</globalAnnounceEnabled>
<localAnnounceEnabled>false</localAnnounceEnabled>
<relaysEnabled>false</relaysEnabled>
<natEnabled>false</natEnabled>
<startBrowser>false</startBrowser>
<urAccepted>-1</urAccepted>
<autoUpgradeIntervalH>0</autoUpgradeIntervalH>
<crashReportingEnabled>false</crashReportingEnabled>
<stunKeepaliveStartS>0</stunKeepaliveStartS>
<limitBandwidthInLan>${limitKiBps > 0 ? 'true' : 'false'}</limitBandwidthInLan>
<reconnectionIntervalS>1</reconnectionIntervalS>
<minHomeDiskFree unit="%">0</minHomeDiskFree>
</options>
</configuration>
`;
    await writeFile(join(this.home, 'config.xml'), xml);
  }

  start(): void {
    if (this.child) throw new Error(`${this.name} already running`);
    const child = spawn('syncthing', ['serve', `--home=${this.home}`, '--no-browser', '--no-restart', '--no-upgrade', '--logflags=0'], {
      env: {
        ...process.env,
        STNODEFAULTFOLDER: '1',
        STNOUPGRADE: '1',
        STNORESTART: '1',
        STMONITORED: '1',
        HOME: this.home,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.log.push(chunk.toString('utf8'));
      if (this.log.length > 200) this.log.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
  }

  /** SIGKILL: no clean shutdown, as a power cut or a crash would leave it. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  get running(): boolean {
    return this.child !== null;
  }

  recentLog(): string {
    return this.log.join('').slice(-4000);
  }

  async get<T = unknown>(path: string): Promise<T> {
    const res = await fetch(`${this.address}${path}`, {
      headers: { 'X-API-Key': this.apiKey },
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`${this.name} GET ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  async post(path: string): Promise<void> {
    const res = await fetch(`${this.address}${path}`, {
      method: 'POST',
      headers: { 'X-API-Key': this.apiKey },
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`${this.name} POST ${path}: HTTP ${res.status}`);
  }

  /** Rescan a folder now instead of waiting for the watcher's delay. */
  async scan(folderId: string): Promise<void> {
    await this.post(`/rest/db/scan?folder=${encodeURIComponent(folderId)}`);
  }

  /** Resolves once the REST API answers and the peer is connected. */
  async waitReady(timeoutMs: number): Promise<void> {
    await waitFor(`${this.name} connected`, timeoutMs, async () => {
      try {
        const conns = await this.get<{
          connections: Record<string, { connected: boolean }>;
        }>('/rest/system/connections');
        return Object.values(conns.connections).some((c) => c.connected);
      } catch {
        return false;
      }
    });
  }
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Polls `check` every 50 ms until it is true; throws with `what` after timeoutMs. */
export async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
