/**
 * Errors that cross a boundary (IPC, file import, repository) carry a stable code for code
 * and a Vietnamese message for the official reading the screen.
 */
export type AppErrorCode =
  | 'invalid-request'
  | 'unknown-channel'
  | 'forbidden-sender'
  | 'not-authorised'
  | 'not-found'
  | 'conflict'
  | 'invalid-input'
  | 'invalid-file'
  | 'auth-failed'
  | 'rate-limited'
  | 'cancelled'
  | 'storage'
  | 'internal';

export interface AppErrorData {
  code: AppErrorCode;
  message: string;
  details?: string[];
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: string[];
  constructor(code: AppErrorCode, message: string, details?: string[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toData(): AppErrorData {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorData).code === 'string' &&
    typeof (value as AppErrorData).message === 'string'
  );
}

/** Turns anything thrown into data safe to send across IPC, never leaking a stack. */
export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  return { code: 'internal', message: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại hoặc liên hệ quản trị viên.' };
}
