import { useToday } from '../../ui/useToday';
import { useCalendarConfig } from '../calendar/config';
import { useOrganisation, useUnits } from '../registries/queries';
import { useConsultationSettings } from './data/queries';
import { useScope } from './useScope';

/**
 * What both new-request forms (Lấy ý kiến mới, Trình cấp trên) read: the units, the organisation,
 * who is writing, the consultation rules, the calendar and today. Each is undefined/null while loading.
 */
export function useRequestFormContext() {
  return { units: useUnits(), org: useOrganisation(), scope: useScope(), settings: useConsultationSettings(), calendar: useCalendarConfig(), today: useToday() };
}
