import { z } from 'zod';
import { isoDateSchema } from '../calendar';
import { foldVietnamese } from '../text/search';

export const unitKinds = ['leadership', 'office', 'department', 'publicService', 'serviceCentre', 'commune', 'village', 'other'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitKindLabels: Record<UnitKind, string> = {
  leadership: 'Lãnh đạo (UBND)',
  office: 'Văn phòng',
  department: 'Cơ quan chuyên môn / Phòng',
  publicService: 'Đơn vị sự nghiệp công lập',
  serviceCentre: 'Trung tâm phục vụ hành chính công',
  commune: 'Xã, phường',
  village: 'Thôn, tổ dân phố',
  other: 'Khác',
};


export const unitInputSchema = z
  .object({
    name: z.string().trim().min(2, 'Nhập tên đơn vị').max(200, 'Tên đơn vị quá dài'),
    shortName: z.string().trim().min(1, 'Nhập tên viết tắt').max(40, 'Tên viết tắt tối đa 40 ký tự'),
    kind: z.enum(unitKinds, { message: 'Loại đơn vị không hợp lệ' }),
    symbol: z.string().trim().max(20, 'Ký hiệu tối đa 20 ký tự').regex(/^[\p{Lu}\p{N}Đ.-]*$/u, 'Ký hiệu chỉ gồm chữ in hoa, số, dấu chấm, gạch ngang'),
    parentId: z.string().max(64).nullable(),
    validFrom: isoDateSchema,
    validTo: isoDateSchema.nullable(),
    order: z.number().int().min(0).max(100000),
    fields: z.array(z.string().trim().min(1).max(100)).max(50),
  })
  .refine((u) => u.validTo === null || u.validTo >= u.validFrom, { message: 'Ngày kết thúc phải sau ngày bắt đầu', path: ['validTo'] });
export type UnitInput = z.infer<typeof unitInputSchema>;
export interface Unit extends UnitInput {
  id: string;
}

/** A unit is current on a date when its validity period covers it (merged or renamed units keep their history). */
export function isUnitValidOn(unit: Pick<Unit, 'validFrom' | 'validTo'>, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || unit.validTo >= date);
}

export interface UnitNode {
  unit: Unit;
  depth: number;
  children: UnitNode[];
}

/** Units as a tree of any depth, siblings by order then name; orphans are shown at the root. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parentId && byId.has(u.parentId) && !createsCycle(byId, u.id, u.parentId) ? u.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  const sort = (list: Unit[]) => list.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'vi'));
  const build = (parent: string | null, depth: number): UnitNode[] =>
    sort(children.get(parent) ?? []).map((unit) => ({ unit, depth, children: build(unit.id, depth + 1) }));
  return build(null, 0);
}

/** The tree flattened in display order, for tables and select boxes. */
export function flattenUnitTree(nodes: UnitNode[]): { unit: Unit; depth: number }[] {
  const out: { unit: Unit; depth: number }[] = [];
  const walk = (list: UnitNode[]) => {
    for (const n of list) {
      out.push({ unit: n.unit, depth: n.depth });
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

function createsCycle(byId: Map<string, Unit>, id: string, parentId: string): boolean {
  let cur: string | null = parentId;
  const seen = new Set<string>();
  while (cur) {
    if (cur === id || seen.has(cur)) return true;
    seen.add(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return false;
}

/** Would making parentId the parent of id put a unit under itself? */
export function wouldCreateCycle(units: readonly Unit[], id: string, parentId: string | null): boolean {
  if (!parentId) return false;
  return createsCycle(new Map(units.map((u) => [u.id, u])), id, parentId);
}

export function unitSearchText(u: Pick<Unit, 'name' | 'shortName' | 'symbol'>): string {
  return foldVietnamese(`${u.name} ${u.shortName} ${u.symbol}`);
}
