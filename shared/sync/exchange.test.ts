import { describe, expect, it } from 'vitest';
import { isLoopbackHttpUrl, isPackageName, isTemporaryName, outboxToClean, planImports, settleIncomplete, shouldWriteExport, type InboxEntry, type PackageEntry } from './exchange';

const h = (n: number) => n.toString(16).padStart(64, '0');
const pkg = (name: string, from: string, seq: number, hash = h(seq * 1000 + from.charCodeAt(from.length - 1)), to = 'vp-tinh'): PackageEntry => ({
  name,
  kind: 'package',
  size: 100,
  packageHash: hash,
  from,
  to,
  seq,
  opCount: 1,
});

describe('exchange folder names', () => {
  it('treats files still being written as temporary, whatever wrote them', () => {
    for (const name of ['.syncthing.goi-1.dondoc.tmp', '~syncthing~goi-1.dondoc.tmp', '.goi-1.dondoc.a1b2c3.tmp', 'goi-1.dondoc.part', 'goi.dondoc.crdownload', '.hidden.dondoc']) {
      expect(isTemporaryName(name), name).toBe(true);
      expect(isPackageName(name), name).toBe(false);
    }
    expect(isPackageName('dondoc-xa-a-gui-vp-so-000001-2026-05-04.dondoc')).toBe(true);
    expect(isPackageName('GOI.DONDOC')).toBe(true);
    expect(isPackageName('ghi-chu.txt')).toBe(false);
  });
});

describe('planImports', () => {
  it('orders each sender’s packages by seq even when they arrived out of order, senders apart', () => {
    const entries: InboxEntry[] = [pkg('z.dondoc', 'xa-a', 3), pkg('a.dondoc', 'xa-a', 1), pkg('m.dondoc', 'xa-b', 2), pkg('b.dondoc', 'xa-a', 2), pkg('c.dondoc', 'xa-b', 1)];
    const plan = planImports(entries, () => false);
    expect(plan.toImport.map((p) => `${p.from}#${p.seq}`)).toEqual(['xa-a#1', 'xa-a#2', 'xa-a#3', 'xa-b#1', 'xa-b#2']);
    expect(plan.duplicates).toEqual([]);
  });

  it('imports a package once: the same content under two names, and content imported before, are duplicates', () => {
    const one = pkg('goi-1.dondoc', 'xa-a', 1);
    const copy = { ...one, name: 'goi-1 (copy).dondoc' };
    const old = pkg('goi-0.dondoc', 'xa-a', 0, h(42));
    const plan = planImports([copy, one, old], (hash) => hash === h(42));
    expect(plan.toImport.map((p) => p.name)).toEqual(['goi-1 (copy).dondoc']);
    expect(plan.duplicates.map((p) => p.name).sort()).toEqual(['goi-0.dondoc', 'goi-1.dondoc']);
  });

  it('does not wait for a missing seq (every package carries all unacknowledged ops)', () => {
    const plan = planImports([pkg('5.dondoc', 'xa-a', 5), pkg('3.dondoc', 'xa-a', 3)], () => false);
    expect(plan.toImport.map((p) => p.seq)).toEqual([3, 5]);
  });

  it('never plans partial, untrusted or refused files', () => {
    const entries: InboxEntry[] = [
      {
        name: 'p.dondoc',
        kind: 'incomplete',
        size: 10,
        digest: 'd',
        reason: 'cụt',
      },
      {
        name: 'u.dondoc',
        kind: 'untrusted',
        size: 10,
        from: 'la',
        reason: 'chưa tin cậy',
      },
      { name: 'b.dondoc', kind: 'bad', size: 10, reason: 'chữ ký sai' },
      pkg('ok.dondoc', 'xa-a', 1),
    ];
    expect(planImports(entries, () => false).toImport.map((p) => p.name)).toEqual(['ok.dondoc']);
  });
});

describe('settleIncomplete', () => {
  const policy = { minScans: 3, minMs: 60_000 };
  const partial = (digest: string): InboxEntry => ({
    name: 'p.dondoc',
    kind: 'incomplete',
    size: 10,
    digest,
    reason: 'Gói dữ liệu bị cắt cụt',
  });

  it('leaves a partial file for later scans, and gives up only when it stayed the same long enough', () => {
    let s = settleIncomplete({}, [partial('a')], 0, policy);
    expect(s.giveUp).toEqual([]);
    s = settleIncomplete(s.next, [partial('a')], 30_000, policy);
    expect(s.giveUp).toEqual([]);
    // Third scan but not yet a minute: still waiting.
    s = settleIncomplete(s.next, [partial('a')], 50_000, policy);
    expect(s.giveUp).toEqual([]);
    s = settleIncomplete(s.next, [partial('a')], 61_000, policy);
    expect(s.giveUp).toEqual([{ name: 'p.dondoc', reason: 'Gói dữ liệu bị cắt cụt' }]);
    expect(s.next).toEqual({});
  });

  it('a file that grew between scans starts its wait again; one that disappeared is forgotten', () => {
    let s = settleIncomplete({}, [partial('a')], 0, policy);
    s = settleIncomplete(s.next, [partial('a')], 40_000, policy);
    s = settleIncomplete(s.next, [partial('b')], 90_000, policy);
    expect(s.giveUp).toEqual([]);
    expect(s.next['p.dondoc']).toEqual({
      digest: 'b',
      firstSeenAt: 90_000,
      scans: 1,
    });
    expect(settleIncomplete(s.next, [], 200_000, policy).next).toEqual({});
  });
});

describe('outboxToClean', () => {
  const e = (seq: number) => ({
    name: `${seq}.dondoc`,
    packageHash: h(seq),
    seq,
  });

  it('removes acknowledged packages but always keeps the newest, which carries the latest acknowledgement', () => {
    const all = [e(1), e(2), e(3)];
    expect(outboxToClean(all, new Set([h(1), h(2), h(3)])).map((x) => x.seq)).toEqual([1, 2]);
    expect(outboxToClean(all, new Set([h(2)])).map((x) => x.seq)).toEqual([2]);
    expect(outboxToClean(all, new Set()).map((x) => x.seq)).toEqual([]);
    expect(outboxToClean([], new Set([h(1)]))).toEqual([]);
  });
});

describe('shouldWriteExport', () => {
  it('skips a package identical to the last one still waiting in the outbox', () => {
    expect(shouldWriteExport('x', null)).toBe(true);
    expect(shouldWriteExport('x', { digest: 'x', present: true })).toBe(false);
    expect(shouldWriteExport('x', { digest: 'x', present: false })).toBe(true);
    expect(shouldWriteExport('y', { digest: 'x', present: true })).toBe(true);
  });
});

describe('Syncthing address', () => {
  it('accepts only the loopback API, without credentials or paths', () => {
    expect(isLoopbackHttpUrl('http://127.0.0.1:8384')).toBe(true);
    expect(isLoopbackHttpUrl('https://localhost:8384/')).toBe(true);
    expect(isLoopbackHttpUrl('http://192.168.1.5:8384')).toBe(false);
    expect(isLoopbackHttpUrl('http://user:pw@127.0.0.1:8384')).toBe(false);
    expect(isLoopbackHttpUrl('http://127.0.0.1:8384/rest')).toBe(false);
    expect(isLoopbackHttpUrl('file:///etc/passwd')).toBe(false);
    expect(isLoopbackHttpUrl('không phải địa chỉ')).toBe(false);
  });
});
