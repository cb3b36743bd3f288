import { useLiveQuery } from 'dexie-react-hooks';
import type { RegisterEntry } from '@shared/letters/register';
import { visible } from '../../data/repository';
import { useAppState } from '../../state/app';
import type { StoredLetter } from './data/register';

export type LetterRow = StoredLetter & { id: string };

/** Every letter on this site (drafts, issued, cancelled), newest first by id (UUIDv7 is time-ordered). */
export function useLetters(): LetterRow[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(async () => (db ? visible<Omit<StoredLetter, 'id'>>(await db.letters.toArray()).sort((a, b) => (a.id < b.id ? 1 : -1)) : []), [db]);
}

export function useLetter(id: string | null): LetterRow | null | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(async () => {
    if (!db || !id) return null;
    const row = await db.letters.get(id);
    if (!row || row._deleted === 1) return null;
    return visible<Omit<StoredLetter, 'id'>>([row])[0];
  }, [db, id]);
}

export type RegisterRow = RegisterEntry & { id: string };

/** All register entries (every office, every year); the register screen filters them. */
export function useRegisterEntries(): RegisterRow[] | undefined {
  const db = useAppState((s) => s.db);
  return useLiveQuery(async () => (db ? visible<RegisterEntry>(await db.registerEntries.toArray()) : []), [db]);
}
