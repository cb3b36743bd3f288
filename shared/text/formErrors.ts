/**
 * Form problems shown all at once: beside their fields and in a summary at the top, each
 * message naming its field ("Trích yếu: chưa nhập.", "Ngày ban hành: Ngày 31/02/2026 không có
 * thật."). The forms check here first; the commands re-check everything with the same schemas.
 */
import { directiveInputSchema } from '../tasks/model';
import { consultationDraftSchema, upwardDraftSchema } from '../consultations/model';
import { unitInputSchema } from '../registries/units';
import { officialInputSchema } from '../registries/officials';
import { parseUserDate, userDateProblem } from './dates';

/** Problems by field key; the first problem of a field wins. */
export type FormErrors = Record<string, string>;

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);
}

function fold(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('vi-VN');
}

/**
 * "<Field>: <problem>." for a schema message: "Nhập trích yếu." → "Trích yếu: chưa nhập.",
 * "Tối đa 500 ký tự." → "Trích yếu: tối đa 500 ký tự."; a message that already starts with its
 * field is kept; one sentence, never glued with ".;".
 */
export function namedProblem(label: string, message: string): string {
  const m = message.trim().replace(/[.;]+$/, '');
  if (fold(m).startsWith(fold(label))) return `${m}.`;
  if (/^(Nhập|Nêu)\b/u.test(m) && fold(m).includes(fold(label))) return `${label}: chưa nhập.`;
  if (/^Chọn\b/u.test(m) && !/^Chọn ít nhất/u.test(m)) return `${label}: chưa chọn.`;
  return `${label}: ${lowerFirst(m)}.`;
}

/** The schema's issues as field-named problems, keyed by the issue's first path segment. */
export function schemaErrors(issues: readonly { message: string; path: readonly PropertyKey[] }[], labels: Readonly<Record<string, string>>): FormErrors {
  const out: FormErrors = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? '');
    if (out[key]) continue;
    const label = labels[key];
    out[key] = label ? namedProblem(label, i.message) : i.message;
  }
  return out;
}

/** Every problem in the order the form shows its fields (keys not listed last). */
export function errorLines(errors: FormErrors, order: readonly string[] = []): string[] {
  const keys = Object.keys(errors).sort((a, b) => rank(order, a) - rank(order, b));
  return keys.map((k) => errors[k]);
}
function rank(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

/** A typed date field: the ISO date, or the field-named problem; blank is null when optional. */
function dateField(errors: FormErrors, key: string, label: string, text: string, optional: boolean): string | null {
  if (optional && !text.trim()) return null;
  const iso = parseUserDate(text);
  if (!iso) errors[key] = userDateProblem(label, text) ?? `${label}: không hợp lệ.`;
  return iso;
}

// ─── Văn bản chỉ đạo ───────────────────────────────────────────────────────────────────

export const directiveFieldLabels: Record<string, string> = {
  kind: 'Loại văn bản',
  number: 'Số',
  symbol: 'Ký hiệu',
  issuedOn: 'Ngày ban hành',
  receivedOn: 'Ngày nhận',
  signerName: 'Người ký',
  issuerName: 'Cơ quan ban hành',
  subject: 'Trích yếu',
};
export const DIRECTIVE_FIELD_ORDER = Object.keys(directiveFieldLabels);

export interface DirectiveFormDraft {
  kind: string;
  number: string;
  symbol: string;
  issuedOn: string;
  receivedOn: string;
  issuerName: string;
  subject: string;
  signerName: string;
}

export function directiveFormErrors(d: DirectiveFormDraft): FormErrors {
  const errors: FormErrors = {};
  const issuedOn = dateField(errors, 'issuedOn', 'Ngày ban hành', d.issuedOn, false);
  const receivedOn = dateField(errors, 'receivedOn', 'Ngày nhận', d.receivedOn, true);
  if (issuedOn && receivedOn && receivedOn < issuedOn) errors.receivedOn = 'Ngày nhận: không được trước ngày ban hành.';
  const parsed = directiveInputSchema.safeParse({ ...d, issuedOn: issuedOn ?? '2000-01-01', receivedOn, issuerUnitId: null, attachments: [] });
  return { ...schemaErrors(parsed.error?.issues ?? [], directiveFieldLabels), ...errors };
}

// ─── Lấy ý kiến, trình cấp trên ────────────────────────────────────────────────────────

export const consultationFieldLabels: Record<string, string> = {
  subject: 'Trích yếu',
  dossierKind: 'Loại hồ sơ',
  dossierTitle: 'Tên hồ sơ, đề án, dự án',
  content: 'Nội dung cần xin ý kiến',
  requesterUnitId: 'Đơn vị lấy ý kiến',
  legalBasis: 'Căn cứ pháp lý',
  requestRef: 'Văn bản đề nghị góp ý',
  deadline: 'Hạn trả lời',
  consultedUnitIds: 'Đơn vị được lấy ý kiến',
};
export const CONSULTATION_FIELD_ORDER = Object.keys(consultationFieldLabels);

/** The consultation form's draft (the deadline as typed: a number of working days or a date). */
export interface ConsultationFormDraft {
  subject: string;
  dossierKind: string;
  dossierTitle: string;
  field: string | null;
  content: string;
  requesterUnitId: string | null;
  consultedUnitIds: string[];
  legalBasis: string;
  requestRef: string;
  mode: 'workingDays' | 'fixed';
  days: number;
  fixedText: string;
  requestedOn: string;
}

export function consultationFormErrors(d: ConsultationFormDraft): FormErrors {
  const errors: FormErrors = {};
  if (!d.requesterUnitId) errors.requesterUnitId = 'Đơn vị lấy ý kiến: tài khoản này không làm việc cho đơn vị nào nên không lấy ý kiến được.';
  let deadline: unknown = { kind: 'workingDays', days: d.days, from: d.requestedOn };
  if (d.mode === 'fixed') {
    const iso = dateField(errors, 'deadline', 'Hạn trả lời', d.fixedText, false);
    if (iso && iso <= d.requestedOn) errors.deadline = 'Hạn trả lời: phải sau ngày lấy ý kiến.';
    deadline = { kind: 'fixed', date: iso ?? d.requestedOn };
  } else if (!Number.isInteger(d.days) || d.days < 1 || d.days > 60) errors.deadline = 'Hạn trả lời: số ngày làm việc từ 1 đến 60.';
  const parsed = consultationDraftSchema.safeParse({ ...d, attachments: [], requesterUnitId: d.requesterUnitId ?? 'x', deadline, taskId: null });
  return { ...schemaErrors(parsed.error?.issues ?? [], consultationFieldLabels), ...errors };
}

export const upwardFieldLabels: Record<string, string> = {
  fromUnitId: 'Đơn vị đề nghị',
  subject: 'Trích yếu',
  content: 'Nội dung đề nghị',
  beyondAuthorityReason: 'Lý do vượt thẩm quyền',
  deadline: 'Thời hạn trả lời',
};
export const UPWARD_FIELD_ORDER = Object.keys(upwardFieldLabels);

export interface UpwardFormDraft {
  subject: string;
  content: string;
  fromUnitId: string | null;
  toUnitId: string;
  addressee: string;
  beyondAuthorityReason: string;
  days: number;
  requestedOn: string;
}

export function upwardFormErrors(d: UpwardFormDraft): FormErrors {
  const errors: FormErrors = {};
  if (!d.fromUnitId) errors.fromUnitId = 'Đơn vị đề nghị: tài khoản này không làm việc cho đơn vị nào nên không trình được.';
  if (!Number.isInteger(d.days) || d.days < 1 || d.days > 60) errors.deadline = 'Thời hạn trả lời: số ngày làm việc từ 1 đến 60.';
  const parsed = upwardDraftSchema.safeParse({
    ...d,
    fromUnitId: d.fromUnitId ?? 'x',
    attachments: [],
    deadline: { kind: 'workingDays', days: Number.isInteger(d.days) && d.days >= 1 ? d.days : 1, from: d.requestedOn },
    taskId: null,
  });
  return { ...schemaErrors(parsed.error?.issues ?? [], upwardFieldLabels), ...errors };
}

// ─── Danh mục: đơn vị, cán bộ ─────────────────────────────────────────────────────────

export const unitFieldLabels: Record<string, string> = {
  name: 'Tên đơn vị',
  shortName: 'Tên viết tắt',
  symbol: 'Ký hiệu văn bản',
  kind: 'Loại đơn vị',
  parentId: 'Đơn vị cấp trên',
  validFrom: 'Hiệu lực từ ngày',
  validTo: 'Hiệu lực đến ngày',
  order: 'Thứ tự',
  fields: 'Lĩnh vực phụ trách',
};
export const UNIT_FIELD_ORDER = Object.keys(unitFieldLabels);

export interface UnitFormDraft {
  name: string;
  shortName: string;
  kind: string;
  symbol: string;
  parentId: string | null;
  validFrom: string;
  validTo: string;
  order: number;
  fields: string[];
}

export function unitFormErrors(d: UnitFormDraft): FormErrors {
  const errors: FormErrors = {};
  const validFrom = dateField(errors, 'validFrom', 'Hiệu lực từ ngày', d.validFrom, false);
  const validTo = dateField(errors, 'validTo', 'Hiệu lực đến ngày', d.validTo, true);
  const parsed = unitInputSchema.safeParse({ ...d, symbol: d.symbol.toUpperCase(), validFrom: validFrom ?? '2000-01-01', validTo: validFrom ? validTo : null });
  return { ...schemaErrors(parsed.error?.issues ?? [], unitFieldLabels), ...errors };
}

export const officialFieldLabels: Record<string, string> = { fullName: 'Họ và tên', phone: 'Điện thoại', email: 'Email' };

export interface OfficialFormDraft {
  fullName: string;
  phone: string;
  email: string;
  active: boolean;
  posts: { unitId: string | null; title: string; from: string; to: string }[];
}

/** Keys: fullName, phone, email, and "posts.<i>.unitId|title|from|to" for the i-th post (0-based). */
export function officialFormErrors(d: OfficialFormDraft): FormErrors {
  const parsed = officialInputSchema.safeParse({ fullName: d.fullName, phone: d.phone, email: d.email, active: d.active });
  const errors: FormErrors = parsed.success ? {} : schemaErrors(parsed.error.issues, officialFieldLabels);
  d.posts.forEach((p, i) => {
    const label = `Chức vụ thứ ${i + 1}`;
    if (!p.unitId) errors[`posts.${i}.unitId`] = `${label} – đơn vị: chưa chọn.`;
    if (p.title.trim().length < 2) errors[`posts.${i}.title`] = `${label} – chức vụ: chưa nhập.`;
    else if (p.title.trim().length > 120) errors[`posts.${i}.title`] = `${label} – chức vụ: tối đa 120 ký tự.`;
    const from = parseUserDate(p.from);
    if (!from) errors[`posts.${i}.from`] = userDateProblem(`${label} – từ ngày`, p.from) ?? `${label} – từ ngày: không hợp lệ.`;
    const to = p.to.trim() ? parseUserDate(p.to) : null;
    if (p.to.trim() && !to) errors[`posts.${i}.to`] = userDateProblem(`${label} – đến ngày`, p.to) ?? `${label} – đến ngày: không hợp lệ.`;
    else if (from && to && to < from) errors[`posts.${i}.to`] = `${label} – đến ngày: phải sau ngày bắt đầu.`;
  });
  return errors;
}
