/**
 * Which backups to keep: the newest automatic backup of each of the last 7 days, 4 weeks and
 * 12 months (grandfather-father-son), plus the newest few of every other kind. Pure, so the
 * rule is tested on its own; days are counted in Vietnam time (UTC+7) whatever the PC's zone.
 */
export interface RotationEntry {
  fileName: string;
  createdAt: string;
  reason: string;
}

export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  /** Pre-migration, pre-restore and manual backups: the newest this many of each kind. */
  perOtherReason: number;
}

export const DEFAULT_ROTATION: RotationPolicy = {
  daily: 7,
  weekly: 4,
  monthly: 12,
  perOtherReason: 10,
};

const VN_OFFSET_MS = 7 * 3600_000;

/** YYYY-MM-DD in Vietnam. */
export function vnDay(iso: string): string {
  return new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO-8601 week key (e.g. 2025-W01) of a Vietnam calendar day. */
export function isoWeekKey(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - dow + 3); // Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function newestPerBucket(entries: RotationEntry[], bucket: (e: RotationEntry) => string, count: number): RotationEntry[] {
  const seen = new Set<string>();
  const kept: RotationEntry[] = [];
  for (const e of entries) {
    const key = bucket(e);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(e);
    if (kept.length === count) break;
  }
  return kept;
}

export function planRotation<E extends RotationEntry>(entries: readonly E[], policy: RotationPolicy = DEFAULT_ROTATION): { keep: E[]; remove: E[] } {
  const valid = entries.filter((e) => Number.isFinite(Date.parse(e.createdAt)));
  // Newest first; the file name breaks ties so the plan does not depend on input order.
  const sorted = [...valid].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.fileName < b.fileName ? 1 : a.fileName > b.fileName ? -1 : 0),
  );
  const keep = new Set<RotationEntry>();
  const daily = sorted.filter((e) => e.reason === 'daily');
  for (const e of newestPerBucket(daily, (x) => vnDay(x.createdAt), policy.daily)) keep.add(e);
  for (const e of newestPerBucket(daily, (x) => isoWeekKey(vnDay(x.createdAt)), policy.weekly)) keep.add(e);
  for (const e of newestPerBucket(daily, (x) => vnDay(x.createdAt).slice(0, 7), policy.monthly)) keep.add(e);
  const others = new Map<string, RotationEntry[]>();
  for (const e of sorted) {
    if (e.reason === 'daily') continue;
    const list = others.get(e.reason) ?? [];
    list.push(e);
    others.set(e.reason, list);
  }
  for (const list of others.values()) for (const e of list.slice(0, policy.perOtherReason)) keep.add(e);
  // An entry whose date cannot be read is never deleted: a person should look at it.
  return {
    keep: entries.filter((e) => keep.has(e) || !valid.includes(e)),
    remove: sorted.filter((e) => !keep.has(e)) as E[],
  };
}
