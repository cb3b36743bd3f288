/** A two-panel line chart as SVG (package size; coordinator time), no dependencies. */
export interface ChartPoint {
  week: number;
  sizeMedianKb: number;
  sizeMaxKb: number;
  importMs: number;
  exportMs: number;
}

const W = 1000;
const PANEL_H = 260;
const M = { left: 70, right: 170, top: 50, gap: 60, bottom: 40 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function panel(points: ChartPoint[], top: number, title: string, unit: string, series: { label: string; color: string; value: (p: ChartPoint) => number }[]): string {
  const plotW = W - M.left - M.right;
  const maxWeek = Math.max(1, ...points.map((p) => p.week));
  const maxV = niceMax(Math.max(0, ...points.flatMap((p) => series.map((s) => s.value(p)))));
  const x = (week: number) => M.left + ((week - 1) / Math.max(1, maxWeek - 1)) * plotW;
  const y = (v: number) => top + PANEL_H - (v / maxV) * PANEL_H;
  const out: string[] = [];
  out.push(`<text x="${M.left}" y="${top - 12}" font-size="15" font-weight="bold">${esc(title)}</text>`);
  for (let i = 0; i <= 4; i++) {
    const v = (maxV * i) / 4;
    out.push(`<line x1="${M.left}" x2="${M.left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 8}" y="${y(v) + 4}" font-size="12" text-anchor="end">${v % 1 ? v.toFixed(1) : v.toFixed(0)}</text>`);
  }
  out.push(`<text x="16" y="${top + PANEL_H / 2}" font-size="12" transform="rotate(-90 16 ${top + PANEL_H / 2})" text-anchor="middle">${esc(unit)}</text>`);
  for (let w = 1; w <= maxWeek; w += Math.max(1, Math.round(maxWeek / 13))) {
    out.push(`<line x1="${x(w)}" x2="${x(w)}" y1="${top + PANEL_H}" y2="${top + PANEL_H + 4}" stroke="#555"/>`);
    out.push(`<text x="${x(w)}" y="${top + PANEL_H + 18}" font-size="12" text-anchor="middle">${w}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${top}" width="${plotW}" height="${PANEL_H}" fill="none" stroke="#555"/>`);
  series.forEach((s, i) => {
    const d = points.map((p) => `${x(p.week).toFixed(1)},${y(s.value(p)).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    const ly = top + 14 + i * 20;
    out.push(`<line x1="${W - M.right + 14}" x2="${W - M.right + 38}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="3"/>`);
    out.push(`<text x="${W - M.right + 44}" y="${ly + 4}" font-size="12">${esc(s.label)}</text>`);
  });
  return out.join('\n');
}

export function renderChart(points: ChartPoint[], title: string): string {
  const top1 = M.top + 20;
  const top2 = top1 + PANEL_H + M.gap;
  const H = top2 + PANEL_H + M.bottom + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Liberation Sans, DejaVu Sans, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${W / 2}" y="28" font-size="18" font-weight="bold" text-anchor="middle">${esc(title)}</text>
${panel(points, top1, 'Kích thước gói mỗi tuần', 'KB', [
  { label: 'trung vị', color: '#1f77b4', value: (p) => p.sizeMedianKb },
  { label: 'lớn nhất', color: '#d62728', value: (p) => p.sizeMaxKb },
])}
${panel(points, top2, 'Thời gian của Văn phòng điều phối mỗi tuần', 'ms', [
  { label: 'nhập gói', color: '#2ca02c', value: (p) => p.importMs },
  { label: 'xuất gói', color: '#ff7f0e', value: (p) => p.exportMs },
])}
<text x="${M.left + (W - M.left - M.right) / 2}" y="${H - 8}" font-size="12" text-anchor="middle">tuần</text>
</svg>
`;
}
