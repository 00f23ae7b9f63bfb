import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Db } from '../db/client';
import { SEND_EMAIL } from '../modules/notifications/notifications.jobs';
import type { Enqueuer } from './job-queue';
import { jobDataOf } from './job-registry';

const EMAIL_ID = '0b8f6f1e-3c1d-4d7a-9f55-5b7e2d0c8a41';

describe('jobs are enqueued by definition', () => {
  it('a payload that does not fit the definition does not compile', () => {
    const sent: object[] = [];
    const enqueuer: Enqueuer = {
      async enqueue(_tx, job, payload) {
        sent.push(jobDataOf(job, payload));
      },
      async enqueueMany(_tx, job, payloads) {
        for (const payload of payloads) sent.push(jobDataOf(job, payload));
      },
    };
    // Never run: only the compiler looks at these calls.
    const compileOnly = (tx: Db) => [
      enqueuer.enqueue(tx, SEND_EMAIL, { emailId: EMAIL_ID }),
      // @ts-expect-error emailId is a string
      enqueuer.enqueue(tx, SEND_EMAIL, { emailId: 42 }),
      // @ts-expect-error emailId is required
      enqueuer.enqueue(tx, SEND_EMAIL, {}),
      // @ts-expect-error a job is named by its definition, not by a queue name
      enqueuer.enqueue(tx, 'notifications.send-email', { emailId: EMAIL_ID }),
      // @ts-expect-error every payload of the batch fits the definition
      enqueuer.enqueueMany(tx, SEND_EMAIL, [{ emailId: EMAIL_ID }, { orderId: EMAIL_ID }]),
    ];
    expect(typeof compileOnly).toBe('function');
  });

  it('a payload that does not fit is refused at runtime, before it is stored', () => {
    expect(jobDataOf(SEND_EMAIL, { emailId: EMAIL_ID })).toEqual({ emailId: EMAIL_ID });
    expect(() => jobDataOf(SEND_EMAIL, { emailId: 'not-a-uuid' })).toThrow(ZodError);
    // @ts-expect-error a payload that slipped past the compiler is refused all the same
    expect(() => jobDataOf(SEND_EMAIL, { emailId: 42 })).toThrow(ZodError);
  });
});
