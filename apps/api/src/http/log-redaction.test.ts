import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it.each([
    ['/api/orders/o1?token=s3cret', '/api/orders/o1?token=[redacted]'],
    [
      '/api/orders/o1/tickets/t1.pdf?x=1&token=s3cret&y=2',
      '/api/orders/o1/tickets/t1.pdf?x=1&token=[redacted]&y=2',
    ],
    ['/orders/o1?TOKEN=s3cret', '/orders/o1?TOKEN=[redacted]'],
    ['/api/invitations/inv-s3cret/accept', '/api/invitations/[redacted]/accept'],
    ['/invitations/inv-s3cret', '/invitations/[redacted]'],
  ])('%s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
    expect(redactUrl(url)).not.toContain('s3cret');
  });

  it('leaves other URLs alone', () => {
    for (const url of [
      '/api/public/events?q=token',
      '/api/orders/o1',
      '/healthz',
      '/api/events/e1/orders?mytoken=1',
    ])
      expect(redactUrl(url)).toBe(url);
  });
});
