import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { survivableRejections } from './unhandled-rejections';

describe('survivableRejections', () => {
  const logged: string[] = [];
  const logger = pino(
    { level: 'warn' },
    {
      write: (line: string) => {
        logged.push(line);
      },
    },
  );

  it('survives a lost database (pg-boss completing a job with the database away), logging once a while', () => {
    const onRejection = survivableRejections(logger, 60_000);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(() => onRejection(refused)).not.toThrow();
    expect(() => onRejection(new Error('Connection terminated unexpectedly'))).not.toThrow();
    expect(logged).toHaveLength(1);
  });

  it('throws anything else again, so a real bug still ends the process', () => {
    const onRejection = survivableRejections(logger);
    const bug = new TypeError('cannot read properties of undefined');
    expect(() => onRejection(bug)).toThrow(bug);
    expect(() => onRejection('a string')).toThrow();
  });
});
