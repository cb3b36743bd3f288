/**
 * Province simulation (`npm run sim -- --communes 100 --weeks 52`): one coordinating office and
 * N commune offices exchanging packages through exchange folders for a year, in Node, with the
 * real sync code and no UI — packing and signing (electron/main/sync/pack.ts), verification,
 * key rotation, the authority rules and merge (shared/sync/apply.ts applyBatch), and the exchange
 * folders' decisions (shared/sync/exchange.ts: import order and duplicates, outbox cleaning,
 * skipping a package identical to the one still waiting).
 *
 * Authorship proofs as the app makes them (shared/sync/authorship.ts): each site chains its own
 * ops at write time (seq, prevHash), signs a checkpoint of its own chain at export with main's
 * signer (electron/main/sync/authorship.ts createOwnSigner), relays other authors' checkpoints
 * unchanged, and on import proves the ops with the keys main would use (authorKeysFor: its own
 * current and earlier keys, each peer's trusted and earlier keys) and admits only proven runs that
 * continue the chains it holds (admitOps). Acknowledgements are the heads of the proven chains.
 *
 * Weekly volumes come from the demo generator (shared/demo): its tasks and task events over the
 * last year, each task led by one of the N communes. Tasks and the assigner's events go down,
 * progress, extension requests and completions go up, the coordinator edits the registry every
 * week, and rotates its key once. One commune is offline for three weeks; packages are lost,
 * delivered twice and delivered a week late. At the end, after quiet rounds, every replica must
 * hold the same data.
 *
 * Prints per week the package sizes (median, max), ops per package, and the coordinator's import
 * and export times, and at the end, per role, how many received ops were proven and refused;
 * writes a chart (SVG, and PNG through rsvg-convert when installed). `runProvince` is the whole
 * simulation, callable in-process (bench/sim/province.test.ts); the CLI only parses arguments.
 */
import { createHash, generateKeyPairSync, type KeyObject } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { addDays } from "../../shared/calendar";
import {
  formatHlc,
  initialHlc,
  parseHlc,
  receive,
  tick,
  type HlcState,
} from "../../shared/data/hlc";
import {
  applyOp,
  canonicalState,
  stateKey,
  type EntityName,
  type JsonValue,
  type Op,
  type Row,
  type State,
} from "../../shared/data/ops";
import { generateDemoData } from "../../shared/demo/generator";
import { createRng } from "../../shared/demo/prng";
import {
  applyBatch,
  compareOps,
  covers,
  mergeVectors,
  vectorOf,
  type BaseView,
  type BatchResult,
} from "../../shared/sync/apply";
import { authorizeSyncOp, type SyncSite } from "../../shared/sync/authorize";
import {
  outboxToClean,
  planImports,
  shouldWriteExport,
  type InboxEntry,
  type PackageEntry,
} from "../../shared/sync/exchange";
import {
  admitOps,
  chainOps,
  type AdmitResult,
  type AuthorKey,
  EMPTY_HEAD,
  vectorOfHeads,
  type ChainHead,
  type Checkpoint,
} from "../../shared/sync/authorship";
import type { KeyRotation } from "../../shared/sync/package";
import {
  authorKeysFor,
  createOwnSigner,
  memoryChainStore,
  nodeChainCrypto,
} from "../../electron/main/sync/authorship";
import { publicKeyBase64 } from "../../electron/main/sync/ed25519";
import { packPackage, verifyPackage } from "../../electron/main/sync/pack";
import type { VerifiedPackage } from "../../shared/sync/package";
import { signKeyRotation } from "../../electron/main/sync/rotation";
import { renderChart } from "./chart";

export interface ProvinceOptions {
  communes: number;
  weeks: number;
  seed: number;
  tasksPerCommune: number;
  lossRate: number;
  duplicateRate: number;
  delayRate: number;
  /** Folder for the chart; null: no chart. */
  out: string | null;
}

export const defaultProvinceOptions: ProvinceOptions = {
  communes: 100,
  weeks: 52,
  seed: 19,
  tasksPerCommune: 24,
  lossRate: 0.03,
  duplicateRate: 0.03,
  delayRate: 0.05,
  out: "out/sim",
};

/** Received ops, counted at import: proven by their author's chain, and refused (by the proof or by admission). */
export interface AuthorshipCounts {
  proven: number;
  refused: number;
}

const emptyWeekStats = (): WeekStats => ({
  sizes: [],
  opsPer: [],
  coordImportMs: 0,
  coordExportMs: 0,
  coordPackages: 0,
  lost: 0,
  duplicated: 0,
  delayedCount: 0,
  refused: 0,
});

/** A unit of the simulated province, valid from the 2025 reorganisation. */
const unitValues = (
  name: string,
  parentId: string | null,
  shortName: string,
  kind: string,
  symbol: string,
  order: number,
) => ({
  name,
  parentId,
  shortName,
  kind,
  symbol,
  validFrom: "2025-07-01",
  validTo: null,
  order,
  fields: [],
});

export interface ProvinceResult {
  converged: boolean;
  /** Distinct replica states (1 when converged). */
  states: number;
  replicas: number;
  quietRounds: number;
  packages: number;
  authorship: { coordinator: AuthorshipCounts; communes: AuthorshipCounts };
  /** The first refusal reasons met (empty for honest sites). */
  refusalSamples: string[];
  chart: string | null;
  totalMs: number;
}

const TODAY = "2026-12-27";
const COORD = "vp-tinh";
const communeSite = (i: number) => `xa-${String(i + 1).padStart(3, "0")}`;
const communeUnit = (i: number) => `u-xa-${String(i + 1).padStart(3, "0")}`;

// ─── A replica: the real apply rules over indexed in-memory rows ─────────────────────────

interface Held {
  op: Op;
  status: "rejected" | "pending";
  code: string | null;
}

class Site {
  readonly rows = new Map<string, Row>();
  private readonly eventsByTask = new Map<string, Map<string, Row>>();
  private readonly postsByOfficial = new Map<string, Map<string, Row>>();
  readonly ops = new Map<string, Op>();
  readonly held = new Map<string, Held>();
  /** Accepted and held ops per author site, sorted by hlc when read (for "what the peer lacks"). */
  private readonly bySite = new Map<string, { list: Op[]; sorted: boolean }>();
  /** This site's own chain (stamped at write time) and the other authors' chains held here, each with its checkpoint. */
  ownHead: ChainHead = EMPTY_HEAD;
  readonly heads = new Map<
    string,
    { head: ChainHead; checkpoint: Checkpoint }
  >();
  /** Main's signer of this site's own chain (it refuses a chain that does not link up or continue). */
  readonly signOwn = createOwnSigner(memoryChainStore());
  /** Each peer's acknowledgement, from its packages. */
  readonly acks = new Map<string, Record<string, string>>();
  clock: HlcState;
  privateKey: KeyObject;
  publicKey: string;
  rotations: KeyRotation[] = [];
  /** Keys this site trusts (siteId → key), updated when a package shows a rotation. */
  readonly trusted: Record<string, string> = {};
  /** Each peer's earlier keys (kept when a rotation replaces the trusted key). */
  readonly previousKeys: Record<string, string[]> = {};
  /** Package hashes imported completely. */
  readonly done = new Set<string>();
  /** Per recipient stream: seq, last hash, and our packages (for cleaning). */
  readonly streams = new Map<
    string,
    {
      seq: number;
      last: string | null;
      exports: {
        hash: string;
        seq: number;
        sent: Record<string, string>;
        name: string;
      }[];
      lastDigest: string | null;
    }
  >();

  constructor(
    readonly siteId: string,
    readonly sites: ReadonlyMap<string, SyncSite>,
  ) {
    this.clock = initialHlc(siteId);
    const pair = generateKeyPairSync("ed25519");
    this.privateKey = pair.privateKey;
    this.publicKey = publicKeyBase64(pair.publicKey);
  }

  private setRow(key: string, row: Row): void {
    this.rows.set(key, row);
    const index = (map: Map<string, Map<string, Row>>, field: string) => {
      const owner = row[field];
      if (typeof owner !== "string") return;
      let m = map.get(owner);
      if (!m) map.set(owner, (m = new Map()));
      m.set(key, row);
    };
    if (key.startsWith("taskEvents/")) index(this.eventsByTask, "taskId");
    else if (key.startsWith("posts/"))
      index(this.postsByOfficial, "officialId");
  }

  private track(op: Op): void {
    let s = this.bySite.get(op.site);
    if (!s) this.bySite.set(op.site, (s = { list: [], sorted: true }));
    const last = s.list.at(-1);
    if (last && last.hlc > op.hlc) s.sorted = false;
    s.list.push(op);
  }

  /** This site's acknowledgement: per author, the hlc at the head of the proven chain held here. */
  vector(): Record<string, string> {
    return vectorOfHeads([
      [this.siteId, this.ownHead],
      ...[...this.heads].map(([site, h]): [string, ChainHead] => [
        site,
        h.head,
      ]),
    ]);
  }

  /** Every chain head held here, this site's own included (what admitOps continues). */
  allHeads(): Map<string, ChainHead> {
    const out = new Map<string, ChainHead>(
      [...this.heads].map(([site, h]) => [site, h.head]),
    );
    out.set(this.siteId, this.ownHead);
    return out;
  }

  /** The keys main proves authors with: this site's current and earlier keys, each peer's trusted and earlier keys. */
  authorKeys(): (site: string) => readonly AuthorKey[] {
    return authorKeysFor(
      {
        siteId: this.siteId,
        publicKey: this.publicKey,
        rotations: this.rotations,
      },
      this.trusted,
      this.previousKeys,
    );
  }

  /** A rotation shown by a package: the new key is trusted, the old one kept as an earlier key. */
  recordPeerKey(site: string, publicKey: string): void {
    const old = this.trusted[site];
    if (old === publicKey) return;
    if (old)
      this.previousKeys[site] = [...(this.previousKeys[site] ?? []), old];
    this.trusted[site] = publicKey;
  }

  view(): BaseView {
    return {
      row: (entity, rowId) => this.rows.get(stateKey(entity, rowId)),
      taskEvents: (taskId) => [
        ...(this.eventsByTask.get(taskId)?.values() ?? []),
      ],
      posts: (officialId) => [
        ...(this.postsByOfficial.get(officialId)?.values() ?? []),
      ],
      hasEntity: () => true,
      known: (id) =>
        this.ops.has(id) ? "accepted" : this.held.get(id)?.status,
    };
  }

  /** A local write, as withWrites makes it (tick, prev from the row, chained to this site's own chain); refused writes are not made. */
  write(
    entity: EntityName,
    rowId: string,
    kind: Op["kind"],
    values: Record<string, JsonValue>,
    now: number,
  ): boolean {
    const existing = this.rows.get(stateKey(entity, rowId));
    if (kind === "insert" && existing) return false;
    this.clock = tick(this.clock, now);
    const prev: Record<string, string> = {};
    if (existing)
      for (const k of Object.keys(values))
        if (existing._v[k]) prev[k] = existing._v[k];
    const unchained: Op = {
      id: `op-${this.siteId}-${this.ops.size + this.held.size}-${this.clock.millis}-${this.clock.counter}`,
      site: this.siteId,
      hlc: formatHlc(this.clock),
      entity,
      rowId,
      kind,
      values,
      actor: `can-bo@${this.siteId}`,
      ...(existing ? { prev } : {}),
    };
    const verdict = authorizeSyncOp(
      unchained,
      this.sites.get(this.siteId),
      this.view(),
    );
    if (verdict.status !== "accept") {
      if (process.env.SIM_DEBUG)
        console.log(
          "refused",
          entity,
          kind,
          JSON.stringify(verdict).slice(0, 300),
        );
      return false;
    }
    const chained = chainOps([unchained], this.ownHead, nodeChainCrypto);
    const op = chained.ops[0];
    this.ownHead = chained.head;
    this.setRow(stateKey(entity, rowId), applyOp(existing, op));
    this.ops.set(op.id, op);
    this.track(op);
    return true;
  }

  /**
   * Imports a verified package as the renderer does: admits only proven runs continuing the
   * chains held here, applies them, records the chains that moved, then re-judges what was held
   * back. Returns the ops refused at admission.
   */
  receive(pkg: VerifiedPackage, now: number): AdmitResult["refused"] {
    const { manifest } = pkg;
    const admission = admitOps({
      ops: pkg.ops,
      refusedIndex: new Map(
        pkg.authorship.refused.map((r) => [r.index, r.reason]),
      ),
      checkpoints: pkg.authorship.checkpoints,
      heads: this.allHeads(),
      mySite: this.siteId,
      notAfter: Math.min(Date.parse(manifest.createdAt), now),
    });
    const sorted = [...admission.admitted].sort(compareOps);
    this.commit(applyBatch(sorted, this.sites, this.view()));
    for (const [site, next] of admission.advanced) {
      const held = this.heads.get(site);
      if (!held || held.head.seq < next.head.seq) this.heads.set(site, next);
    }
    const ops = admission.admitted;
    const from = manifest.from;
    const senderVector = manifest.versionVector;
    const held = [...this.held.values()]
      .filter((h) => h.code !== "invalid")
      .map((h) => h.op);
    if (held.length)
      this.commit(
        applyBatch(held.sort(compareOps), this.sites, this.view(), {
          retry: true,
        }),
      );
    let maxHlc = "";
    for (const op of ops) if (op.hlc > maxHlc) maxHlc = op.hlc;
    if (maxHlc) this.clock = receive(this.clock, parseHlc(maxHlc), now);
    this.acks.set(from, mergeVectors(this.acks.get(from) ?? {}, senderVector));
    return admission.refused;
  }

  private commit(result: BatchResult): void {
    for (const [key, row] of result.rows) this.setRow(key, row);
    for (const op of result.accepted) {
      if (!this.held.delete(op.id)) this.track(op);
      this.ops.set(op.id, op);
    }
    for (const r of result.rejected) {
      if (!this.held.has(r.op.id)) this.track(r.op);
      this.held.set(r.op.id, { op: r.op, status: "rejected", code: r.code });
    }
    for (const p of result.pending) {
      if (!this.held.has(p.op.id)) this.track(p.op);
      this.held.set(p.op.id, { op: p.op, status: "pending", code: null });
    }
  }

  /**
   * What the peer lacks, oldest first: per author, the chain held here from just above the peer's
   * acknowledgement up to the head (accepted or held, not invalid), a run the head's checkpoint proves.
   */
  outgoing(peer: string): Op[] {
    const ack = this.acks.get(peer) ?? {};
    const heads = this.allHeads();
    const out: Op[] = [];
    for (const [site, s] of this.bySite) {
      const head = heads.get(site) ?? EMPTY_HEAD;
      if (!s.sorted) {
        s.list.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
        s.sorted = true;
      }
      const after = ack[site] ?? "";
      let lo = 0;
      let hi = s.list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (s.list[mid].hlc <= after) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < s.list.length; i++) {
        const op = s.list[i];
        if (op.seq === undefined || op.seq > head.seq) break;
        const h = this.held.get(op.id);
        if (!h || h.code !== "invalid") out.push(op);
      }
    }
    return out.sort(compareOps);
  }

  stateHash(): string {
    const state: State = new Map(this.rows);
    return createHash("sha256").update(canonicalState(state)).digest("hex");
  }
}

// ─── The province ───────────────────────────────────────────────────────────────────────

interface WeekStats {
  sizes: number[];
  opsPer: number[];
  coordImportMs: number;
  coordExportMs: number;
  coordPackages: number;
  lost: number;
  duplicated: number;
  delayedCount: number;
  refused: number;
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const kb = (n: number) => `${(n / 1024).toFixed(1)}`;

/** The whole simulation; `log` receives the table and the summary line by line. */
export async function runProvince(
  options: Partial<ProvinceOptions> = {},
  log: (line: string) => void = console.log,
): Promise<ProvinceResult> {
  const opts = { ...defaultProvinceOptions, ...options };
  const N = opts.communes;
  const WEEKS = opts.weeks;
  const SEED = opts.seed;
  const LOSS = opts.lossRate;
  const DUP = opts.duplicateRate;
  const DELAY = opts.delayRate;
  const OFFLINE = {
    commune: Math.min(7, N - 1),
    from: Math.min(20, WEEKS - 1),
    weeks: 3,
  };
  const ROTATE_AT = Math.floor(WEEKS / 2);
  const START = addDays(TODAY, -7 * WEEKS);
  const rng = createRng(SEED);
  const sites = new Map<string, SyncSite>();
  const rootUnit = "u-ubnd-tinh";
  const coordUnit = "u-vp-ubnd";
  sites.set(COORD, {
    siteId: COORD,
    role: "coordinator",
    units: [rootUnit, coordUnit],
  });
  for (let i = 0; i < N; i++)
    sites.set(communeSite(i), {
      siteId: communeSite(i),
      role: "unit",
      units: [communeUnit(i)],
    });
  const coord = new Site(COORD, sites);
  const communes = Array.from(
    { length: N },
    (_, i) => new Site(communeSite(i), sites),
  );
  const all = [coord, ...communes];
  // Every site holds the unit directory's keys (paired identity cards): relayed ops are proven by their authors' keys.
  for (const a of all)
    for (const b of all) if (a !== b) a.trusted[b.siteId] = b.publicKey;

  // Demo data for the year: tasks and their events, remapped onto the N communes.
  const demo = generateDemoData({
    seed: SEED,
    today: TODAY,
    tasks: opts.tasksPerCommune * N,
    progressReports: opts.tasksPerCommune * N * 3,
    communes: 30,
    years: WEEKS / 52,
  });
  const weekOf = (date: string) =>
    Math.floor(
      (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${START}T00:00:00Z`)) /
        (7 * 86_400_000),
    );
  const leadOf = new Map<string, number>();
  const hashIndex = (s: string) =>
    createHash("sha256").update(s).digest().readUInt32BE(0) % N;
  interface Planned {
    week: number;
    site: Site;
    entity: EntityName;
    rowId: string;
    kind: Op["kind"];
    values: Record<string, JsonValue>;
  }
  const planned: Planned[] = [];
  const LEAD_EVENTS = new Set(["progress", "extensionRequest", "completion"]);
  const ASSIGNER_EVENTS = new Set([
    "extensionDecision",
    "pause",
    "resume",
    "cancel",
    "reopen",
  ]);
  for (const t of demo.tasks) {
    const week = Math.max(0, weekOf(t.assignedOn));
    if (week >= WEEKS) continue;
    const lead = hashIndex(t.id);
    leadOf.set(t.id, lead);
    const { id, ...fields } = t;
    const values = {
      ...fields,
      assignerUnitId: rootUnit,
      leadUnitId: communeUnit(lead),
      supportUnitIds: [],
      directiveId: null,
      assignerOfficialId: null,
      responsibleOfficialId: null,
    };
    planned.push({
      week,
      site: coord,
      entity: "tasks",
      rowId: id,
      kind: "set",
      values: values as unknown as Record<string, JsonValue>,
    });
  }
  for (const e of demo.events) {
    const lead = leadOf.get(e.taskId);
    if (lead === undefined) continue;
    const week = Math.max(0, weekOf(e.on));
    if (week >= WEEKS) continue;
    const { id, ...fields } = e;
    const values = { ...fields, actorOfficialId: null } as unknown as Record<
      string,
      JsonValue
    >;
    if (LEAD_EVENTS.has(e.type))
      planned.push({
        week,
        site: communes[lead],
        entity: "taskEvents",
        rowId: id,
        kind: "insert",
        values,
      });
    else if (ASSIGNER_EVENTS.has(e.type))
      planned.push({
        week,
        site: coord,
        entity: "taskEvents",
        rowId: id,
        kind: "insert",
        values,
      });
  }
  planned.sort((a, b) => a.week - b.week);

  // ─── The carrier: per stream an outbox the receiver's inbox mirrors, with faults ──────────

  interface File {
    name: string;
    bytes: Buffer;
  }
  /** Files on their way or waiting in an inbox, per receiver. */
  const inbox = new Map<string, File[]>(all.map((s) => [s.siteId, []]));
  /** Files held back a week by the carrier. */
  let delayed: { to: string; file: File }[] = [];
  const isOffline = (siteId: string, week: number) =>
    siteId === communeSite(OFFLINE.commune) &&
    week >= OFFLINE.from &&
    week < OFFLINE.from + OFFLINE.weeks;

  /** Exports what `to` lacks into the outbox (unless identical to the package still waiting), and hands it to the carrier. */
  async function exportTo(
    from: Site,
    to: string,
    now: number,
    week: number,
    stats: WeekStats,
    faults: boolean,
  ): Promise<void> {
    const ops = from.outgoing(to);
    const vector = from.vector();
    const digest = createHash("sha256")
      .update(JSON.stringify([vector, ops.map((o) => [o.id, o.hlc])]))
      .digest("hex");
    let stream = from.streams.get(to);
    if (!stream)
      from.streams.set(
        to,
        (stream = { seq: 0, last: null, exports: [], lastDigest: null }),
      );
    // The newest package is never cleaned, so it is "present" whenever one was written.
    if (
      !shouldWriteExport(
        digest,
        stream.lastDigest === null
          ? null
          : { digest: stream.lastDigest, present: true },
      )
    )
      return;
    const seq = stream.seq + 1;
    // As main does: this site's own chain signed here, other authors' checkpoints relayed as held.
    const own = await from.signOwn(from.siteId, ops, from.privateKey);
    const authors = new Set(ops.map((o) => o.site));
    authors.delete(from.siteId);
    const checkpoints = [
      ...[...authors].flatMap((a) => {
        const held = from.heads.get(a);
        return held ? [held.checkpoint] : [];
      }),
      ...(own ? [own] : []),
    ];
    const bytes = packPackage({
      manifestFields: {
        schemaVersion: 30,
        from: from.siteId,
        to,
        seq,
        prevPackageHash: stream.last,
        createdAt: new Date(now).toISOString(),
        versionVector: vector,
        ...(from.rotations.length ? { keyRotations: from.rotations } : {}),
        checkpoints,
      },
      ops,
      privateKey: from.privateKey,
    });
    const hash = createHash("sha256").update(bytes).digest("hex");
    const name = `dondoc-${from.siteId}-gui-${to}-so-${String(seq).padStart(6, "0")}.dondoc`;
    stream.seq = seq;
    stream.last = hash;
    stream.lastDigest = digest;
    stream.exports.push({ hash, seq, sent: vectorOf(ops), name });
    stats.sizes.push(bytes.length);
    stats.opsPer.push(ops.length);
    const file = { name, bytes };
    if (faults && rng.chance(LOSS)) {
      stats.lost++;
      return;
    }
    if (faults && rng.chance(DELAY)) {
      stats.delayedCount++;
      delayed.push({ to, file });
      return;
    }
    inbox.get(to)!.push(file);
    if (faults && rng.chance(DUP)) {
      stats.duplicated++;
      inbox.get(to)!.push({ name: `ban-sao-${name}`, bytes });
    }
    void week;
  }

  /** Reads the inbox like the app: verify each file, plan with the exchange rules, import in order, clean the outbox. */
  function importInbox(site: Site, now: number, stats: WeekStats): void {
    const files = inbox.get(site.siteId)!;
    inbox.set(site.siteId, []);
    const entries: InboxEntry[] = [];
    const verified = new Map<string, ReturnType<typeof verifyPackage>>();
    for (const f of files) {
      try {
        const pkg = verifyPackage(f.bytes, {
          trustedKeys: site.trusted,
          mySiteId: site.siteId,
          authorKeys: site.authorKeys(),
        });
        verified.set(f.name, pkg);
        entries.push({
          name: f.name,
          kind: "package",
          size: f.bytes.length,
          packageHash: pkg.packageHash,
          from: pkg.manifest.from,
          to: pkg.manifest.to,
          seq: pkg.manifest.seq,
          opCount: pkg.manifest.opCount,
        });
      } catch (error) {
        stats.refused++;
        throw new Error(
          `${site.siteId} refused ${f.name}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    const plan = planImports(entries, (h) => site.done.has(h));
    for (const e of plan.toImport as PackageEntry[]) {
      const pkg = verified.get(e.name)!;
      const tally = site === coord ? proofs.coordinator : proofs.communes;
      const refusedAtAdmission = site.receive(pkg, now);
      tally.proven += pkg.ops.length - pkg.authorship.refused.length;
      tally.refused +=
        pkg.authorship.refused.length + refusedAtAdmission.length;
      for (const r of [
        ...pkg.authorship.refused.map((x) => x.reason),
        ...refusedAtAdmission.map((x) => x.reason),
      ]) {
        if (refusalSamples.length < 5)
          refusalSamples.push(`${site.siteId} ← ${pkg.manifest.from}: ${r}`);
      }
      if (pkg.newSignerKey)
        site.recordPeerKey(pkg.manifest.from, pkg.newSignerKey.publicKey);
      site.done.add(pkg.packageHash);
    }
    // Outbox cleaning toward each sender whose acknowledgement moved.
    for (const from of new Set(plan.toImport.map((p) => p.from))) {
      const stream = site.streams.get(from);
      if (!stream) continue;
      const ack = site.acks.get(from) ?? {};
      const acknowledged = new Set(
        stream.exports.filter((x) => covers(ack, x.sent)).map((x) => x.hash),
      );
      const clean = new Set(
        outboxToClean(
          stream.exports.map((x) => ({
            name: x.name,
            packageHash: x.hash,
            seq: x.seq,
          })),
          acknowledged,
        ).map((x) => x.packageHash),
      );
      stream.exports = stream.exports.filter((x) => !clean.has(x.hash));
    }
  }

  function rotateCoordinatorKey(now: number): void {
    const next = generateKeyPairSync("ed25519");
    coord.rotations.push(
      signKeyRotation({
        siteId: COORD,
        oldKey: coord.privateKey,
        newKey: next.privateKey,
        createdAt: new Date(now).toISOString(),
        // Everything the old key could have signed: the coordinator's chain so far.
        lastSeq: coord.ownHead.seq,
      }),
    );
    coord.privateKey = next.privateKey;
    coord.publicKey = publicKeyBase64(next.publicKey);
  }

  /** One exchange round: communes send up, the coordinator imports, sends down, communes import. */
  async function round(
    week: number,
    now: number,
    stats: WeekStats,
    faults: boolean,
  ): Promise<void> {
    const due = delayed;
    delayed = [];
    for (const d of due) inbox.get(d.to)!.push(d.file);
    for (const c of communes)
      if (!isOffline(c.siteId, week))
        await exportTo(c, COORD, now, week, stats, faults);
    let t = performance.now();
    importInbox(coord, now, stats);
    stats.coordImportMs += performance.now() - t;
    const before = stats.sizes.length;
    t = performance.now();
    for (const c of communes)
      await exportTo(coord, c.siteId, now, week, stats, faults);
    stats.coordExportMs += performance.now() - t;
    stats.coordPackages += stats.sizes.length - before;
    for (const c of communes)
      if (!isOffline(c.siteId, week)) importInbox(c, now, stats);
  }

  // ─── Run ────────────────────────────────────────────────────────────────────────────────

  const started = performance.now();
  const weekly: (WeekStats & { week: number })[] = [];
  let refusedWrites = 0;
  const proofs = {
    coordinator: { proven: 0, refused: 0 },
    communes: { proven: 0, refused: 0 },
  };
  const refusalSamples: string[] = [];
  let cursor = 0;
  /** A moment in week `week`: writes one second apart, the exchange after them. */
  const at = (week: number, second: number) =>
    Date.parse(`${START}T01:00:00Z`) + week * 7 * 86_400_000 + second * 1000;
  log(
    `Province simulation: 1 coordinator, ${N} communes, ${WEEKS} weeks; ${planned.length} planned writes from the demo generator (seed ${SEED}).`,
  );
  log(
    `Faults: commune ${communeSite(OFFLINE.commune)} offline weeks ${OFFLINE.from + 1}–${OFFLINE.from + OFFLINE.weeks}; loss ${LOSS}, duplicate ${DUP}, one-week delay ${DELAY}; coordinator key rotated in week ${ROTATE_AT + 1}.`,
  );
  log("");
  log(
    "week  pkgs  size-med KB  size-max KB  ops-med  ops-max  coord-import ms  coord-export ms  lost dup late",
  );
  for (let week = 0; week < WEEKS; week++) {
    const stats = emptyWeekStats();
    let second = 0;
    // The registry: the units at the start, then an official's details edited each week.
    if (week === 0) {
      coord.write(
        "units",
        rootUnit,
        "insert",
        unitValues("UBND tỉnh", null, "UBND", "other", "UBND", 0),
        at(week, second++),
      );
      coord.write(
        "units",
        coordUnit,
        "insert",
        unitValues("Văn phòng UBND tỉnh", rootUnit, "VP", "other", "VP", 1),
        at(week, second++),
      );
      for (let i = 0; i < N; i++) {
        coord.write(
          "units",
          communeUnit(i),
          "insert",
          unitValues(
            `UBND xã ${i + 1}`,
            rootUnit,
            `Xã ${i + 1}`,
            "commune",
            "UBND",
            10 + i,
          ),
          at(week, second++),
        );
      }
    }
    for (const o of demo.officials.slice(week * 4, week * 4 + 4)) {
      const { id, ...fields } = o;
      coord.write(
        "officials",
        id,
        "insert",
        fields as unknown as Record<string, JsonValue>,
        at(week, second++),
      );
    }
    if (week === ROTATE_AT) rotateCoordinatorKey(at(week, second++));
    // This week's writes; a commune writes about a task only once it holds it (else next week).
    const carry: Planned[] = [];
    while (cursor < planned.length && planned[cursor].week <= week)
      carry.push(planned[cursor++]);
    const later: Planned[] = [];
    for (const p of carry) {
      if (
        p.entity === "taskEvents" &&
        !p.site.rows.has(stateKey("tasks", String(p.values.taskId)))
      ) {
        later.push({ ...p, week: week + 1 });
        continue;
      }
      if (
        !p.site.write(p.entity, p.rowId, p.kind, p.values, at(week, second++))
      )
        refusedWrites++;
    }
    if (later.length) {
      planned.splice(cursor, 0, ...later);
    }
    await round(week, at(week, Math.max(second, 36_000) + 10), stats, true);
    weekly.push({ ...stats, week });
    log(
      `${String(week + 1).padStart(4)}  ${String(stats.sizes.length).padStart(4)}  ${kb(median(stats.sizes)).padStart(11)}  ${kb(Math.max(0, ...stats.sizes)).padStart(11)}  ${String(median(stats.opsPer)).padStart(7)}  ${String(Math.max(0, ...stats.opsPer)).padStart(7)}  ${stats.coordImportMs.toFixed(0).padStart(15)}  ${stats.coordExportMs.toFixed(0).padStart(15)}  ${String(stats.lost).padStart(4)} ${String(stats.duplicated).padStart(3)} ${String(stats.delayedCount).padStart(4)}`,
    );
  }

  // Quiet rounds: no new writes, no faults, until nothing new travels.
  let quiet = 0;
  for (; quiet < 6; quiet++) {
    const stats = emptyWeekStats();
    await round(
      Number.MAX_SAFE_INTEGER,
      at(WEEKS, 36_000 + 100 * quiet),
      stats,
      false,
    );
    if (stats.sizes.length === 0 && delayed.length === 0) break;
  }

  const hashes = new Map<string, string[]>();
  for (const s of all) {
    const h = s.stateHash();
    hashes.set(h, [...(hashes.get(h) ?? []), s.siteId]);
  }
  const heldEverywhere = all.map((s) => s.held.size);
  const totalMs = performance.now() - started;
  log("");
  log(`Quiet rounds until nothing new travelled: ${quiet}.`);
  log(
    `Rows per replica: ${coord.rows.size}; ops at the coordinator: ${coord.ops.size}; held back (rejected or pending) per replica: min ${Math.min(...heldEverywhere)}, max ${Math.max(...heldEverywhere)}; local writes refused by the authority check: ${refusedWrites}.`,
  );
  log(
    `Packages: ${weekly.reduce((n, w) => n + w.sizes.length, 0)} written, ${weekly.reduce((n, w) => n + w.lost, 0)} lost, ${weekly.reduce((n, w) => n + w.duplicated, 0)} delivered twice, ${weekly.reduce((n, w) => n + w.delayedCount, 0)} delivered a week late.`,
  );
  log(
    `Authorship (received ops): coordinator ${proofs.coordinator.proven} proven, ${proofs.coordinator.refused} refused; communes ${proofs.communes.proven} proven, ${proofs.communes.refused} refused.`,
  );
  for (const r of refusalSamples) log(`  refused: ${r}`);
  const converged = hashes.size === 1;
  log(
    converged
      ? `CONVERGED: all ${all.length} replicas hold the same data (state hash ${[...hashes.keys()][0].slice(0, 16)}…).`
      : `NOT CONVERGED: ${hashes.size} different states: ${[...hashes.values()].map((v) => v.slice(0, 5).join(",")).join(" | ")}`,
  );
  log(`Total run time ${(totalMs / 1000).toFixed(1)} s.`);

  let chart: string | null = null;
  if (opts.out !== null) {
    const OUT = resolve(opts.out);
    mkdirSync(OUT, { recursive: true });
    const svg = renderChart(
      weekly.map((w) => ({
        week: w.week + 1,
        sizeMedianKb: median(w.sizes) / 1024,
        sizeMaxKb: Math.max(0, ...w.sizes) / 1024,
        importMs: w.coordImportMs,
        exportMs: w.coordExportMs,
      })),
      `Đôn Đốc — mô phỏng ${N} xã × ${WEEKS} tuần`,
    );
    const svgPath = join(OUT, "province.svg");
    writeFileSync(svgPath, svg);
    const pngPath = join(OUT, "province.png");
    const png = spawnSync(
      "rsvg-convert",
      ["-w", "1400", "-o", pngPath, svgPath],
      { encoding: "utf8" },
    );
    chart = png.status === 0 ? pngPath : svgPath;
    log(
      png.status === 0
        ? `Chart: ${pngPath}`
        : `Chart: ${svgPath} (install librsvg2-bin for the PNG: ${png.error?.message ?? png.stderr})`,
    );
  }
  return {
    converged,
    states: hashes.size,
    replicas: all.length,
    quietRounds: quiet,
    packages: weekly.reduce((n, w) => n + w.sizes.length, 0),
    authorship: proofs,
    refusalSamples,
    chart,
    totalMs,
  };
}

// ─── CLI ────────────────────────────────────────────────────────────────────────────────

if (
  process.argv[1] &&
  resolve(process.argv[1]) === resolve(import.meta.filename)
) {
  const { values: args } = parseArgs({
    options: {
      communes: {
        type: "string",
        default: String(defaultProvinceOptions.communes),
      },
      weeks: { type: "string", default: String(defaultProvinceOptions.weeks) },
      seed: { type: "string", default: String(defaultProvinceOptions.seed) },
      "tasks-per-commune": {
        type: "string",
        default: String(defaultProvinceOptions.tasksPerCommune),
      },
      "loss-rate": {
        type: "string",
        default: String(defaultProvinceOptions.lossRate),
      },
      "duplicate-rate": {
        type: "string",
        default: String(defaultProvinceOptions.duplicateRate),
      },
      "delay-rate": {
        type: "string",
        default: String(defaultProvinceOptions.delayRate),
      },
      out: { type: "string", default: defaultProvinceOptions.out! },
    },
  });
  const result = await runProvince({
    communes: Number(args.communes),
    weeks: Number(args.weeks),
    seed: Number(args.seed),
    tasksPerCommune: Number(args["tasks-per-commune"]),
    lossRate: Number(args["loss-rate"]),
    duplicateRate: Number(args["duplicate-rate"]),
    delayRate: Number(args["delay-rate"]),
    out: args.out!,
  });
  process.exit(
    result.converged &&
      result.authorship.coordinator.refused +
        result.authorship.communes.refused ===
        0
      ? 0
      : 1,
  );
}
