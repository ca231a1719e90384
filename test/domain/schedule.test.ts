import { describe, expect, it } from 'vitest';
import { parseSchedule, schedulerExpression } from '#domain/schedule';

describe('source schedules', () => {
  it('reads the friendly forms and gives EventBridge Scheduler expressions', () => {
    const expression = (text: string) => {
      const schedule = parseSchedule(text);
      return schedule ? schedulerExpression(schedule) : undefined;
    };
    expect(expression('hourly')).toBe('rate(1 hour)');
    expect(expression('Daily')).toBe('rate(1 day)');
    expect(expression('every 6 hours')).toBe('rate(6 hours)');
    expect(expression('every 1 day')).toBe('rate(1 day)');
    expect(expression('every 15 minutes')).toBe('rate(15 minutes)');
    expect(expression('cron(0 7 ? * MON *)')).toBe('cron(0 7 ? * MON *)');
  });

  it('refuses what a scheduler cannot run', () => {
    expect(parseSchedule('every 2 minutes')).toBeUndefined();
    expect(parseSchedule('every 0 hours')).toBeUndefined();
    expect(parseSchedule('whenever')).toBeUndefined();
    expect(parseSchedule('cron(0 7 * *)')).toBeUndefined();
  });
});
