/**
 * "Không lấy ý kiến phối hợp của cơ quan, đơn vị không liên quan hoặc không cần thiết" (docs/rules.md §1):
 * the form warns when a picked unit has no field of responsibility (lĩnh vực, from the unit
 * registry) matching the dossier's field, and when more units are picked than the setting allows.
 * Warnings, not refusals: the requester may have a reason, but must pick each unit deliberately.
 */
import { foldVietnamese } from '../text/search';
import type { Unit } from '../registries/units';

export function unitCoversField(unit: Pick<Unit, 'fields'>, field: string): boolean {
  const f = foldVietnamese(field);
  return unit.fields.some((x) => foldVietnamese(x) === f);
}

/** Units whose fields include the dossier's field (suggestions for the form). */
export function unitsForField<U extends Pick<Unit, 'id' | 'fields'>>(units: readonly U[], field: string | null): U[] {
  if (!field) return [];
  return units.filter((u) => unitCoversField(u, field));
}

export interface SelectionWarnings {
  /** Picked units with no link to the dossier's field. */
  unrelatedUnitIds: string[];
  tooMany: boolean;
  messages: string[];
}

export function selectionWarnings(
  units: readonly Pick<Unit, 'id' | 'name' | 'fields'>[],
  pickedIds: readonly string[],
  field: string | null,
  maxUnits: number,
): SelectionWarnings {
  const byId = new Map(units.map((u) => [u.id, u]));
  const unrelatedUnitIds = field ? pickedIds.filter((id) => { const u = byId.get(id); return !u || !unitCoversField(u, field); }) : [];
  const tooMany = pickedIds.length > maxUnits;
  const messages: string[] = [];
  if (unrelatedUnitIds.length > 0) {
    const names = unrelatedUnitIds.map((id) => byId.get(id)?.name ?? id).join(', ');
    messages.push(`Không thấy lĩnh vực "${field}" trong lĩnh vực phụ trách của: ${names}. Chỉ lấy ý kiến đơn vị có liên quan; nếu vẫn cần, hãy chắc chắn đơn vị đó liên quan đến hồ sơ.`);
  }
  if (tooMany) messages.push(`Đã chọn ${pickedIds.length} đơn vị, nhiều hơn mức ${maxUnits} theo quy định của cơ quan. Không lấy ý kiến đơn vị không liên quan hoặc không cần thiết.`);
  return { unrelatedUnitIds, tooMany, messages };
}
