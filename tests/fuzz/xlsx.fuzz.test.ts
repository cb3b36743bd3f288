/** Input surface: registry .xlsx import — readWorkbook (main) and parseUnitRows/parseOfficialRows (shared). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readWorkbook, writeWorkbook } from '../../electron/main/xlsx/workbook';
import { OFFICIAL_COLUMNS, UNIT_COLUMNS, parseOfficialRows, parseUnitRows } from '@shared/registries/xlsxImport';
import { importWorkbookSchema } from '@shared/xlsx/sheets';
import { workbookOf } from '@shared/xlsx/table';
import type { Unit } from '@shared/registries/units';
import { applyMutations, expectSafe, mutationArb, VIETNAMESE } from './mutate';

const header = (cols: readonly { header: string }[]) => cols.map((c) => c.header);
const cell = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', 'UBND', '01/07/2025', '31/02/2025', 'x', 'Cơ quan chuyên môn / Phòng', 'Thôn, tổ dân phố', '-1', '3', 'Giáo dục; Y tế'));
const rowsArb = (cols: readonly { header: string }[]) =>
  fc.tuple(fc.boolean(), fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 40 })).map(([withHeader, rows]) => (withHeader ? [header(cols), ...rows] : rows));

const existing: Unit[] = [
  {
    id: 'u-root',
    name: 'Ủy ban nhân dân xã Hòa An',
    shortName: 'UBND',
    kind: 'authority',
    symbol: 'UBND',
    parentId: null,
    validFrom: '2025-07-01',
    validTo: null,
    order: 0,
    fields: [],
  } as unknown as Unit,
];

let counter = 0;
const newId = () => `id-${counter++}`;

describe('fuzz: xlsx import', () => {
  it('parseUnitRows never throws; every refused row has a Vietnamese reason and a row number in range', () => {
    fc.assert(
      fc.property(rowsArb(UNIT_COLUMNS), (rows) => {
        const r = parseUnitRows(workbookOf(rows), existing, newId);
        for (const e of r.errors) {
          expect(e.reason).toMatch(VIETNAMESE);
          expect(e.row).toBeGreaterThanOrEqual(1);
          expect(e.row).toBeLessThanOrEqual(rows.length + 1);
        }
        // All or nothing: a file with any error imports no unit.
        if (r.errors.length > 0) expect(r.units).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('parseOfficialRows never throws; every refused row has a Vietnamese reason', () => {
    fc.assert(
      fc.property(rowsArb(OFFICIAL_COLUMNS), (rows) => {
        const r = parseOfficialRows(workbookOf(rows), existing, newId);
        for (const e of r.errors) expect(e.reason).toMatch(VIETNAMESE);
        if (r.errors.length > 0) expect(r.officials).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('readWorkbook refuses random bytes with a Vietnamese AppError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([Buffer.from('PK\x03\x04'), b]))), async (bytes) => {
        const r = await expectSafe(() => readWorkbook(Buffer.from(bytes)));
        expect(r.ok).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('readWorkbook on a mutated real workbook returns well-formed sheets or a Vietnamese AppError, and parsing its rows never throws', async () => {
    const valid = await writeWorkbook([
      {
        name: 'Đơn vị',
        columns: [...UNIT_COLUMNS],
        rows: [
          ['Phòng Văn hóa - Xã hội', 'VHXH', 'Cơ quan chuyên môn / Phòng', 'VHXH', 'UBND', '01/07/2025', '', 3, 'Giáo dục; Y tế'],
          ['Thôn Nà Pò', 'NAPO', 'Thôn, tổ dân phố', '', 'UBND', '01/07/2025', '', 9, ''],
        ],
      },
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const r = await expectSafe(() => readWorkbook(applyMutations(valid, mutations)));
        if (r.ok) {
          expect(importWorkbookSchema.safeParse(r.value).success).toBe(true);
          parseUnitRows(r.value, existing, newId);
        }
      }),
      { numRuns: 120 },
    );
  });
});
