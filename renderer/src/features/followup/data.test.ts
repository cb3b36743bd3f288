/**
 * The follow-up centre on a real (fake-indexeddb) database: an extended overdue task carries the
 * leader who decided its extension into the công văn; a completion report its assigner leaves
 * unanswered past the set working days is listed under the assigner, and the công văn for it is
 * addressed to the assigner.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskDraft } from '@shared/tasks/model';
import { sampleIssuer } from '@shared/letters/__fixtures__/samples';
import { DondocDb } from '../../data/db';
import { withWrites, type WriteContext } from '../../data/repository';
import { completeTask, createTasks, decideExtension, requestExtension, type TaskActor } from '../tasks/data/commands';
import { draftUnitLetter, loadFollowUpCentre } from './data';

let clock = new Date('2026-03-02T02:00:00Z');
const ctx: WriteContext = { site: 'site-vp', actor: 'vanthu (Nông Thị Lan)', now: () => clock };
const setToday = (date: string) => {
  clock = new Date(`${date}T02:00:00Z`);
};
const clerk: TaskActor = { role: 'admin', unitId: 'vp', officialId: 'o-lan' };
const tyt: TaskActor = { role: 'unitStaff', unitId: 'tyt', officialId: null };
const pvh: TaskActor = { role: 'unitStaff', unitId: 'pvh', officialId: null };

const dbs: DondocDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function freshDb(): Promise<DondocDb> {
  const db = new DondocDb(`followup-${Math.random()}`);
  dbs.push(db);
  await withWrites(db, ctx, ['units', 'settings', 'officials', 'posts'], async (w) => {
    const unit = (id: string, name: string, parentId: string | null) =>
      w.set('units', id, { name, shortName: id.toUpperCase(), kind: 'department', symbol: '', parentId, validFrom: '2025-07-01', validTo: null, order: 0, fields: [] }, 'Thêm đơn vị', name);
    await unit('ubnd', 'Ủy ban nhân dân xã Hòa An', null);
    await unit('vp', 'Văn phòng HĐND và UBND', 'ubnd');
    await unit('pkt', 'Phòng Kinh tế', 'ubnd');
    await unit('pvh', 'Phòng Văn hóa - Xã hội', 'ubnd');
    await unit('tyt', 'Trạm Y tế', 'ubnd');
    await w.set('officials', 'o-vice', { fullName: 'Trần Thị Bình', active: true, phone: '', email: '' }, 'Thêm cán bộ', 'Trần Thị Bình');
    await w.set('posts', 'p-vice', { officialId: 'o-vice', unitId: 'ubnd', title: 'Phó Chủ tịch UBND xã', isHead: false, from: '2025-07-01', to: null }, 'Thêm chức vụ', 'x');
    await w.set('officials', 'o-kt', { fullName: 'Lò Văn Khánh', active: true, phone: '', email: '' }, 'Thêm cán bộ', 'Lò Văn Khánh');
    await w.set('posts', 'p-kt', { officialId: 'o-kt', unitId: 'pkt', title: 'Trưởng phòng Kinh tế', isHead: true, from: '2025-07-01', to: null }, 'Thêm chức vụ', 'x');
    await w.set(
      'settings',
      'organisation',
      { authorityName: 'Ủy ban nhân dân xã Hòa An', parentName: 'UBND tỉnh Cao Bằng', placeName: 'Hòa An', authoritySymbol: 'UBND', siteRole: 'coordinator', actsForUnitIds: ['ubnd', 'vp'], authorityUnitId: 'ubnd' },
      'Thiết lập ban đầu',
      'x',
    );
  });
  return db;
}

function draft(overrides: Partial<TaskDraft>): TaskDraft {
  return {
    title: 'Nhiệm vụ',
    content: '',
    directiveId: null,
    assignerUnitId: 'ubnd',
    assignerOfficialId: null,
    leadUnitId: 'pvh',
    supportUnitIds: [],
    responsibleOfficialId: null,
    deadline: { kind: 'fixed', date: '2026-03-13' },
    assignedOn: '2026-03-02',
    planYear: 2026,
    priority: 'normal',
    legalBasis: '',
    authorityLevel: 'commune',
    ...overrides,
  };
}

describe('follow-up centre', () => {
  it('addresses a late acceptance to the assigner and names the leader who decided an extension', async () => {
    const db = await freshDb();
    const [late, extended] = await createTasks(db, ctx, clerk, [
      draft({ title: 'Kiểm tra an toàn thực phẩm', assignerUnitId: 'pkt', assignerOfficialId: 'o-kt', leadUnitId: 'tyt', expectedProduct: 'Biên bản kiểm tra' }),
      draft({ title: 'Rà soát hộ nghèo', expectedProduct: 'Báo cáo gửi UBND xã' }),
    ]);
    setToday('2026-03-06');
    await completeTask(db, ctx, tyt, late, { resultText: 'Đã kiểm tra 12 cơ sở', completedOn: '2026-03-06', product: 'Biên bản kiểm tra', productNumber: '03/BB-TYT', productDate: '2026-03-06' });
    await requestExtension(db, ctx, pvh, extended, { reason: 'Chờ số liệu thôn', proposedDueOn: '2026-03-20' });
    await decideExtension(db, ctx, clerk, extended, { accepted: true, newDueOn: '2026-03-20', decidedByOfficialId: 'o-vice', decisionNumber: '45/UBND-VP', decisionDate: '2026-03-06' });

    // 5 working days to accept (the default): 06/03 → 13/03; on 23/03 both are late.
    const centre = await loadFollowUpCentre(db, '2026-03-23');
    const pkt = centre.groups.find((g) => g.unitId === 'pkt');
    expect(pkt).toMatchObject({ acceptanceLate: 1, overdue: 0 });
    expect(pkt!.entries[0]).toMatchObject({ taskId: late, kind: 'acceptanceLate', leadUnitId: 'tyt', addressedUnitId: 'pkt', dueOn: '2026-03-13', reportedOn: '2026-03-06' });
    expect(centre.groups.find((g) => g.unitId === 'tyt')).toBeUndefined();

    const toPkt = draftUnitLetter(centre, 'pkt', sampleIssuer, 'ubnd');
    expect(toPkt.letter.recipients).toEqual(['Phòng Kinh tế']);
    expect(toPkt.letter.subject).toBe('đôn đốc xác nhận hoàn thành nhiệm vụ');
    const rows = JSON.stringify(toPkt.letter.blocks);
    expect(rows).toContain('Kiểm tra an toàn thực phẩm (sản phẩm: Biên bản kiểm tra; sản phẩm đã báo cáo: Biên bản kiểm tra (số 03/BB-TYT ngày 06/03/2026))');
    expect(rows).toContain('Trạm Y tế đã báo cáo hoàn thành ngày 06/03/2026; chưa được xác nhận, quá thời hạn xác nhận');

    const toPvh = draftUnitLetter(centre, 'pvh', sampleIssuer, 'ubnd');
    expect(JSON.stringify(toPvh.letter.blocks)).toContain(
      'Quá hạn, chưa hoàn thành. Đã gia hạn đến 20/03/2026 theo quyết định của Trần Thị Bình, Phó Chủ tịch UBND xã (văn bản số 45/UBND-VP ngày 06/03/2026)',
    );
    expect(JSON.stringify(toPvh.letter.blocks)).toContain('Rà soát hộ nghèo (sản phẩm: Báo cáo gửi UBND xã)');
  });

  it('a completion waiting for the authority’s own acceptance is not urged by letter', async () => {
    const db = await freshDb();
    const [id] = await createTasks(db, ctx, clerk, [draft({ title: 'Tiêm chủng', leadUnitId: 'tyt' })]);
    setToday('2026-03-06');
    await completeTask(db, ctx, tyt, id, { resultText: 'Xong', completedOn: '2026-03-06', product: 'Báo cáo', productNumber: '1/BC', productDate: '2026-03-06' });
    const centre = await loadFollowUpCentre(db, '2026-03-23');
    expect(centre.groups).toEqual([]);
  });
});
