/**
 * Who may write what (ARCHITECTURE.md, "Authority"). Pure rules used by local commands and, later,
 * by sync import. Roles come from the local account; the site role from the organisation.
 */
import type { Role } from './roles';
import type { Unit } from './registries/units';
import { ALLOWED, type Decision } from './decision';

export interface Actor {
  role: Role;
  unitId: string | null;
}

export interface SiteScope {
  siteRole: 'coordinator' | 'unit';
  actsForUnitIds: readonly string[];
}

/** Units a site acts for, with all their descendants (a commune's villages, a department's sections). */
export function unitsInScope(units: readonly Pick<Unit, 'id' | 'parentId'>[], roots: readonly string[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export type RegistryDecision = Decision;

/**
 * Registries (units): the coordinating office's administrators only. A unit office receives the
 * registry in sync packages; a unit it wrote itself would be refused at every peer's import
 * (shared/sync/authorize.ts), so it is refused here too.
 */
export function canEditUnit(actor: Actor, site: Pick<SiteScope, 'siteRole'>): RegistryDecision {
  if (actor.role !== 'admin') return { allowed: false, reason: 'Chỉ quản trị viên được sửa danh mục đơn vị.' };
  if (site.siteRole === 'coordinator') return ALLOWED;
  return { allowed: false, reason: UNIT_REGISTRY_OWNER };
}

export const UNIT_REGISTRY_OWNER = 'Danh mục đơn vị do Văn phòng điều phối quản lý và gửi đến máy này qua gói đồng bộ; máy của đơn vị không sửa được.';

/** Officials of unit U: U's site or the coordinator; administrators only. */
export function canEditOfficialPosts(actor: Actor, site: SiteScope, units: readonly Pick<Unit, 'id' | 'parentId'>[], unitIds: readonly string[]): RegistryDecision {
  if (actor.role !== 'admin') return { allowed: false, reason: 'Chỉ quản trị viên được sửa danh mục cán bộ.' };
  if (site.siteRole === 'coordinator') return ALLOWED;
  // An official with no post here would be held at every peer's import: nothing says whose it is.
  if (unitIds.length === 0) return { allowed: false, reason: 'Cán bộ phải có ít nhất một chức vụ tại đơn vị máy này phụ trách.' };
  const scope = unitsInScope(units, site.actsForUnitIds);
  if (unitIds.every((u) => scope.has(u))) return ALLOWED;
  return { allowed: false, reason: 'Máy này chỉ quản lý cán bộ của các đơn vị mình phụ trách.' };
}

export function canChangeSettings(actor: Actor): RegistryDecision {
  return actor.role === 'admin' ? ALLOWED : { allowed: false, reason: 'Chỉ quản trị viên được thay đổi cài đặt.' };
}
