import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors';
import { createTicketSigner } from '../tickets';
import { locateTicket } from './checkin.service';

const signer = createTicketSigner('unit-test-secret-unit-test-secret-0123456789');
const ticketId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const eventId = '6fa459ea-ee8a-4ca4-894e-db77e160355e';

function refusedCode(input: string): string | undefined {
  try {
    locateTicket(signer, input);
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('locateTicket', () => {
  it('reads a genuine QR into the ticket and its event', () => {
    expect(locateTicket(signer, signer.sign({ ticketId, eventId }))).toEqual({
      locator: { ticketId },
      qrEventId: eventId,
    });
  });

  it('takes a short code typed any way a person types it', () => {
    for (const typed of ['ABCD-EFGH', 'abcdefgh', ' abcd efgh ', 'abcd–efgh'])
      expect(locateTicket(signer, typed)).toEqual({ locator: { code: 'ABCD-EFGH' } });
  });

  it('refuses altered, foreign and malformed input as TICKET_NOT_FOUND', () => {
    const qr = signer.sign({ ticketId, eventId });
    const altered = `${qr.slice(0, 10)}${qr[10] === 'A' ? 'B' : 'A'}${qr.slice(11)}`;
    const foreign = createTicketSigner('another-secret-another-secret-another').sign({ ticketId, eventId });
    for (const input of [altered, foreign, 'ZE1.', `${qr}x`, 'ABC', 'ABCD-EFGH-IJKL', ''])
      expect(refusedCode(input), input).toBe('TICKET_NOT_FOUND');
  });
});
