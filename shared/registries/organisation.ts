import { z } from 'zod';
import type { Unit } from './units';

/** The authority this installation serves and the office it runs in (first-run wizard). */
export const organisationSchema = z.object({
  authorityName: z.string().trim().min(5, 'Nhập tên cơ quan, ví dụ "Ủy ban nhân dân xã Hòa An"').max(200),
  parentName: z.string().trim().max(200),
  placeName: z.string().trim().min(2, 'Nhập địa danh ghi trên văn bản, ví dụ "Cao Bằng"').max(100),
  authoritySymbol: z.string().trim().min(1, 'Nhập ký hiệu cơ quan, ví dụ "UBND"').max(20),
  siteRole: z.enum(['coordinator', 'unit']),
  /**
   * Units whose work this installation records (its own office, or the units it acts for).
   * Empty on a unit office until it trusts the coordinator's site registry, which names them.
   */
  actsForUnitIds: z.array(z.string()).max(500),
  /**
   * The root of the unit tree: the authority that assigns tasks. A unit office holds no units
   * of its own making (only the coordinator writes the registry), so there it is '' until the
   * coordinator's units arrive and is then read from the tree (see resolveOrganisation).
   */
  authorityUnitId: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const ORGANISATION_SETTINGS_ID = 'organisation';

export const siteRoleLabels: Record<Organisation['siteRole'], string> = {
  coordinator: 'Văn phòng điều phối (giao và theo dõi nhiệm vụ)',
  unit: 'Văn phòng của đơn vị (thực hiện nhiệm vụ được giao)',
};

/** A unit office that has not yet received from the coordinator which units it acts for. */
export function awaitsRegistry(org: Pick<Organisation, 'siteRole' | 'actsForUnitIds'>): boolean {
  return org.siteRole === 'unit' && org.actsForUnitIds.length === 0;
}

/**
 * The organisation as the screens and rules use it. On a unit office the authority is the
 * root above the units it acts for in the coordinator's registry, so it follows the registry
 * (and a site set up before units came only from the coordinator heals once they arrive).
 */
export function resolveOrganisation(org: Organisation, units: readonly Pick<Unit, 'id' | 'parentId'>[]): Organisation {
  if (org.siteRole !== 'unit') return org;
  const byId = new Map(units.map((u) => [u.id, u]));
  const start = org.actsForUnitIds.find((id) => byId.has(id));
  if (!start) return org;
  let id = start;
  const seen = new Set<string>();
  for (let parent = byId.get(id)?.parentId; parent && byId.has(parent) && !seen.has(parent); parent = byId.get(id)?.parentId) {
    seen.add(id);
    id = parent;
  }
  return id === org.authorityUnitId ? org : { ...org, authorityUnitId: id };
}

/** "Máy này làm việc cho: …" as the settings and sync screens print it. */
export function actsForLabel(unitIds: readonly string[], unitName: (id: string) => string): string {
  return unitIds.length > 0 ? unitIds.map(unitName).join('; ') : 'chưa có (Văn phòng điều phối ghi trong danh bạ đơn vị gửi đến máy này)';
}
