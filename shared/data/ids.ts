import { uuidv7 } from 'uuidv7';

/** Row and op keys: time-ordered UUIDv7, unique across offices (never auto-increment). */
export function newId(): string {
  return uuidv7();
}
