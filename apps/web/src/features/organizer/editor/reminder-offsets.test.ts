import { describe, expect, it } from 'vitest';
import { describeOffset, reminderState } from './reminder-offsets';

describe('describeOffset', () => {
  it('names days, hours and minutes', () => {
    expect(describeOffset(1440)).toBe('1 day before');
    expect(describeOffset(90)).toBe('1 hour 30 minutes before');
  });
});

describe('reminderState', () => {
  const now = Date.parse('2030-06-01T12:00:00Z');
  const later = now + 60_000;
  const earlier = now - 60_000;

  it('is scheduled before its time and sent after it, for a published event', () => {
    expect(reminderState(later, now, 'published')).toBe('scheduled');
    expect(reminderState(earlier, now, 'published')).toBe('sent');
    expect(reminderState(now, now, 'published')).toBe('sent');
  });

  it('claims nothing was sent for a draft, and nothing will be for a cancelled event', () => {
    expect(reminderState(later, now, 'draft')).toBe('scheduled');
    expect(reminderState(earlier, now, 'draft')).toBe('passed');
    expect(reminderState(later, now, 'cancelled')).toBe('cancelled');
    expect(reminderState(earlier, now, 'cancelled')).toBe('passed');
  });
});
