import { describe, expect, it } from 'vitest';
import { DondocDb } from '../../data/db';
import { tableLabel } from './labels';

describe('table names in the backup and integrity screens', () => {
  it('every table of the current schema has a Vietnamese name (no raw table names on screen)', () => {
    const db = new DondocDb('labels-probe');
    const unnamed = db.tables.map((t) => t.name).filter((name) => tableLabel(name).startsWith('Bảng dữ liệu'));
    expect(unnamed).toEqual([]);
  });
});
