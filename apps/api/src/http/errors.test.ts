import { describe, expect, it } from 'vitest';
import { AppError } from './errors';

describe('AppError', () => {
  it('carries its code, detail, headers and cause, and is an Error', () => {
    const cause = new Error('connection reset');
    const error = new AppError('RATE_LIMITED', 'Too many buyers', { headers: { 'Retry-After': '1' }, cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AppError);
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.detail).toBe('Too many buyers');
    expect(error.message).toBe('RATE_LIMITED: Too many buyers');
    expect(error.headers).toEqual({ 'Retry-After': '1' });
    expect(error.cause).toBe(cause);
  });

  it('skips the stack (an expected outcome) but leaves other errors theirs, and the cause its own', () => {
    const limit = Error.stackTraceLimit;
    const cause = new Error('inner');
    const error = new AppError('SOLD_OUT', 'Sold out', { cause });
    expect(error.stack).toBe('AppError: SOLD_OUT: Sold out');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(cause.stack?.split('\n').length).toBeGreaterThan(1);
    expect(new Error('after').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
