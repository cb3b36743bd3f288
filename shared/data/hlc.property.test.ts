import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, initialHlc, parseHlc, receive, tick, type HlcState } from './hlc';

const RUNS = { numRuns: 300 };
const nodeArb = fc.stringMatching(/^[0-9a-f]{8}$/);

describe('hybrid logical clock', () => {
  it('never produces a smaller timestamp, even when the wall clock goes backwards', () => {
    fc.assert(
      fc.property(nodeArb, fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 200 }), (node, walls) => {
        let state = initialHlc(node);
        let last = formatHlc(state);
        for (const wall of walls) {
          state = tick(state, wall);
          const next = formatHlc(state);
          expect(next > last).toBe(true);
          last = next;
        }
      }),
      RUNS,
    );
  });

  it('after receiving a remote timestamp, the next local one sorts after it (causality)', () => {
    fc.assert(
      fc.property(
        nodeArb,
        nodeArb,
        fc.integer({ min: 0, max: 2_000_000_000_000 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 2_000_000_000_000 }),
        (a, b, remoteMillis, remoteCounter, wall) => {
          const remote: HlcState = { millis: remoteMillis, counter: remoteCounter, node: b };
          const now = Math.max(wall, remoteMillis - 1000);
          const merged = receive(initialHlc(a), remote, now);
          const next = tick(merged, now);
          expect(merged.millis > remote.millis || (merged.millis === remote.millis && merged.counter > remote.counter)).toBe(true);
          expect(formatHlc(next).slice(0, 20) > formatHlc(remote).slice(0, 20)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('sorts as a string exactly like the (millis, counter) tuple, and round-trips', () => {
    const stateArb = fc.record({ millis: fc.integer({ min: 0, max: 9_000_000_000_000 }), counter: fc.integer({ min: 0, max: 0xffff }), node: nodeArb });
    fc.assert(
      fc.property(stateArb, stateArb, (x, y) => {
        expect(parseHlc(formatHlc(x))).toEqual(x);
        const tuple = x.millis - y.millis || x.counter - y.counter || (x.node < y.node ? -1 : x.node > y.node ? 1 : 0);
        const str = formatHlc(x) < formatHlc(y) ? -1 : formatHlc(x) > formatHlc(y) ? 1 : 0;
        expect(Math.sign(str)).toBe(Math.sign(tuple));
      }),
      RUNS,
    );
  });

  it('refuses a remote clock far in the future with a Vietnamese message', () => {
    expect(() => receive(initialHlc('aaaa0000'), { millis: 10 ** 13, counter: 0, node: 'b' }, 1_000)).toThrow(/Đồng hồ/);
  });

  it('rejects a malformed timestamp with a typed error', () => {
    expect(() => parseHlc('abc')).toThrow(/Dấu thời gian không hợp lệ/);
  });
});
