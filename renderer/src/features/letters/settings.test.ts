import { describe, expect, it } from 'vitest';
import { LETTERHEAD_SETTINGS_ID } from '@shared/letters/letterhead';
import { DondocDb } from '../../data/db';
import type { WriteContext } from '../../data/repository';
import { completeSetup } from '../registries/commands';
import { loadLetterhead, saveLetterhead } from './settings';

const ctx: WriteContext = { site: 'site-1', actor: 'lan.vt (Nông Thị Lan)' };

async function setUp(): Promise<DondocDb> {
  const db = new DondocDb(`lh-${Math.random()}`);
  await completeSetup(db, ctx, {
    authorityName: 'Ủy ban nhân dân xã Hòa An',
    parentName: 'Ủy ban nhân dân tỉnh Cao Bằng',
    placeName: 'Cao Bằng',
    authoritySymbol: 'UBND',
    siteRole: 'coordinator',
    office: { name: 'Văn phòng HĐND và UBND', shortName: 'VP', symbol: 'VP' },
    today: '2026-05-05',
  });
  return db;
}

describe('letterhead settings storage', () => {
  it('derives unsaved defaults from setup, then stores what an administrator saves, with an audit entry', async () => {
    const db = await setUp();
    const first = await loadLetterhead(db);
    expect(first?.saved).toBe(false);
    expect(first?.settings.offices).toEqual([{ symbol: 'VP', name: 'Văn phòng HĐND và UBND' }]);
    expect(first?.settings.issuerUnitId).toBe(first?.org.authorityUnitId);
    const input = {
      ...first!.settings,
      signers: [{ id: 's1', name: 'Nông Văn Bình', title: 'Chủ tịch', authority: 'TM' as const, authorityLine: 'Ủy ban nhân dân', deputyFor: '' }],
      defaultSignerId: 's1',
      margins: { top: 25, bottom: 20, left: 35, right: 20 },
    };
    await saveLetterhead(db, ctx, { role: 'admin', unitId: null }, input);
    const after = await loadLetterhead(db);
    expect(after?.saved).toBe(true);
    expect(after?.settings.margins).toEqual({ top: 25, bottom: 20, left: 35, right: 20 });
    expect(after?.settings.signers[0].name).toBe('Nông Văn Bình');
    const audit = await db.audit.where('[entity+rowId]').equals(['settings', LETTERHEAD_SETTINGS_ID]).toArray();
    expect(audit.map((a) => a.action)).toEqual(['Cập nhật thể thức văn bản']);
  });

  it('refuses non-administrators and invalid settings', async () => {
    const db = await setUp();
    const s = (await loadLetterhead(db))!.settings;
    await expect(saveLetterhead(db, ctx, { role: 'unitStaff', unitId: null }, s)).rejects.toThrow('Chỉ quản trị viên');
    await expect(saveLetterhead(db, ctx, { role: 'admin', unitId: null }, { ...s, margins: { ...s.margins, left: 40 } })).rejects.toMatchObject({ code: 'invalid-input' });
    expect((await loadLetterhead(db))?.saved).toBe(false);
  });
});
