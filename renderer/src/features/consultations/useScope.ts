import type { Actor, SiteScope } from '@shared/authority';
import { useAppState } from '../../state/app';
import { useOrganisation } from '../registries/queries';

/** The logged-in account and this installation's scope, as the consultation rules see them. */
export function useScope(): { actor: Actor; site: SiteScope } | null {
  const session = useAppState((s) => s.session);
  const org = useOrganisation();
  if (!session || !org) return null;
  return {
    actor: { role: session.account.role, unitId: session.account.unitId },
    site: { siteRole: org.siteRole, actsForUnitIds: org.actsForUnitIds },
  };
}
