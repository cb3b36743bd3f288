import { AppError } from '../errors';

/** Why a calendar call refused its input; the Vietnamese message is for the official, this is for code. */
export type CalendarErrorReason =
  | 'invalid-date'
  | 'out-of-range'
  | 'invalid-lunar-date'
  | 'invalid-argument';

/** An `AppError` with code 'invalid-input', so it crosses IPC like any other input error. */
export class CalendarError extends AppError {
  readonly reason: CalendarErrorReason;
  constructor(reason: CalendarErrorReason, message: string) {
    super('invalid-input', message, [reason]);
    this.name = 'CalendarError';
    this.reason = reason;
  }
}
