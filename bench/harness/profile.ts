/** Reads a V8 .cpuprofile (Node inspector or Chromium CDP) into "where the time went". */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotFrame {
  /** "functionName (file:line)". */
  frame: string;
  selfMs: number;
  share: number;
}

function shortUrl(url: string): string {
  if (!url) return '';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length).replace(/\?.*$/, '');
  const parts = url.replace(/\?.*$/, '').split('/');
  return parts.slice(-2).join('/');
}

/** Functions by self time, heaviest first (samples × their time deltas). */
export function hotFrames(profile: CpuProfile, limit = 8): { totalMs: number; frames: HotFrame[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    // Each delta is the time since the previous sample; charge it to the sample it ends at.
    const us = Math.max(0, deltas[i] ?? 0);
    if (!node) continue;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'}${f.url ? ` (${shortUrl(f.url)}:${f.lineNumber + 1})` : ''}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + us);
    total += us;
  }
  const frames = [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([frame, us]) => ({ frame, selfMs: us / 1000, share: total > 0 ? us / total : 0 }));
  return { totalMs: total / 1000, frames };
}

export function formatHotFrames(name: string, hot: { totalMs: number; frames: HotFrame[] }): string {
  const lines = [`  profile ${name}: ${Math.round(hot.totalMs)} ms sampled, self time:`];
  for (const f of hot.frames) lines.push(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.frame}`);
  return lines.join('\n');
}
