/** Who may change the working calendar (days off, swapped days) shared by the whole authority. */
import type { Actor, SiteScope } from '../authority';
import { ALLOWED, refuse, type Decision } from '../decision';

export function canEditCalendar(actor: Actor, site: Pick<SiteScope, 'siteRole'> | null): Decision {
  if (actor.role !== 'admin') return refuse('Chỉ quản trị viên được điều chỉnh lịch làm việc.');
  if (!site) return refuse('Chưa thiết lập thông tin cơ quan.');
  if (site.siteRole !== 'coordinator') {
    return refuse('Lịch làm việc dùng chung cho cả cơ quan, do Văn phòng điều phối điều chỉnh; máy này nhận lịch qua đồng bộ.');
  }
  return ALLOWED;
}
