import { AppError } from '../errors';

/** Why a calendar call refused its input; the Vietnamese message is for the official, this is for code. */
export type CalendarErrorReason =
  | 'invalid-date'
  | 'out-of-range'
  | 'invalid-lunar-date'
  | 'invalid-argument';

/**
 * An `AppError` with code 'invalid-input', so it crosses IPC like any other input error.
 * The reason stays out of `details`: the screens print details after the message, and they
 * are for Vietnamese text only.
 */
export class CalendarError extends AppError {
  readonly reason: CalendarErrorReason;
  constructor(reason: CalendarErrorReason, message: string) {
    super('invalid-input', message);
    this.name = 'CalendarError';
    this.reason = reason;
  }
}
