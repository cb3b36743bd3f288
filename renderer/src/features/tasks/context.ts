/**
 * What the task screens need about the logged-in account, the site and the registries:
 * the actor as the task rules see it, the site scope, name lookups and "today".
 */
import { useMemo } from 'react';
import type { SiteScope } from '@shared/authority';
import { isPostCurrent, type Official, type Post } from '@shared/registries/officials';
import type { Unit } from '@shared/registries/units';
import { canPerform, type TaskAction, type TaskAuthorityView, type TaskDecision } from '@shared/tasks/authority';
import { useAppState } from '../../state/app';
import { useOfficials, useOrganisation, usePosts, useUnits } from '../registries/queries';
import type { TaskActor } from './data/commands';

export function currentTaskActor(): TaskActor {
  const s = useAppState.getState().session;
  return { role: s?.account.role ?? 'unitStaff', unitId: s?.account.unitId ?? null, officialId: s?.account.officialId ?? null };
}

export function useTaskActor(): TaskActor {
  const role = useAppState((s) => s.session?.account.role ?? 'unitStaff');
  const unitId = useAppState((s) => s.session?.account.unitId ?? null);
  const officialId = useAppState((s) => s.session?.account.officialId ?? null);
  return useMemo(() => ({ role, unitId, officialId }), [role, unitId, officialId]);
}

export function useSiteScope(): SiteScope | undefined {
  const org = useOrganisation();
  return useMemo(() => (org ? { siteRole: org.siteRole, actsForUnitIds: org.actsForUnitIds } : undefined), [org]);
}

/** The screens' one "today" hook, re-exported for the task screens' imports. */
export { useToday } from '../../ui/useToday';

export interface Registry {
  units: Unit[];
  officials: Official[];
  posts: Post[];
  unitById: Map<string, Unit>;
  officialById: Map<string, Official>;
  unitName(id: string | null | undefined): string;
  unitShort(id: string | null | undefined): string;
  officialName(id: string | null | undefined): string;
  /** Officials holding a current post in the unit on the date, with that post's title. */
  officialsOf(unitId: string | null, date: string): { official: Official; title: string }[];
}

export function useRegistry(): Registry | undefined {
  const units = useUnits();
  const officials = useOfficials();
  const posts = usePosts();
  return useMemo(() => {
    if (!units || !officials || !posts) return undefined;
    const unitById = new Map(units.map((u) => [u.id, u]));
    const officialById = new Map(officials.map((o) => [o.id, o]));
    return {
      units,
      officials,
      posts,
      unitById,
      officialById,
      unitName: (id) => (id ? (unitById.get(id)?.name ?? '(đơn vị không còn trong danh mục)') : ''),
      unitShort: (id) => (id ? (unitById.get(id)?.shortName ?? '?') : ''),
      officialName: (id) => (id ? (officialById.get(id)?.fullName ?? '(cán bộ không còn trong danh mục)') : ''),
      officialsOf: (unitId, date) => {
        if (!unitId) return [];
        const seen = new Set<string>();
        const out: { official: Official; title: string }[] = [];
        for (const p of posts) {
          if (p.unitId !== unitId || !isPostCurrent(p, date) || seen.has(p.officialId)) continue;
          const o = officialById.get(p.officialId);
          if (!o || !o.active) continue;
          seen.add(o.id);
          out.push({ official: o, title: p.title });
        }
        return out.sort((a, b) => a.official.fullName.localeCompare(b.official.fullName, 'vi'));
      },
    };
  }, [units, officials, posts]);
}

/** canPerform for the logged-in account; "not allowed" while the site is still loading. */
export function useCan(task: TaskAuthorityView | null | undefined): (action: TaskAction, options?: { unitId?: string }) => TaskDecision {
  const actor = useTaskActor();
  const site = useSiteScope();
  return (action, options) => (task && site ? canPerform(actor, site, action, task, options) : { allowed: false, reason: '' });
}
