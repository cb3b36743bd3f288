/**
 * Deterministic demo data ("Nạp dữ liệu mẫu", benchmarks, tests): a province under today's
 * two-tier local government (UBND tỉnh, its Sở and its communes/wards, each commune with its
 * offices, public-service units and villages), officials (some holding two posts), directives
 * with realistic subjects, and tasks over several years with progress, contributions,
 * extensions, lateness, pauses, reassignments and cancellations. Pure and seeded: the same
 * options always give the same rows, byte for byte.
 */
import { addDays, addWorkingDays, daysBetween, resolveDeadline, workingDayOnOrAfter, type DeadlineRule } from '../calendar';
import type { UnitInput } from '../registries/units';
import type { OfficialInput, Post } from '../registries/officials';
import type { Directive, DirectiveKind, Task, TaskEventRecord, TaskStep } from '../tasks/model';
import { createRng, type Rng } from './prng';

export interface DemoOptions {
  seed: number;
  /** The "today" the history leads up to (YYYY-MM-DD); nothing is dated after it. */
  today: string;
  tasks: number;
  /** Exact number of progress reports spread over the tasks. */
  progressReports: number;
  /** Communes/wards under the province (max 30). */
  communes?: number;
  /** Years of history before today. */
  years?: number;
}

export const DEMO_SIZES = {
  small: { tasks: 5_000, progressReports: 20_000, communes: 20, years: 3 },
  large: { tasks: 50_000, progressReports: 200_000, communes: 30, years: 4 },
} as const;
export type DemoSize = keyof typeof DEMO_SIZES;

export type DemoUnit = UnitInput & { id: string };
export type DemoOfficial = OfficialInput & { id: string };
export type DemoEvent = TaskEventRecord & { id: string };

export interface DemoData {
  format: 'dondoc-demo';
  version: 1;
  options: Required<DemoOptions>;
  /** The province's People's Committee (root of the tree). */
  rootUnitId: string;
  /** Văn phòng UBND tỉnh: the coordinating office. */
  coordinatorUnitId: string;
  units: DemoUnit[];
  officials: DemoOfficial[];
  posts: Post[];
  directives: Directive[];
  tasks: Task[];
  steps: TaskStep[];
  /** Per task in chronological order; write them in array order so versions follow time. */
  events: DemoEvent[];
}

export const DEMO_ACTOR = 'demo (Dữ liệu mẫu)';

// ─── Vocabulary ────────────────────────────────────────────────────────────────────────

const DEPARTMENTS: [string, string, string][] = [
  ['Sở Nội vụ', 'SNV', 'Sở NV'],
  ['Sở Tài chính', 'STC', 'Sở TC'],
  ['Sở Tư pháp', 'STP', 'Sở TP'],
  ['Sở Xây dựng', 'SXD', 'Sở XD'],
  ['Sở Nông nghiệp và Môi trường', 'SNNMT', 'Sở NN&MT'],
  ['Sở Khoa học và Công nghệ', 'SKHCN', 'Sở KH&CN'],
  ['Sở Giáo dục và Đào tạo', 'SGDĐT', 'Sở GD&ĐT'],
  ['Sở Y tế', 'SYT', 'Sở YT'],
  ['Sở Văn hóa, Thể thao và Du lịch', 'SVHTTDL', 'Sở VHTT&DL'],
  ['Sở Công Thương', 'SCT', 'Sở CT'],
  ['Sở Dân tộc và Tôn giáo', 'SDTTG', 'Sở DT&TG'],
  ['Thanh tra tỉnh', 'TTR', 'Thanh tra'],
  ['Ban Quản lý Khu kinh tế tỉnh', 'BQLKKT', 'BQL KKT'],
];

const COMMUNES: [string, boolean][] = [
  ['Thục Phán', true],
  ['Nùng Trí Cao', true],
  ['Tân Giang', true],
  ['Hòa An', false],
  ['Nguyễn Huệ', false],
  ['Bạch Đằng', false],
  ['Nam Tuấn', false],
  ['Trùng Khánh', false],
  ['Đàm Thủy', false],
  ['Quảng Uyên', false],
  ['Hạ Lang', false],
  ['Thạch An', false],
  ['Đông Khê', false],
  ['Nguyên Bình', false],
  ['Tĩnh Túc', false],
  ['Bảo Lạc', false],
  ['Bảo Lâm', false],
  ['Hà Quảng', false],
  ['Trà Lĩnh', false],
  ['Thông Nông', false],
  ['Phục Hòa', false],
  ['Hòa Thuận', false],
  ['Minh Khai', false],
  ['Canh Tân', false],
  ['Xuân Trường', false],
  ['Lý Bôn', false],
  ['Quang Trung', false],
  ['Đức Long', false],
  ['Minh Tâm', false],
  ['Kim Đồng', false],
];

const VILLAGE_NAMES = ['Nà Rụa', 'Pác Bó', 'Nà Mò', 'Bản Giới', 'Nà Lẹng', 'Khuổi Khon', 'Cốc Lùng', 'Lũng Rẩu', 'Nà Vài', 'Bó Mạ', 'Pò Tấu', 'Nặm Trà', 'Phja Đén', 'Kéo Cà', 'Bản Chang'];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Hoàng', 'Nông', 'Đàm', 'Lương', 'Bế', 'Hà', 'Lục', 'Vi', 'Đinh', 'Phạm', 'Triệu', 'Lăng', 'Mạc', 'Ngôn', 'Hứa'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Xuân', 'Ngọc'];
const MIDDLE_F = ['Thị', 'Thu', 'Hồng', 'Thanh', 'Minh', 'Ngọc', 'Kim'];
const GIVEN_M = ['Hùng', 'Tuấn', 'Dũng', 'Sơn', 'Hải', 'Cường', 'Thắng', 'Long', 'Phúc', 'Trung', 'Khánh', 'Quý', 'Bình', 'Đông', 'Tiến'];
const GIVEN_F = ['Lan', 'Hoa', 'Hương', 'Thảo', 'Phương', 'Hằng', 'Nga', 'Yến', 'Mai', 'Liên', 'Huyền', 'Duyên', 'Oanh', 'Chi'];

const TOPICS = [
  'chuyển đổi số',
  'cải cách hành chính',
  'phòng, chống thiên tai và tìm kiếm cứu nạn',
  'xóa nhà tạm, nhà dột nát',
  'giải ngân vốn đầu tư công',
  'Đề án 06 về phát triển ứng dụng dữ liệu dân cư',
  'giảm nghèo bền vững',
  'xây dựng nông thôn mới',
  'phòng cháy, chữa cháy',
  'bảo đảm trật tự an toàn giao thông',
  'quản lý đất đai',
  'bảo vệ môi trường',
  'phát triển du lịch cộng đồng',
  'phòng, chống dịch bệnh',
  'tuyển sinh đầu cấp',
  'thu ngân sách nhà nước',
  'kỷ luật, kỷ cương hành chính',
  'tiếp công dân, giải quyết khiếu nại, tố cáo',
  'an toàn thực phẩm',
  'chấn chỉnh tình trạng đùn đẩy, né tránh trách nhiệm',
  'bảo hiểm xã hội, bảo hiểm y tế toàn dân',
  'quản lý, bảo vệ rừng',
];

const TASK_VERBS = [
  'Xây dựng kế hoạch triển khai',
  'Báo cáo kết quả thực hiện',
  'Rà soát, tổng hợp số liệu về',
  'Tham mưu văn bản chỉ đạo về',
  'Kiểm tra, đôn đốc việc thực hiện',
  'Tổ chức tuyên truyền về',
  'Hướng dẫn các đơn vị triển khai',
  'Đề xuất giải pháp tháo gỡ vướng mắc trong',
  'Đánh giá tình hình',
  'Xây dựng dự thảo quy chế phối hợp về',
];

const STEP_TITLES = ['Dự thảo văn bản', 'Lấy ý kiến các đơn vị liên quan', 'Trình lãnh đạo xem xét', 'Hoàn thiện, ban hành'];

const PROGRESS_TEXTS = [
  'Đã xây dựng dự thảo, đang lấy ý kiến các đơn vị phối hợp.',
  'Đã tổ chức họp triển khai, phân công cán bộ theo dõi.',
  'Đang tổng hợp số liệu từ các thôn, tổ dân phố.',
  'Đã hoàn thành khảo sát thực tế tại cơ sở.',
  'Đang hoàn thiện báo cáo trình lãnh đạo xem xét.',
  'Đã gửi văn bản đề nghị các đơn vị cung cấp thông tin.',
  'Tiến độ chậm do chờ ý kiến của đơn vị phối hợp.',
];

const EXTENSION_REASONS = [
  'Chờ số liệu của các đơn vị phối hợp.',
  'Nội dung phức tạp, cần thêm thời gian khảo sát thực tế.',
  'Ảnh hưởng của mưa lũ, chưa thể tổ chức kiểm tra tại cơ sở.',
  'Chờ hướng dẫn của cơ quan cấp trên.',
];

// ─── Helpers ───────────────────────────────────────────────────────────────────────────

const EXPECTED_PRODUCTS = ['Báo cáo kết quả gửi UBND', 'Kế hoạch triển khai được ban hành', 'Quyết định ban hành', 'Tờ trình kèm dự thảo văn bản', 'Danh sách rà soát, cập nhật'] as const;

function personName(rng: Rng): { name: string } {
  const female = rng.chance(0.45);
  const name = `${rng.pick(FAMILY)} ${rng.pick(female ? MIDDLE_F : MIDDLE_M)} ${rng.pick(female ? GIVEN_F : GIVEN_M)}`;
  return { name };
}

function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

interface Authority {
  unitId: string;
  name: string;
  /** Chair first, then vice chairs. */
  leaders: string[];
  /** Units it assigns tasks to. */
  assignees: string[];
  level: 'province' | 'commune';
  symbolPrefix: string;
}

// ─── Generator ─────────────────────────────────────────────────────────────────────────

export function generateDemoData(options: DemoOptions): DemoData {
  const opts: Required<DemoOptions> = { communes: 20, years: 3, ...options };
  const rng = createRng(opts.seed);
  // Products and acceptance draw from their own stream, so the rest of the data is what the seed always gave.
  const rng5 = createRng(opts.seed ^ 0x5a5a5a5);
  const id = () => rng.uuid();
  const foundedOn = '2025-07-01';
  const historyStart = addDays(opts.today, -Math.round(opts.years * 365));
  // Units must exist for the whole history shown, even if the two-tier reform dates them later.
  const validFrom = historyStart < foundedOn ? historyStart : foundedOn;

  const units: DemoUnit[] = [];
  const officials: DemoOfficial[] = [];
  const posts: Post[] = [];
  const headOf = new Map<string, string>();
  const staffOf = new Map<string, string[]>();

  const addUnit = (u: Omit<DemoUnit, 'id' | 'validFrom' | 'validTo' | 'fields'> & { fields?: string[] }): string => {
    const unitId = id();
    units.push({ id: unitId, validFrom, validTo: null, fields: [], ...u });
    return unitId;
  };
  const addOfficial = (): string => {
    const oid = id();
    officials.push({ id: oid, fullName: personName(rng).name, active: true, phone: `0${rng.int(200, 399)}${String(rng.int(0, 999999)).padStart(6, '0')}`, email: '' });
    return oid;
  };
  const addPost = (officialId: string, unitId: string, title: string, isHead: boolean) => {
    posts.push({ id: id(), officialId, unitId, title, isHead, from: validFrom, to: null });
    if (isHead && !headOf.has(unitId)) headOf.set(unitId, officialId);
    else staffOf.set(unitId, [...(staffOf.get(unitId) ?? []), officialId]);
  };
  const staffUnit = (unitId: string, headTitle: string, staff: number, staffTitle = 'Chuyên viên') => {
    addPost(addOfficial(), unitId, headTitle, true);
    for (let i = 0; i < staff; i++) addPost(addOfficial(), unitId, staffTitle, false);
  };

  // Province.
  const rootUnitId = addUnit({ name: 'Ủy ban nhân dân tỉnh Cao Bằng', shortName: 'UBND tỉnh', kind: 'leadership', symbol: 'UBND', parentId: null, order: 0 });
  const provinceLeaders: string[] = [];
  {
    const chair = addOfficial();
    addPost(chair, rootUnitId, 'Chủ tịch UBND tỉnh', true);
    provinceLeaders.push(chair);
    for (let i = 0; i < 3; i++) {
      const v = addOfficial();
      addPost(v, rootUnitId, 'Phó Chủ tịch UBND tỉnh', false);
      provinceLeaders.push(v);
    }
  }
  const coordinatorUnitId = addUnit({ name: 'Văn phòng Ủy ban nhân dân tỉnh', shortName: 'VP UBND tỉnh', kind: 'office', symbol: 'VP', parentId: rootUnitId, order: 1 });
  staffUnit(coordinatorUnitId, 'Chánh Văn phòng', 4);
  const departments: string[] = [];
  DEPARTMENTS.forEach(([name, symbol, short], i) => {
    const u = addUnit({ name, shortName: short, kind: 'department', symbol, parentId: rootUnitId, order: 10 + i });
    staffUnit(u, name.startsWith('Thanh tra') ? 'Chánh Thanh tra' : name.startsWith('Ban') ? 'Trưởng ban' : 'Giám đốc', 3);
    departments.push(u);
  });

  // Communes and wards, each with its offices, public-service units and villages.
  const communeAuthorities: Authority[] = [];
  const communeIds: string[] = [];
  COMMUNES.slice(0, Math.max(1, Math.min(opts.communes, COMMUNES.length))).forEach(([place, ward], i) => {
    const kindWord = ward ? 'phường' : 'xã';
    const cap = ward ? 'Phường' : 'Xã';
    const c = addUnit({ name: `Ủy ban nhân dân ${kindWord} ${place}`, shortName: `UBND ${kindWord} ${place}`, kind: 'commune', symbol: 'UBND', parentId: rootUnitId, order: 100 + i });
    communeIds.push(c);
    const chair = addOfficial();
    addPost(chair, c, `Chủ tịch UBND ${kindWord}`, true);
    const vices = [addOfficial(), addOfficial()];
    for (const v of vices) addPost(v, c, `Phó Chủ tịch UBND ${kindWord}`, false);
    const office = addUnit({ name: 'Văn phòng HĐND và UBND', shortName: `VP ${place}`, kind: 'office', symbol: 'VP', parentId: c, order: 1 });
    const economy = addUnit({ name: ward ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế', shortName: `PKT ${place}`, kind: 'department', symbol: 'KT', parentId: c, order: 2 });
    const society = addUnit({ name: 'Phòng Văn hóa - Xã hội', shortName: `PVHXH ${place}`, kind: 'department', symbol: 'VHXH', parentId: c, order: 3 });
    const centre = addUnit({ name: 'Trung tâm Phục vụ hành chính công', shortName: `TTPVHCC ${place}`, kind: 'serviceCentre', symbol: 'TTPVHCC', parentId: c, order: 4 });
    // The office head also directs the service centre (kiêm nhiệm), as many new communes do.
    const officeHead = addOfficial();
    addPost(officeHead, office, 'Chánh Văn phòng HĐND và UBND', true);
    addPost(officeHead, centre, 'Giám đốc Trung tâm (kiêm nhiệm)', true);
    for (let k = 0; k < 2; k++) addPost(addOfficial(), office, 'Công chức Văn phòng - Thống kê', false);
    staffUnit(economy, 'Trưởng phòng', 2, 'Công chức');
    staffUnit(society, 'Trưởng phòng', 2, 'Công chức');
    addPost(addOfficial(), centre, 'Công chức Một cửa', false);
    const schools = [`Trường Mầm non ${place}`, `Trường Tiểu học ${place}`, `Trường THCS ${place}`];
    const psus = schools.map((n, k) => addUnit({ name: n, shortName: `${['MN', 'TH', 'THCS'][k]} ${place}`, kind: 'publicService', symbol: '', parentId: c, order: 10 + k }));
    psus.push(addUnit({ name: `Trạm Y tế ${kindWord} ${place}`, shortName: `TYT ${place}`, kind: 'publicService', symbol: '', parentId: c, order: 13 }));
    for (const p of psus) addPost(addOfficial(), p, p === psus[3] ? 'Trạm trưởng' : 'Hiệu trưởng', true);
    const villages = rng.sample(VILLAGE_NAMES, rng.int(4, 7));
    villages.forEach((v, k) => addUnit({ name: ward ? `Tổ dân phố ${k + 1}` : `Thôn ${v}`, shortName: ward ? `TDP ${k + 1} ${place}` : `Thôn ${v} (${place})`, kind: 'village', symbol: '', parentId: c, order: 20 + k }));
    communeAuthorities.push({ unitId: c, name: `UBND ${kindWord} ${place}`, leaders: [chair, ...vices], assignees: [office, economy, society, centre, ...psus], level: 'commune', symbolPrefix: cap });
  });
  const province: Authority = { unitId: rootUnitId, name: 'UBND tỉnh Cao Bằng', leaders: provinceLeaders, assignees: [...departments, ...communeIds], level: 'province', symbolPrefix: 'Tỉnh' };

  // Each lead unit has a steady reliability, so rankings differ between units.
  const reliability = new Map<string, number>();
  for (const u of units) reliability.set(u.id, 0.62 + rng.next() * 0.35);

  // ─── Directives ──────────────────────────────────────────────────────────────────────
  const directives: Directive[] = [];
  const numbering = new Map<string, number>();
  const directiveTopic = new Map<string, string>();
  const directiveAuthority = new Map<string, Authority>();
  const kindWeights: [DirectiveKind, number][] = [
    ['officialLetter', 40],
    ['plan', 20],
    ['notice', 15],
    ['decision', 10],
    ['instruction', 5],
    ['dispatch', 5],
    ['resolution', 5],
  ];
  const kindSymbol: Record<DirectiveKind, string> = {
    officialLetter: 'UBND-VP',
    plan: 'KH-UBND',
    notice: 'TB-UBND',
    decision: 'QĐ-UBND',
    instruction: 'CT-UBND',
    dispatch: 'CĐ-UBND',
    resolution: 'NQ-HĐND',
    report: 'BC-UBND',
    other: 'UBND',
  };
  const subjectOf = (kind: DirectiveKind, topic: string, year: number, auth: Authority): string => {
    switch (kind) {
      case 'plan':
        return `Kế hoạch thực hiện công tác ${topic} năm ${year}`;
      case 'notice':
        return `Thông báo kết luận của Chủ tịch ${auth.name} tại cuộc họp về ${topic}`;
      case 'decision':
        return `Quyết định giao chỉ tiêu, nhiệm vụ về ${topic} năm ${year}`;
      case 'instruction':
        return `Chỉ thị về tăng cường công tác ${topic}`;
      case 'dispatch':
        return `Công điện về việc tập trung chỉ đạo ${topic}`;
      case 'resolution':
        return `Nghị quyết về nhiệm vụ ${topic} năm ${year}`;
      default:
        return `V/v ${rng.pick(['triển khai thực hiện', 'tăng cường', 'đẩy mạnh', 'chấn chỉnh, nâng cao hiệu quả'])} ${topic}`;
    }
  };
  const randomWorkday = (from: string, to: string): string => {
    const span = Math.max(0, daysBetween(from, to));
    const d = workingDayOnOrAfter(addDays(from, rng.int(0, span)));
    return d > to ? from : d;
  };
  const nameOf = new Map(officials.map((o) => [o.id, o.fullName]));
  const directiveCount = Math.max(1, Math.round(opts.tasks / 4));
  for (let i = 0; i < directiveCount; i++) {
    const auth = rng.chance(0.72) ? province : rng.pick(communeAuthorities);
    const kind = rng.weighted(kindWeights);
    const issuedOn = randomWorkday(historyStart, addDays(opts.today, -1));
    const year = Number(issuedOn.slice(0, 4));
    const key = `${auth.unitId}/${year}`;
    const n = (numbering.get(key) ?? 0) + 1;
    numbering.set(key, n);
    const topic = rng.pick(TOPICS);
    const did = id();
    directives.push({
      id: did,
      kind,
      number: String(n * (auth.level === 'province' ? 7 : 2) + rng.int(0, 5)),
      symbol: kindSymbol[kind],
      issuedOn,
      issuerName: kind === 'resolution' ? (auth.level === 'province' ? 'HĐND tỉnh Cao Bằng' : `HĐND ${auth.name.slice(5)}`) : auth.name,
      issuerUnitId: auth.unitId,
      subject: subjectOf(kind, topic, year, auth),
      signerName: nameOf.get(auth.leaders[rng.int(0, auth.leaders.length - 1)]) ?? '',
      receivedOn: null,
      attachments: [],
    });
    directiveTopic.set(did, topic);
    directiveAuthority.set(did, auth);
  }
  directives.sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));

  // ─── Tasks and their histories ───────────────────────────────────────────────────────
  interface Plan {
    task: Task;
    events: { e: DemoEvent; rank: number }[];
    /** Span in which progress can be reported: [assignedOn, end]. */
    end: string;
    openAtEnd: boolean;
  }
  const plans: Plan[] = [];
  const steps: TaskStep[] = [];
  const base = (taskId: string, on: string, actorOfficialId: string | null) => ({ id: id(), taskId, on, actorOfficialId, actorAccount: DEMO_ACTOR });
  const base5 = (taskId: string, on: string, actorOfficialId: string | null) => ({ id: rng5.uuid(), taskId, on, actorOfficialId, actorAccount: DEMO_ACTOR });

  let returnedMade = 0;
  let waitingMade = 0;
  for (let i = 0; i < opts.tasks; i++) {
    const directive = directives[rng.int(0, directives.length - 1)];
    const auth = directiveAuthority.get(directive.id)!;
    const topic = directiveTopic.get(directive.id)!;
    const assignedOn = minDate(workingDayOnOrAfter(addDays(directive.issuedOn, rng.weighted([[0, 5], [1, 2], [3, 1]]))), opts.today);
    const lead = rng.pick(auth.assignees);
    const support = rng.sample(
      auth.assignees.filter((u) => u !== lead),
      rng.weighted([[0, 4], [1, 3], [2, 2], [3, 1]]),
    );
    const year = Number(assignedOn.slice(0, 4));
    let deadline: DeadlineRule | null;
    const deadlineKind = rng.weighted([['workingDays', 40], ['fixed', 45], ['none', 15]] as const);
    if (deadlineKind === 'workingDays') deadline = { kind: 'workingDays', days: rng.pick([5, 7, 10, 15, 20, 30, 45, 60]), from: assignedOn };
    else if (deadlineKind === 'fixed') {
      const m = Number(assignedOn.slice(5, 7));
      const target = m + rng.pick([1, 2, 3, 6]);
      const ty = year + Math.floor((target - 1) / 12);
      const tm = ((target - 1) % 12) + 1;
      deadline = { kind: 'fixed', date: ymd(ty, tm, rng.pick([10, 15, 20, 25, 28])) };
    } else deadline = null;
    const dueOn = deadline ? resolveDeadline(deadline) : null;
    const leaderId = rng.pick(auth.leaders);
    const head = headOf.get(lead) ?? null;
    const taskId = id();
    const task: Task = {
      id: taskId,
      title: `${rng.pick(TASK_VERBS)} ${topic}${auth.level === 'province' && rng.chance(0.3) ? ' trên địa bàn tỉnh' : ''}`,
      content: `Thực hiện ${directive.kind === 'notice' ? 'Thông báo' : 'văn bản'} số ${directive.number}/${directive.symbol}: chủ trì, phối hợp với các đơn vị liên quan triển khai, báo cáo kết quả về ${auth.name}.`,
      directiveId: directive.id,
      assignerUnitId: auth.unitId,
      assignerOfficialId: leaderId,
      leadUnitId: lead,
      supportUnitIds: support,
      responsibleOfficialId: head,
      deadline,
      dueOn,
      assignedOn,
      planYear: rng.chance(0.5) ? year : null,
      priority: rng.weighted([['normal', 80], ['high', 15], ['urgent', 5]] as const),
      legalBasis: rng.chance(0.3) ? 'Công điện số 280/CĐ-TTg ngày 19/4/2023 của Thủ tướng Chính phủ' : '',
      authorityLevel: auth.level,
      // "5 rõ": about a third of the tasks name the product they must deliver.
      expectedProduct: rng5.chance(0.35) ? rng5.pick(EXPECTED_PRODUCTS) : '',
    };
    const plan: Plan = { task, events: [], end: opts.today, openAtEnd: true };
    const push = (e: DemoEvent, rank = 1) => plan.events.push({ e, rank });

    // Reassignment early on, by the assigner (never by the lead unit).
    let currentLead = lead;
    if (rng.chance(0.01)) {
      const to = rng.pick(auth.assignees.filter((u) => u !== lead));
      const on = minDate(workingDayOnOrAfter(addDays(assignedOn, rng.int(1, 5))), opts.today);
      push({ ...base(taskId, on, leaderId), type: 'reassignment', newLeadUnitId: to, newResponsibleOfficialId: headOf.get(to) ?? null, reason: 'Nội dung thuộc chức năng, nhiệm vụ của đơn vị được giao lại.' }, 0);
      currentLead = to;
    }
    const leadHead = headOf.get(currentLead) ?? null;
    const r = reliability.get(currentLead) ?? 0.8;

    // When would it be done? On time with the unit's reliability, else late by a skewed delay.
    let effectiveDue = dueOn;
    let decidedOn = assignedOn;
    let doneOn: string;
    if (dueOn) {
      const span = Math.max(1, daysBetween(assignedOn, dueOn));
      if (rng.chance(r)) doneOn = workingDayOnOrAfter(addDays(assignedOn, rng.int(Math.ceil(span * 0.4), span)));
      else {
        // Late: sometimes the unit asks for more time first.
        if (rng.chance(0.35)) {
          const reqOn = workingDayOnOrAfter(addDays(dueOn, -rng.int(1, 4)));
          const proposed = addWorkingDays(dueOn, rng.pick([10, 15, 20, 30]));
          if (reqOn <= opts.today && reqOn >= assignedOn) {
            const req = { ...base(taskId, reqOn, leadHead), type: 'extensionRequest' as const, reason: rng.pick(EXTENSION_REASONS), proposedDueOn: proposed };
            push(req, 2);
            const decOn = workingDayOnOrAfter(addDays(reqOn, rng.int(1, 8)));
            if (decOn <= opts.today) {
              const accepted = rng.chance(0.8);
              push({ ...base(taskId, decOn, leaderId), type: 'extensionDecision', requestId: req.id, accepted, newDueOn: accepted ? proposed : null, note: accepted ? '' : 'Đề nghị khẩn trương hoàn thành theo thời hạn đã giao.' }, 3);
              if (accepted) effectiveDue = proposed;
              decidedOn = decOn;
            }
          }
        }
        const late = effectiveDue !== dueOn && rng.chance(0.75) ? -rng.int(0, 5) : rng.weighted([[rng.int(1, 10), 5], [rng.int(11, 45), 3], [rng.int(46, 200), 1]]);
        // Some late work stalls for good: the long-pending items the seed asks to clear (§2).
        doneOn = rng.chance(0.15) ? '9999-12-31' : workingDayOnOrAfter(addDays(effectiveDue ?? dueOn, late));
      }
    } else {
      doneOn = rng.chance(0.75) ? workingDayOnOrAfter(addDays(assignedOn, rng.int(10, 150))) : '9999-12-31';
    }
    // Nothing is completed before it was assigned or before a pending extension was decided.
    if (doneOn < decidedOn) doneOn = decidedOn;

    // Pauses and cancellations by the assigner.
    let cancelledOn: string | null = null;
    if (rng.chance(0.015)) {
      const on = workingDayOnOrAfter(addDays(assignedOn, rng.int(3, 40)));
      if (on <= opts.today && on < doneOn) {
        cancelledOn = on;
        push({ ...base(taskId, on, leaderId), type: 'cancel', reason: 'Nhiệm vụ không còn phù hợp do thay đổi tổ chức bộ máy.' }, 5);
      }
    } else if (rng.chance(0.01)) {
      const on = workingDayOnOrAfter(addDays(assignedOn, rng.int(2, 20)));
      if (on <= opts.today && on < doneOn) {
        push({ ...base(taskId, on, leaderId), type: 'pause', reason: 'Tạm dừng để chờ hướng dẫn của cơ quan cấp trên.' }, 4);
        const resumeOn = workingDayOnOrAfter(addDays(on, rng.int(5, 30)));
        if (resumeOn <= opts.today && resumeOn < doneOn) push({ ...base(taskId, resumeOn, leaderId), type: 'resume', reason: 'Đã có hướng dẫn.' }, 4);
        else doneOn = '9999-12-31';
      }
    }

    if (!cancelledOn && doneOn <= opts.today) {
      const reportNumber = `${rng.int(1, 300)}/BC-${rng.pick(['UBND', 'VP', 'KT', 'VHXH', 'STC', 'SNV'])}`;
      const resultText = `Đã hoàn thành; báo cáo kết quả gửi ${auth.name}.`;
      const product = { product: task.expectedProduct || 'Báo cáo kết quả thực hiện', productNumber: reportNumber, productDate: doneOn };
      // Recent completions go through the assigner's acceptance: the first one was returned once
      // and waits again, the next two still wait, the rest wait or were accepted by the leader.
      const recent = daysBetween(doneOn, opts.today) <= 20;
      const returnedFirst = workingDayOnOrAfter(addDays(doneOn, -8));
      const flow = !recent ? 'direct' : returnedMade === 0 && returnedFirst > decidedOn ? 'returned' : waitingMade < 2 ? 'waiting' : rng5.chance(0.4) ? 'waiting' : 'accepted';
      if (flow === 'direct') push({ ...base(taskId, doneOn, leadHead), type: 'completion', resultText, reportNumber, completedOn: doneOn, attachments: [] }, 9);
      else {
        if (flow === 'returned') {
          returnedMade += 1;
          const first = { ...base5(taskId, returnedFirst, leadHead), type: 'completion' as const, resultText, reportNumber: '', completedOn: returnedFirst, attachments: [], product: product.product, productNumber: '', productDate: null, awaitsAcceptance: true };
          push(first, 7);
          const returnedOn = workingDayOnOrAfter(addDays(returnedFirst, 2));
          push({ ...base5(taskId, returnedOn, leaderId), type: 'completionReturn', reportId: first.id, reason: 'Báo cáo chưa kèm số liệu chi tiết theo từng thôn; đề nghị bổ sung.', decidedByOfficialId: leaderId, decisionNumber: '', decisionDate: null }, 8);
        }
        const report = { ...base(taskId, doneOn, leadHead), type: 'completion' as const, resultText, reportNumber, completedOn: doneOn, attachments: [], ...product, awaitsAcceptance: true };
        push(report, 9);
        const acceptOn = workingDayOnOrAfter(addDays(doneOn, 2));
        if (flow === 'accepted' && acceptOn <= opts.today) push({ ...base5(taskId, acceptOn, leaderId), type: 'completionAcceptance', reportId: report.id, note: '', decidedByOfficialId: leaderId, decisionNumber: '', decisionDate: null }, 10);
        else waitingMade += 1;
      }
      plan.end = doneOn;
      plan.openAtEnd = false;
    } else if (cancelledOn) {
      plan.end = cancelledOn;
      plan.openAtEnd = false;
    }

    // Support units send their contributions.
    for (const s of support) {
      if (!rng.chance(0.35)) continue;
      const on = randomWorkday(assignedOn, plan.end);
      if (on <= opts.today) push({ ...base(taskId, on, headOf.get(s) ?? null), type: 'contribution', unitId: s, text: 'Cung cấp thông tin, số liệu theo đề nghị của đơn vị chủ trì.', attachments: [] }, 1);
    }

    if (rng.chance(0.2)) {
      const n = rng.int(2, 4);
      for (let k = 0; k < n; k++) {
        const stepDue = dueOn ? minDate(workingDayOnOrAfter(addDays(assignedOn, Math.round(((k + 1) / n) * Math.max(1, daysBetween(assignedOn, dueOn))))), dueOn) : null;
        steps.push({ id: id(), taskId, title: STEP_TITLES[k], responsibleOfficialId: rng.pick([leadHead, ...(staffOf.get(currentLead) ?? [])].filter((x): x is string => x !== null)) ?? null, dueOn: stepDue, done: !plan.openAtEnd || (stepDue !== null && stepDue < opts.today && rng.chance(0.7)), order: k });
      }
    }
    plans.push(plan);
  }

  // ─── Progress reports: exactly opts.progressReports, weighted by how long each task ran ─
  const weights = plans.map((p) => Math.max(1, daysBetween(p.task.assignedOn, p.end)));
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w));
  const perTask = new Array<number>(plans.length).fill(0);
  if (plans.length > 0) {
    for (let k = 0; k < opts.progressReports; k++) {
      const x = rng.next() * acc;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      perTask[lo] += 1;
    }
  }
  plans.forEach((p, idx) => {
    const n = perTask[idx];
    if (n === 0) return;
    const lead = [...p.events].reverse().find((x) => x.e.type === 'reassignment')?.e;
    const leadUnit = lead && lead.type === 'reassignment' ? lead.newLeadUnitId : p.task.leadUnitId;
    const actor = headOf.get(leadUnit) ?? null;
    const dates = Array.from({ length: n }, () => randomWorkday(p.task.assignedOn, p.end)).sort();
    const ceiling = p.openAtEnd ? rng.int(30, 95) : 95;
    dates.forEach((on, k) => {
      const percent = Math.min(ceiling, Math.round(((k + 1) / (n + (p.openAtEnd ? 0.5 : 1))) * ceiling / 5) * 5);
      p.events.push({ e: { ...base(p.task.id, on, actor), type: 'progress', percent, text: rng.pick(PROGRESS_TEXTS), attachments: [] }, rank: 1 });
    });
  });

  const tasks: Task[] = [];
  const events: DemoEvent[] = [];
  for (const p of plans) {
    tasks.push(p.task);
    const dateOf = (e: DemoEvent) => (e.type === 'completion' ? e.completedOn : e.on);
    p.events.sort((a, b) => (dateOf(a.e) < dateOf(b.e) ? -1 : dateOf(a.e) > dateOf(b.e) ? 1 : a.rank - b.rank));
    for (const { e } of p.events) events.push(e);
  }
  return { format: 'dondoc-demo', version: 1, options: opts, rootUnitId, coordinatorUnitId, units, officials, posts, directives, tasks, steps, events };
}

/** Reads a demo size name ("small", "large") or a task count ("12000": reports ×4). */
export function demoSizeFrom(arg: string | undefined): Pick<DemoOptions, 'tasks' | 'progressReports' | 'communes' | 'years'> {
  if (!arg || arg === 'small') return { ...DEMO_SIZES.small };
  if (arg === 'large') return { ...DEMO_SIZES.large };
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 1 || n > 500_000) throw new Error(`Kích thước không hợp lệ: ${arg} (dùng small, large hoặc số nhiệm vụ).`);
  return { tasks: n, progressReports: n * 4, communes: n >= 20_000 ? 30 : 20, years: n >= 20_000 ? 4 : 3 };
}
