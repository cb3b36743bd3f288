import { useLiveQuery } from 'dexie-react-hooks';
import type { OnBehalfContext } from '@shared/acting';
import { useAppState } from '../../state/app';
import { loadOnBehalfContext } from './onBehalf';

/** Which units have a site of their own (trusted peers with the unit registry); undefined while loading. */
export function useOnBehalfContext(): OnBehalfContext | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(() => (db ? loadOnBehalfContext(db) : undefined), [db]);
}
