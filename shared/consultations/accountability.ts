/**
 * Per-unit figures for the accountability record (docs/rules.md §1: units that do not reply or reply
 * late "phải chịu trách nhiệm"; docs/rules.md §2: communes must not push their own work upward).
 *
 * A consultation belongs to the period in which its (effective) reply deadline falls; its
 * outcome is judged as of `asOf` (the report's cut-off, default the period's last day), so a
 * report reprinted later gives the same numbers. A request upward belongs to the period in
 * which it was submitted; it counts as returned when the authority's answer, given by asOf,
 * says the matter was within the unit's own authority.
 */
import type { CalendarConfig } from '../calendar';
import type { Consultation, ConsultationReply, UpwardAnswer, UpwardRequest } from './model';
import { effectiveDueOn, positionOf, upwardStatusOf } from './positions';

export interface Period {
  from: string;
  to: string;
}

export interface UnitConsultationFigures {
  unitId: string;
  /** Consultations sent to the unit whose deadline fell in the period. */
  consulted: number;
  onTime: number;
  /** Replied after the deadline (deemed agreed all the same). */
  late: number;
  /** No reply at all by asOf, deadline passed (deemed agreed). */
  noReply: number;
  /** Deadline not yet passed as of asOf (the period ends on the due day). */
  pending: number;
  /** Requests the unit submitted upward in the period. */
  upwardSubmitted: number;
  /** …of which the authority returned as within the unit's own authority. */
  upwardReturned: number;
}

function blank(unitId: string): UnitConsultationFigures {
  return { unitId, consulted: 0, onTime: 0, late: 0, noReply: 0, pending: 0, upwardSubmitted: 0, upwardReturned: 0 };
}

export function accountabilityByUnit(
  data: {
    consultations: readonly Consultation[];
    replies: readonly ConsultationReply[];
    upwardRequests?: readonly UpwardRequest[];
    upwardAnswers?: readonly UpwardAnswer[];
  },
  period: Period,
  options: { asOf?: string; calendar?: CalendarConfig } = {},
): UnitConsultationFigures[] {
  const asOf = options.asOf ?? period.to;
  const byUnit = new Map<string, UnitConsultationFigures>();
  const row = (u: string) => {
    let r = byUnit.get(u);
    if (!r) byUnit.set(u, (r = blank(u)));
    return r;
  };
  for (const c of data.consultations) {
    const due = effectiveDueOn(c, options.calendar);
    if (due < period.from || due > period.to) continue;
    for (const unitId of c.consultedUnitIds) {
      const r = row(unitId);
      r.consulted += 1;
      const p = positionOf(c, unitId, data.replies, asOf, options.calendar);
      if (p.kind === 'replied') r.onTime += 1;
      else if (p.kind === 'pending') r.pending += 1;
      else if (p.lateReply) r.late += 1;
      else r.noReply += 1;
    }
  }
  for (const u of data.upwardRequests ?? []) {
    if (u.requestedOn < period.from || u.requestedOn > period.to) continue;
    const r = row(u.fromUnitId);
    r.upwardSubmitted += 1;
    if (upwardStatusOf(u, data.upwardAnswers ?? [], asOf, options.calendar).kind === 'returned') r.upwardReturned += 1;
  }
  return [...byUnit.values()].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}
