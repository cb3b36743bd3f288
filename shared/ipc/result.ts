import type { AppErrorData } from '../errors';

/** What crosses IPC: plain data, never a thrown object (its prototype would not survive). */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
