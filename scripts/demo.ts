/**
 * npm run demo -- [small|large|<tasks>] [--seed N] [--today YYYY-MM-DD] [--out file.json]
 * Writes deterministic demo data (shared/demo/generator.ts) as JSON for benchmarks and tests.
 * The same arguments always give the same file; --today defaults to today in Vietnam.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isValidDate, todayInVietnam } from '../shared/calendar';
import { demoSizeFrom, generateDemoData } from '../shared/demo/generator';

export interface DemoArgs {
  size: string | undefined;
  seed: number;
  today: string;
  out: string | null;
}

export function parseDemoArgs(argv: readonly string[], now: Date): DemoArgs {
  const args: DemoArgs = { size: undefined, seed: 20250701, today: todayInVietnam(now), out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`Thiếu giá trị cho ${a}`);
      return v;
    };
    if (a === '--seed') {
      args.seed = Number(value());
      if (!Number.isInteger(args.seed)) throw new Error('--seed phải là số nguyên');
    } else if (a === '--today') {
      args.today = value();
      if (!isValidDate(args.today)) throw new Error('--today phải có dạng YYYY-MM-DD');
    } else if (a === '--out') args.out = value();
    else if (a.startsWith('--')) throw new Error(`Không hiểu tham số ${a}`);
    else args.size = a;
  }
  return args;
}

function main(): void {
  const args = parseDemoArgs(process.argv.slice(2), new Date());
  const size = demoSizeFrom(args.size);
  const started = Date.now();
  const data = generateDemoData({ seed: args.seed, today: args.today, ...size });
  const out = resolve(args.out ?? `demo-data-${size.tasks}.json`);
  writeFileSync(out, JSON.stringify(data));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `${out}: ${data.units.length} đơn vị, ${data.officials.length} cán bộ, ${data.directives.length} văn bản, ${data.tasks.length} nhiệm vụ, ${data.events.length} diễn biến (${data.events.filter((e) => e.type === 'progress').length} báo cáo tiến độ), ${data.steps.length} bước — ${seconds} giây`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
