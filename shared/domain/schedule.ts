// Source schedules as marketing ops write them ("hourly", "every 6 hours", "cron(...)"), turned into
// one form the scheduler adapters understand.

export type Schedule =
  | { kind: 'rate'; every: number; unit: 'minutes' | 'hours' | 'days' }
  | { kind: 'cron'; expression: string };

const RATE = /^every\s+(\d{1,4})\s+(minute|minutes|hour|hours|day|days)$/i;
const CRON = /^cron\((\S+(\s+\S+){5})\)$/;

/** Reads a schedule, or returns undefined when the text is not one. */
export function parseSchedule(text: string): Schedule | undefined {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower === 'hourly') return { kind: 'rate', every: 1, unit: 'hours' };
  if (lower === 'daily') return { kind: 'rate', every: 1, unit: 'days' };
  const rate = RATE.exec(trimmed);
  if (rate) {
    const every = Number(rate[1]);
    const unitWord = (rate[2] ?? '').toLowerCase();
    const unit = (unitWord.endsWith('s') ? unitWord : `${unitWord}s`) as 'minutes' | 'hours' | 'days';
    if (every < 1 || (unit === 'minutes' && every < 5)) return undefined;
    return { kind: 'rate', every, unit };
  }
  const cron = CRON.exec(trimmed);
  if (cron) return { kind: 'cron', expression: cron[1] ?? '' };
  return undefined;
}

/** The EventBridge Scheduler expression for a schedule: rate(6 hours) or cron(...). */
export function schedulerExpression(schedule: Schedule): string {
  if (schedule.kind === 'cron') return `cron(${schedule.expression})`;
  const unit = schedule.every === 1 ? schedule.unit.replace(/s$/, '') : schedule.unit;
  return `rate(${schedule.every} ${unit})`;
}
