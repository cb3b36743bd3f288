import { describe, expect, it } from 'vitest';
import { makeConsultation, makeReply } from './fixtures';
import { openDisagreements, readinessOf } from './reconciliation';
import type { Reconciliation } from './model';

const names: Record<string, string> = { kt: 'Phòng Kinh tế', vhxh: 'Phòng Văn hóa - Xã hội', tc: 'Phòng Tài chính', ct: 'Công an xã' };
const name = (id: string) => names[id] ?? id;

describe('reconciliation gate', () => {
  const c = makeConsultation();
  const replies = [
    makeReply('kt', 'agree', '2026-04-24'),
    makeReply('vhxh', 'disagree', '2026-04-28', 'Không đồng ý phương án thu phí tham quan vì chưa có nghị quyết của Hội đồng nhân dân.'),
    makeReply('tc', 'agreeWithComments', '2026-05-05', 'Đề nghị bổ sung nguồn kinh phí từ xã hội hóa tại mục III.'),
  ];
  const settle: Reconciliation = { id: 'rc1', consultationId: 'c1', unitId: 'vhxh', meetingOn: '2026-05-07', participants: 'VP, Phòng VHXH', outcome: 'Bỏ phương án thu phí; giữ nguyên các nội dung khác.', recordedOn: '2026-05-07', recordedBy: 't' };

  it('refuses while a unit has not answered and the deadline has not passed', () => {
    const d = readinessOf(c, replies, [settle], '2026-05-05', name);
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.pendingUnitIds).toEqual(['ct']);
      expect(d.reason).toContain('Công an xã');
    }
  });

  it('refuses with the list of open disagreements, then allows once settled', () => {
    expect(openDisagreements(c, replies, [], '2026-05-06').map((o) => o.unitId)).toEqual(['vhxh']);
    const before = readinessOf(c, replies, [], '2026-05-06', name);
    expect(before.allowed).toBe(false);
    if (!before.allowed) {
      expect(before.reason).toContain('Phòng Văn hóa - Xã hội');
      expect(before.reason).toContain('không đồng ý chưa được thống nhất');
      expect(before.pendingUnitIds).toEqual([]);
    }
    expect(readinessOf(c, replies, [settle], '2026-05-07', name)).toEqual({ allowed: true });
  });

  it('a reconciliation recorded for another unit or another dossier does not count', () => {
    expect(readinessOf(c, replies, [{ ...settle, unitId: 'tc' }], '2026-05-07', name).allowed).toBe(false);
    expect(readinessOf(c, replies, [{ ...settle, consultationId: 'other' }], '2026-05-07', name).allowed).toBe(false);
  });

  it('a late disagreement does not block: the unit is deemed to agree', () => {
    const late = makeReply('ct', 'disagree', '2026-05-08', 'Không đồng ý bố trí lực lượng bảo vệ tại điểm du lịch vì thiếu biên chế.');
    expect(openDisagreements(c, [...replies, late], [settle], '2026-05-09')).toEqual([]);
  });

  it('cannot be marked twice', () => {
    expect(readinessOf({ ...c, readyOn: '2026-05-07' }, replies, [settle], '2026-05-08', name).allowed).toBe(false);
  });
});
