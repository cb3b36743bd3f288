/** Vietnamese names for what sync screens show about ops. */
import type { EntityName, Op } from '@shared/data/ops';
import { parseHlc } from '@shared/data/hlc';

export const entityLabels: Record<EntityName, string> = {
  settings: 'Cài đặt',
  units: 'Đơn vị',
  officials: 'Cán bộ',
  posts: 'Chức vụ cán bộ',
  calendarOverrides: 'Lịch làm việc',
  directives: 'Văn bản chỉ đạo',
  tasks: 'Nhiệm vụ',
  taskSteps: 'Bước thực hiện',
  taskEvents: 'Diễn biến nhiệm vụ',
  consultations: 'Phiếu lấy ý kiến',
  consultationReplies: 'Ý kiến trả lời',
  reconciliations: 'Kết quả thống nhất ý kiến',
  upwardRequests: 'Đề nghị lên cấp trên',
  upwardAnswers: 'Trả lời đề nghị',
  letters: 'Văn bản đi',
  registerEntries: 'Sổ văn bản đi',
  reports: 'Báo cáo',
  accountability: 'Trách nhiệm giải trình',
};

const fieldLabels: Record<string, string> = {
  title: 'tên',
  name: 'tên',
  fullName: 'họ và tên',
  content: 'nội dung',
  dueOn: 'hạn xử lý',
  deadline: 'thời hạn',
  leadUnitId: 'đơn vị chủ trì',
  supportUnitIds: 'đơn vị phối hợp',
  assignerUnitId: 'cơ quan giao',
  responsibleOfficialId: 'người chịu trách nhiệm',
  priority: 'mức độ ưu tiên',
  phone: 'số điện thoại',
  email: 'thư điện tử',
  active: 'trạng thái',
  unitId: 'đơn vị',
  parentId: 'đơn vị cấp trên',
  shortName: 'tên viết tắt',
  symbol: 'ký hiệu',
  _deleted: 'xóa',
  percent: 'tiến độ',
  type: 'loại',
  status: 'trạng thái',
  subject: 'trích yếu',
  number: 'số',
  isHead: 'thủ trưởng',
  kind: 'loại',
  validFrom: 'ngày hiệu lực',
  validTo: 'ngày hết hiệu lực',
  order: 'thứ tự',
  fields: 'lĩnh vực',
  officialId: 'cán bộ',
  from: 'từ ngày',
  to: 'đến ngày',
  planYear: 'năm kế hoạch',
  legalBasis: 'căn cứ',
  authorityLevel: 'thẩm quyền',
  assignedOn: 'ngày giao',
  directiveId: 'văn bản chỉ đạo',
};

export function fieldLabel(field: string): string {
  return fieldLabels[field] ?? 'trường khác';
}

const eventTypeLabels: Record<string, string> = {
  progress: 'báo cáo tiến độ',
  contribution: 'ý kiến phối hợp',
  extensionRequest: 'đề nghị gia hạn',
  extensionDecision: 'quyết định gia hạn',
  completion: 'báo cáo hoàn thành',
  reassignment: 'điều chỉnh đơn vị chủ trì',
  pause: 'tạm dừng',
  resume: 'tiếp tục',
  cancel: 'hủy nhiệm vụ',
  reopen: 'mở lại',
};

/** "Nhiệm vụ: hạn xử lý → 31/12/2026" style summary of what an op tried to change. */
export function describeChange(op: Pick<Op, 'entity' | 'kind' | 'values'>): string {
  if (op.entity === 'taskEvents' && typeof op.values.type === 'string') return `Thêm ${eventTypeLabels[op.values.type] ?? 'diễn biến'}`;
  const fields = [...new Set(Object.keys(op.values).map(fieldLabel))];
  const shown = fields.slice(0, 4).join(', ');
  const verb = op.kind === 'insert' ? 'Thêm mới' : 'Sửa';
  return `${verb}: ${shown}${fields.length > 4 ? '…' : ''}`;
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '(trống)';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
  }
  if (typeof value === 'number') return value.toLocaleString('vi-VN');
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  return JSON.stringify(value);
}

/** The wall-clock time inside an hlc ("hlc" or "hlc|site"), as an ISO string. */
export function hlcTime(version: string): string | null {
  try {
    const hlc = version.includes('|') ? version.slice(0, version.lastIndexOf('|')) : version;
    return new Date(parseHlc(hlc).millis).toISOString();
  } catch {
    return null;
  }
}

export function versionSite(version: string): string {
  return version.slice(version.lastIndexOf('|') + 1);
}
