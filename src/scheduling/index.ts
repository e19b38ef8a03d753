export { ensureDemoJoinLink } from './demo-link.ts';
export {
  aiNotice,
  describeJoinLink,
  type JoinBranding,
  type JoinStart,
  type JoinView,
  startFromJoinLink,
} from './join.ts';
export { emitScheduled } from './scheduled-event.ts';
export {
  cancelSchedule,
  createSchedule,
  effectiveStatus,
  getSchedule,
  listSchedules,
  reschedule,
  type ScheduleInput,
  type ScheduleStatus,
} from './schedules.ts';
