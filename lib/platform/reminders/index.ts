export { setDeadline, closeDeadline, listDueItems, type SetDeadlineInput, type DueItem, type Deadline } from './deadlines';
export { runReminders, reminderKey, type ReminderRunResult } from './run';
export { startReminderLoop, type ReminderLoop } from './loop';
export { DEFAULT_REMINDER_OFFSETS_HOURS, REMINDER_SCHEDULE_KEY, getReminderSchedule, parseSchedule } from './schedule';
