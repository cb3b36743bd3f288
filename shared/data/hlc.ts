/**
 * Hybrid logical clock (Kulkarni et al.): the version stamped on every write.
 * Serialised as a fixed-width string that sorts like the (millis, counter, node) tuple,
 * so it can be compared as a string and used in an index.
 */
import { AppError } from '../errors';

export interface HlcState {
  millis: number;
  counter: number;
  node: string;
}

export const MAX_COUNTER = 0xffff;
/** A remote clock further ahead than this is treated as a broken clock, not trusted. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

const MILLIS_WIDTH = 15;

export function formatHlc(state: HlcState): string {
  return `${state.millis.toString().padStart(MILLIS_WIDTH, '0')}-${state.counter.toString(16).padStart(4, '0')}-${state.node}`;
}

const HLC_RE = /^(\d{15})-([0-9a-f]{4})-(.+)$/;

export function parseHlc(value: string): HlcState {
  const m = HLC_RE.exec(value);
  if (!m) throw new AppError('invalid-input', `Dấu thời gian không hợp lệ: ${value.slice(0, 40)}`);
  return { millis: Number(m[1]), counter: parseInt(m[2], 16), node: m[3] };
}

export function isHlc(value: string): boolean {
  return HLC_RE.test(value);
}

export function initialHlc(node: string): HlcState {
  return { millis: 0, counter: 0, node };
}

/** Next local timestamp; never smaller than the last one, even when the wall clock goes back. */
export function tick(last: HlcState, now: number): HlcState {
  const wall = Math.max(0, Math.floor(now));
  if (wall > last.millis) return { millis: wall, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, node: last.node };
  return { millis: last.millis, counter: last.counter + 1, node: last.node };
}

/** Merge a remote timestamp into the local clock so later local writes sort after it. */
export function receive(last: HlcState, remote: HlcState, now: number): HlcState {
  const wall = Math.max(0, Math.floor(now));
  if (remote.millis - wall > MAX_DRIFT_MS) {
    throw new AppError('invalid-input', 'Đồng hồ của đơn vị gửi lệch quá xa so với máy này; gói dữ liệu không được áp dụng.');
  }
  const millis = Math.max(last.millis, remote.millis, wall);
  let counter: number;
  if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, node: last.node };
  return { millis, counter, node: last.node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
