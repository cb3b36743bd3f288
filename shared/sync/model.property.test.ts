/**
 * Model test of sync by exchanged file: 3–5 sites make random authorised and
 * unauthorised edits; ops travel in packages delivered in random order, duplicated or lost;
 * after a final round in which every site resends what each peer has not acknowledged,
 * every honest site holds identical data, every unauthorised op is rejected everywhere and
 * every authorised op is held everywhere.
 *
 * An unauthorised edit is modelled as a tampered app: the op is put on the wire but the
 * honest local check (the same authorizer) would refuse it, so the author does not apply it.
 *
 * Proven authorship (shared/sync/authorship.ts): every site has a real Ed25519 key, and the
 * last site is Byzantine: its packages also carry ops it forges in other sites' names (the
 * coordinator's, the recipient's own, far-future ones) with checkpoints it signs itself or
 * copies, and copies of relayed ops it has altered. Every forgery is refused everywhere, every
 * op a replica accepted is exactly what its author wrote, and no honest op is lost.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc, initialHlc, parseHlc, receive, tick, type HlcState } from '../data/hlc';
import { canonicalState, type JsonValue, type Op } from '../data/ops';
import { MemoryReplica, type Outgoing } from '../../tests/fixtures/memoryReplica';
import { authorizeSyncOp, type SyncSite } from './authorize';
import { nodeChainCrypto, signCheckpoint } from '../../electron/main/sync/authorship';
import { makeSite, type TestSite } from '../../tests/fixtures/sync';
import { opChainHash, type Checkpoint } from './authorship';

type Action =
  | { kind: 'createTask'; lead: number; bySite: number }
  | { kind: 'editTask'; site: number; task: number; field: 'title' | 'dueOn'; value: number }
  | { kind: 'progress'; site: number; task: number; percent: number }
  | { kind: 'createOfficial'; site: number; unit: number }
  | { kind: 'editOfficial'; site: number; official: number; value: number }
  | { kind: 'send'; from: number; to: number }
  | { kind: 'deliver'; pick: number; keep: boolean }
  | { kind: 'drop'; pick: number }
  | { kind: 'forge'; victim: number; how: number; to: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('createTask' as const), lead: fc.nat(), bySite: fc.nat() }),
  fc.record({ kind: fc.constant('editTask' as const), site: fc.nat(), task: fc.nat(), field: fc.constantFrom('title' as const, 'dueOn' as const), value: fc.nat(27) }),
  fc.record({ kind: fc.constant('progress' as const), site: fc.nat(), task: fc.nat(), percent: fc.nat(100) }),
  fc.record({ kind: fc.constant('createOfficial' as const), site: fc.nat(), unit: fc.nat() }),
  fc.record({ kind: fc.constant('editOfficial' as const), site: fc.nat(), official: fc.nat(), value: fc.nat(9) }),
  fc.record({ kind: fc.constant('send' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('send' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), keep: fc.boolean() }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), keep: fc.boolean() }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('forge' as const), victim: fc.nat(), how: fc.nat(4), to: fc.nat() }),
);

interface Package extends Outgoing {
  from: string;
  to: string;
  createdAt: number;
}

interface Sim {
  replicas: MemoryReplica[];
  clocks: HlcState[];
  sites: Map<string, SyncSite>;
  wire: Package[];
  honest: Set<string>;
  forged: Set<string>;
  /** Every op as its author wrote it (chained), by id. */
  genuine: Map<string, Op>;
  /** Ops the Byzantine site made up in another site's name. */
  impostor: Set<string>;
  byzantine: number;
  tasks: string[];
  officials: string[];
  now: number;
  seq: number;
}

const day = (n: number) => `2025-04-${String(1 + (n % 28)).padStart(2, '0')}`;

/** One key pair per site id, made once: key generation is not what this test is about. */
const keys = new Map<string, TestSite>();
const keyOf = (siteId: string) => {
  let k = keys.get(siteId);
  if (!k) keys.set(siteId, (k = makeSite(siteId)));
  return k;
};

function makeSim(n: number): Sim {
  const sites = new Map<string, SyncSite>();
  for (let i = 0; i < n; i += 1) sites.set(`s${i}`, { siteId: `s${i}`, role: i === 0 ? 'coordinator' : 'unit', units: [`u${i}`] });
  // The registry every site holds: each site's public key.
  const keysOf = (site: string) => (sites.has(site) ? [keyOf(site).publicKey] : []);
  return {
    replicas: [...sites.keys()].map(
      (id) => new MemoryReplica(id, sites, { crypto: nodeChainCrypto, sign: (body) => signCheckpoint(body, keyOf(id).privateKey), keysOf }),
    ),
    clocks: [...sites.keys()].map((id) => initialHlc(id)),
    sites,
    wire: [],
    honest: new Set(),
    forged: new Set(),
    genuine: new Map(),
    impostor: new Set(),
    byzantine: n - 1,
    tasks: [],
    officials: [],
    now: 1_745_000_000_000,
    seq: 0,
  };
}

/** Writes like withWrites would (tick, prev from the local row), or forges if the local check refuses. */
function edit(sim: Sim, i: number, entity: Op['entity'], rowId: string, kind: Op['kind'], values: Record<string, JsonValue>): void {
  const replica = sim.replicas[i];
  sim.now += 1000;
  sim.clocks[i] = tick(sim.clocks[i], sim.now);
  const existing = replica.rows.get(`${entity}/${rowId}`);
  if (kind === 'insert' && existing) return;
  const prev: Record<string, string> = {};
  if (existing) for (const k of Object.keys(values)) if (existing._v[k]) prev[k] = existing._v[k];
  sim.seq += 1;
  const op: Op = { id: `op-${sim.seq}`, site: replica.siteId, hlc: formatHlc(sim.clocks[i]), entity, rowId, kind, values, actor: `user@${replica.siteId}`, ...(existing ? { prev } : {}) };
  const verdict = authorizeSyncOp(op, sim.sites.get(replica.siteId), replica.view());
  if (verdict.status === 'pending') return;
  if (verdict.status === 'accept') {
    sim.genuine.set(op.id, replica.write(op));
    sim.honest.add(op.id);
  } else {
    // A tampered app sends it anyway; it is on the wire but never applied by its author.
    sim.genuine.set(op.id, replica.writeUnapplied(op, verdict));
    sim.forged.add(op.id);
  }
}

function send(sim: Sim, from: number, to: number): void {
  if (from === to) return;
  const a = sim.replicas[from];
  const b = sim.replicas[to];
  sim.wire.push({ from: a.siteId, to: b.siteId, ...a.outgoing(b.siteId), createdAt: sim.now });
}

/**
 * The Byzantine site puts a package on the wire to `to` carrying what it honestly would, plus
 * one forgery: `how` 0 an op in the victim's name with a checkpoint it signs with its own key;
 * 1 the same with the victim's key named but its own signature; 2 a relayed op of the victim
 * altered, the victim's checkpoint kept; 3 an op in the recipient's own name; 4 an op in the
 * coordinator's name stamped a day ahead, with a copy of the coordinator's checkpoint.
 */
function forge(sim: Sim, victimPick: number, how: number, toPick: number): void {
  const n = sim.replicas.length;
  const b = sim.byzantine;
  const to = toPick % n === b ? (b + 1) % n : toPick % n;
  const byz = sim.replicas[b];
  const out = byz.outgoing(sim.replicas[to].siteId);
  const honestVictims = sim.replicas.map((_, i) => i).filter((i) => i !== b);
  const victim = how === 3 ? sim.replicas[to].siteId : how === 4 ? 's0' : sim.replicas[honestVictims[victimPick % honestVictims.length]].siteId;
  const head = byz.heads().get(victim) ?? { seq: 0, hash: '0'.repeat(64), hlc: '' };
  sim.seq += 1;
  const id = `forged-${sim.seq}`;
  const millis = sim.now + (how === 4 ? 23 * 3600_000 : 500);
  const made: Op = {
    id,
    site: victim,
    hlc: formatHlc({ millis, counter: 0, node: victim }),
    entity: 'units',
    rowId: 'u0',
    kind: 'set',
    values: { name: `Đổi tên bởi kẻ giả mạo ${sim.seq}` },
    actor: `admin@${victim}`,
    seq: head.seq + 1,
    prevHash: head.hash,
  };
  let ops = [...out.ops];
  let checkpoints = [...out.checkpoints];
  if (how === 2) {
    const k = ops.findIndex((o) => o.site !== byz.siteId);
    if (k < 0) return;
    // Same id, same chain position, different content.
    ops[k] = { ...ops[k], values: { ...ops[k].values, title: 'Sửa trộm' }, actor: 'kẻ giả mạo' };
  } else {
    sim.impostor.add(id);
    ops.push(made);
    const h = opChainHash(made, nodeChainCrypto);
    checkpoints = checkpoints.filter((c) => c.site !== victim);
    if (how === 0) checkpoints.push(signCheckpoint({ site: victim, seq: made.seq!, head: h }, keyOf(byz.siteId).privateKey));
    if (how === 1) checkpoints.push({ ...signCheckpoint({ site: victim, seq: made.seq!, head: h }, keyOf(byz.siteId).privateKey), key: keyOf(victim).publicKey } satisfies Checkpoint);
    if (how === 3 || how === 4) {
      const held = byz.chains.get(victim);
      if (held) checkpoints.push(held.checkpoint);
      else checkpoints.push(signCheckpoint({ site: victim, seq: made.seq!, head: h }, keyOf(byz.siteId).privateKey));
    }
    ops = ops.sort((x, y) => (x.hlc < y.hlc ? -1 : 1));
  }
  sim.wire.push({ from: byz.siteId, to: sim.replicas[to].siteId, ops, checkpoints, vector: out.vector, createdAt: sim.now });
}

function deliver(sim: Sim, pkg: Package): void {
  const i = sim.replicas.findIndex((r) => r.siteId === pkg.to);
  const replica = sim.replicas[i];
  sim.now += 1000;
  const result = replica.receive(pkg.from, pkg, Math.min(pkg.createdAt, sim.now));
  // The clock moves past what was accepted (as the Dexie importer does), never past a refused op.
  const maxHlc = result.accepted.reduce((m, op) => (op.hlc > m ? op.hlc : m), '');
  if (maxHlc) sim.clocks[i] = receive(sim.clocks[i], parseHlc(maxHlc), sim.now);
}

function run(n: number, actions: Action[]): Sim {
  const sim = makeSim(n);
  for (const a of actions) {
    switch (a.kind) {
      case 'createTask': {
        const id = `task-${sim.tasks.length + 1}`;
        sim.tasks.push(id);
        const lead = 1 + (a.lead % (n - 1));
        edit(sim, a.bySite % n, 'tasks', id, 'set', {
          title: `Nhiệm vụ ${id}`,
          assignerUnitId: 'u0',
          leadUnitId: `u${lead}`,
          supportUnitIds: [],
          deadline: { kind: 'fixed', date: day(20) },
          dueOn: day(20),
          assignedOn: day(0),
          priority: 'normal',
        });
        break;
      }
      case 'editTask':
        if (sim.tasks.length) edit(sim, a.site % n, 'tasks', sim.tasks[a.task % sim.tasks.length], 'set', { [a.field]: a.field === 'title' ? `Tên ${a.value}` : day(a.value) });
        break;
      case 'progress':
        if (sim.tasks.length) {
          const taskId = sim.tasks[a.task % sim.tasks.length];
          edit(sim, a.site % n, 'taskEvents', `ev-${sim.seq + 1}`, 'insert', {
            taskId,
            type: 'progress',
            on: day(a.percent),
            actorOfficialId: null,
            actorAccount: 'canbo (Cán bộ)',
            percent: a.percent,
            text: `Đã thực hiện ${a.percent}%`,
            attachments: [],
          });
        }
        break;
      case 'createOfficial': {
        const id = `official-${sim.officials.length + 1}`;
        sim.officials.push(id);
        const site = a.site % n;
        const unit = `u${a.unit % n}`;
        edit(sim, site, 'posts', `post-${id}`, 'set', { officialId: id, unitId: unit, title: 'Chuyên viên', isHead: false });
        edit(sim, site, 'officials', id, 'set', { fullName: `Cán bộ ${id}`, active: true });
        break;
      }
      case 'editOfficial':
        if (sim.officials.length) edit(sim, a.site % n, 'officials', sim.officials[a.official % sim.officials.length], 'set', { phone: `09${a.value}` });
        break;
      case 'send':
        send(sim, a.from % n, a.to % n);
        break;
      case 'deliver':
        if (sim.wire.length) {
          const k = a.pick % sim.wire.length;
          const pkg = sim.wire[k];
          if (!a.keep) sim.wire.splice(k, 1);
          deliver(sim, pkg);
        }
        break;
      case 'drop':
        if (sim.wire.length) sim.wire.splice(a.pick % sim.wire.length, 1);
        break;
      case 'forge':
        forge(sim, a.victim, a.how, a.to);
        break;
    }
  }
  // Old packages still in flight arrive late, then every site resends until nothing is missing.
  for (const pkg of sim.wire.splice(0).reverse()) deliver(sim, pkg);
  for (let round = 0; round < 3; round += 1) {
    for (let from = 0; from < n; from += 1) for (let to = 0; to < n; to += 1) send(sim, from, to);
    for (const pkg of sim.wire.splice(0)) deliver(sim, pkg);
  }
  return sim;
}

function checkConverged(sim: Sim): void {
  const [first, ...rest] = sim.replicas;
  const reference = canonicalState(first.rows);
  for (const r of rest) expect(canonicalState(r.rows), `${r.siteId} differs from ${first.siteId}`).toBe(reference);
  for (const r of sim.replicas) {
    for (const id of sim.honest) expect(r.ops.has(id), `${r.siteId} lost authorised op ${id}`).toBe(true);
    for (const id of sim.forged) {
      expect(r.ops.has(id), `${r.siteId} accepted forged op ${id}`).toBe(false);
      expect(r.held.get(id)?.status, `${r.siteId} did not reject ${id}`).toBe('rejected');
    }
    for (const id of sim.impostor) expect(r.ops.has(id) || r.held.has(id), `${r.siteId} took op ${id} forged in another site's name`).toBe(false);
    // Whatever a replica holds is exactly what its author wrote: no altered copy got in.
    for (const held of [...r.ops.values(), ...[...r.held.values()].map((h) => h.op)]) expect(held, `${r.siteId} holds an altered ${held.id}`).toEqual(sim.genuine.get(held.id));
    expect([...r.held.values()].filter((h) => h.status === 'pending')).toEqual([]);
  }
}

describe('sync model', () => {
  it('converges with every package delivered, rejecting unauthorised ops everywhere and losing nothing authorised', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 5 }), fc.array(actionArb, { minLength: 5, maxLength: 60 }), (n, actions) => {
        checkConverged(run(n, actions));
      }),
      { numRuns: 220 },
    );
  });

  it('a pinned scenario: a progress report arrives before its task, a forged deadline change is refused', () => {
    const sim = run(3, [
      { kind: 'createTask', lead: 0, bySite: 0 },
      { kind: 'send', from: 0, to: 1 },
      { kind: 'deliver', pick: 0, keep: false },
      { kind: 'progress', site: 1, task: 0, percent: 40 },
      { kind: 'editTask', site: 1, task: 0, field: 'dueOn', value: 27 },
      // The commune's package reaches site 2 before the coordinator's task does.
      { kind: 'send', from: 1, to: 2 },
      { kind: 'deliver', pick: 0, keep: false },
    ]);
    checkConverged(sim);
    expect(sim.honest.size).toBe(2);
    expect(sim.forged.size).toBe(1);
    const task = sim.replicas[2].rows.get('tasks/task-1');
    expect(task?.dueOn).toBe(day(20));
  });

  it('the pinned scenario really exercises holding back: the event waits until the task arrives', () => {
    const sim = makeSim(3);
    edit(sim, 0, 'tasks', 't', 'set', { title: 'T', assignerUnitId: 'u0', leadUnitId: 'u1', supportUnitIds: [], dueOn: null, deadline: null, assignedOn: day(0), priority: 'normal' });
    send(sim, 0, 1);
    deliver(sim, sim.wire.shift()!);
    edit(sim, 1, 'taskEvents', 'e1', 'insert', { taskId: 't', type: 'progress', on: day(2), actorOfficialId: null, actorAccount: 'a', percent: 50, text: 'x', attachments: [] });
    // Site 1 knows site 0 holds the task, so its package to site 2 carries only the event.
    sim.replicas[1].acks.set('s2', sim.replicas[0].vector());
    send(sim, 1, 2);
    const pkg = sim.wire.shift()!;
    expect(pkg.ops.map((o) => o.entity)).toEqual(['taskEvents']);
    deliver(sim, pkg);
    expect(sim.replicas[2].held.get(pkg.ops[0].id)?.status).toBe('pending');
    send(sim, 0, 2);
    deliver(sim, sim.wire.shift()!);
    expect(sim.replicas[2].ops.has(pkg.ops[0].id)).toBe(true);
    expect(sim.replicas[2].held.size).toBe(0);
  });
});
