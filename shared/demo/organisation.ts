/**
 * The demo province's registries: UBND tỉnh, its office and Sở, and its communes/wards, each
 * with its offices, public-service units and villages; officials and their posts (some holding
 * two); and each unit's steady reliability, so rankings differ between units.
 */
import type { Post } from '../registries/officials';
import type { DemoContext, DemoOfficial, DemoUnit } from './context';
import { COMMUNES, DEPARTMENTS, personName, VILLAGE_NAMES } from './vocabulary';

/** A People's Committee that issues directives and assigns tasks. */
export interface Authority {
  unitId: string;
  name: string;
  /** Chair first, then vice chairs. */
  leaders: string[];
  /** Units it assigns tasks to. */
  assignees: string[];
  level: 'province' | 'commune';
  symbolPrefix: string;
}

export interface DemoOrganisation {
  /** The province's People's Committee (root of the tree). */
  rootUnitId: string;
  /** Văn phòng UBND tỉnh: the coordinating office. */
  coordinatorUnitId: string;
  units: DemoUnit[];
  officials: DemoOfficial[];
  posts: Post[];
  /** The head of each unit that has one. */
  headOf: Map<string, string>;
  /** The other officials posted to each unit. */
  staffOf: Map<string, string[]>;
  province: Authority;
  communeAuthorities: Authority[];
  /** Each unit's chance of finishing a task on time. */
  reliability: Map<string, number>;
}

type RegistryBuilder = ReturnType<typeof registryBuilder>;

/** The rows so far and the ways to add to them; every unit and post is valid for the whole history. */
function registryBuilder(ctx: DemoContext) {
  const { rng, id, validFrom } = ctx;
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
    officials.push({ id: oid, fullName: personName(rng), active: true, phone: `0${rng.int(200, 399)}${String(rng.int(0, 999999)).padStart(6, '0')}`, email: '' });
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
  return { rng, units, officials, posts, headOf, staffOf, addUnit, addOfficial, addPost, staffUnit };
}

/** UBND tỉnh with its chair and three vice chairs, its office and its Sở. */
function addProvince(b: RegistryBuilder) {
  const { addUnit, addOfficial, addPost, staffUnit } = b;
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
  return { rootUnitId, coordinatorUnitId, provinceLeaders, departments };
}

/** A commune or ward: its People's Committee and leaders, offices, public-service units and villages. */
function addCommune(b: RegistryBuilder, rootUnitId: string, [place, ward]: [string, boolean], i: number): Authority {
  const { rng, addUnit, addOfficial, addPost, staffUnit } = b;
  const kindWord = ward ? 'phường' : 'xã';
  const cap = ward ? 'Phường' : 'Xã';
  const c = addUnit({ name: `Ủy ban nhân dân ${kindWord} ${place}`, shortName: `UBND ${kindWord} ${place}`, kind: 'commune', symbol: 'UBND', parentId: rootUnitId, order: 100 + i });
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
  return { unitId: c, name: `UBND ${kindWord} ${place}`, leaders: [chair, ...vices], assignees: [office, economy, society, centre, ...psus], level: 'commune', symbolPrefix: cap };
}

export function generateOrganisation(ctx: DemoContext): DemoOrganisation {
  const b = registryBuilder(ctx);
  const { rootUnitId, coordinatorUnitId, provinceLeaders, departments } = addProvince(b);
  const communeAuthorities = COMMUNES.slice(0, Math.max(1, Math.min(ctx.opts.communes, COMMUNES.length))).map((commune, i) => addCommune(b, rootUnitId, commune, i));
  const communeIds = communeAuthorities.map((a) => a.unitId);
  const province: Authority = { unitId: rootUnitId, name: 'UBND tỉnh Cao Bằng', leaders: provinceLeaders, assignees: [...departments, ...communeIds], level: 'province', symbolPrefix: 'Tỉnh' };

  // Each lead unit has a steady reliability, so rankings differ between units.
  const reliability = new Map<string, number>();
  for (const u of b.units) reliability.set(u.id, 0.62 + b.rng.next() * 0.35);
  const { units, officials, posts, headOf, staffOf } = b;
  return { rootUnitId, coordinatorUnitId, units, officials, posts, headOf, staffOf, province, communeAuthorities, reliability };
}
