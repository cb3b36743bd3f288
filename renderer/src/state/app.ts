import { create } from 'zustand';
import type { Session } from '@shared/ipc/channels/auth';
import type { DondocDb } from '../data/db';
import type { WriteContext } from '../data/repository';
import { AppError } from '@shared/errors';

interface AppState {
  db: DondocDb | null;
  siteId: string;
  session: Session | null;
  setDb(db: DondocDb, siteId: string): void;
  setSession(session: Session | null): void;
}

/** UI state only: the open database handle and who is logged in. Domain data comes from Dexie live queries. */
export const useAppState = create<AppState>((set) => ({
  db: null,
  siteId: '',
  session: null,
  setDb: (db, siteId) => set({ db, siteId }),
  setSession: (session) => set({ session }),
}));

export function currentDb(): DondocDb {
  const db = useAppState.getState().db;
  if (!db) throw new AppError('storage', 'Cơ sở dữ liệu chưa sẵn sàng.');
  return db;
}

export function writeContext(): WriteContext {
  const { siteId, session } = useAppState.getState();
  if (!session || session.locked) throw new AppError('not-authorised', 'Bạn cần đăng nhập để thực hiện thao tác này.');
  return { site: siteId, actor: `${session.account.username} (${session.account.displayName})` };
}
