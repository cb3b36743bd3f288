/**
 * Figures for the .xlsx library decision (docs/decisions/xlsx-library.md): reading a 5,000-task
 * plan and a 1,048,576-row sheet with exceljs and with the fflate reader, each in a fresh
 * process, time and peak resident memory. `npx tsx --tsconfig tsconfig.node.json bench/xlsx/compare.ts`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { readWorkbook, writeWorkbook } from '../../electron/main/xlsx/workbook';
import { PLAN_COLUMNS, parsePlanRows } from '../../shared/tasks/planImport';

async function measure(kind: string, file: string): Promise<void> {
  const bytes = readFileSync(file);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const base = process.memoryUsage().rss;
  const t0 = performance.now();
  let outcome: string;
  try {
    if (kind === 'exceljs') {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      outcome = `rowCount ${wb.worksheets[0].rowCount}`;
    } else {
      const wb = await readWorkbook(bytes);
      const t1 = performance.now();
      const r = parsePlanRows(wb, { units: [{ id: 'pkt', name: 'Phòng Kinh tế', shortName: 'PKT', kind: 'department', symbol: 'KT', parentId: null, validFrom: '2025-01-01', validTo: null, order: 1, fields: [] }], officials: [], posts: [], assignerUnitId: 'pkt', assignerOfficialId: null, directiveId: null, planYear: 2027, assignedOn: '2027-01-05', defaultAuthorityLevel: 'unit' });
      outcome = `lastRow ${wb.sheets[0].lastRow}, parse ${(performance.now() - t1).toFixed(0)} ms, ${r.drafts.length} drafts, ${r.errors.length} errors`;
    }
  } catch (e) {
    outcome = `refused: ${(e as Error).message.slice(0, 60)}`;
  }
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(timer);
  console.log(`${kind.padEnd(8)} ${String(Math.round(ms)).padStart(6)} ms  +${Math.round((peak - base) / 1048576)} MB peak RSS  ${outcome}`);
}

async function main(): Promise<void> {
  if (process.argv[2]) return measure(process.argv[2], process.argv[3]);
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-bench-'));
  const plan = join(dir, 'plan-5000.xlsx');
  const rows = Array.from({ length: 5000 }, (_, i) => [i + 1, `Nhiệm vụ số ${i + 1}: rà soát, cập nhật danh mục thủ tục hành chính`, 'Công bố đầy đủ trên Cổng dịch vụ công', 'PKT', '', '', `${String(1 + (i % 28)).padStart(2, '0')}/06/2027`, '', 'Quan trọng', 'Kế hoạch 01/KH-UBND', '']);
  writeFileSync(plan, await writeWorkbook([{ name: 'Kế hoạch', columns: PLAN_COLUMNS, rows }]));
  // One cell on each of 1,048,576 rows: small compressed, large once parsed.
  const sheetRows: string[] = [];
  for (let r = 1; r <= 1_048_576; r++) sheetRows.push(`<row r="${r}"><c r="A${r}"><v>1</v></c></row>`);
  const tall = join(dir, 'tall.xlsx');
  writeFileSync(
    tall,
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
      '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
      'xl/workbook.xml': strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows.join('')}</sheetData></worksheet>`),
    }),
  );
  for (const [label, file] of [
    ['5,000-task plan', plan],
    ['1,048,576 one-cell rows', tall],
  ]) {
    console.log(`\n${label}: ${(readFileSync(file).length / 1024).toFixed(0)} KB`);
    for (const kind of ['exceljs', 'fflate']) {
      process.stdout.write(execFileSync(process.execPath, [...process.execArgv, process.argv[1], kind, file], { encoding: 'utf8' }));
    }
  }
}

void main();
