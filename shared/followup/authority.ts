/** Who may issue follow-up letters and the report to the Chair. */
import type { Actor } from '../authority';
import { ALLOWED, refuse, type Decision } from '../decision';
import type { Organisation } from '../registries/organisation';

/**
 * Administrators and leaders may; staff only when their account belongs to a unit this
 * installation acts for (the coordinating office's own staff), never a unit being followed up.
 */
export function canFollowUp(actor: Actor & { unitId: string | null }, org: Pick<Organisation, 'actsForUnitIds'>): Decision {
  if (actor.role === 'admin' || actor.role === 'leader') return ALLOWED;
  if (actor.unitId && org.actsForUnitIds.includes(actor.unitId)) return ALLOWED;
  return refuse('Chỉ văn phòng theo dõi, đôn đốc và lãnh đạo được ban hành văn bản đôn đốc.');
}
