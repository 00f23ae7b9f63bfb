import { describe, expect, it } from 'vitest';
import { describeStripeError, readStripeReturn } from './stripe-errors';

describe('describeStripeError', () => {
  it("shows a decline with Stripe's own words and says the tickets are still held", () => {
    const problem = describeStripeError({
      type: 'card_error',
      code: 'card_declined',
      message: 'Your card was declined.',
    });
    expect(problem.title).toBe('Card declined');
    expect(problem.message).toBe('Your card was declined. Your tickets are still held — try another card.');
    expect(problem.isHoldExpired).toBeUndefined();
  });

  it('tells other card failures apart from declines', () => {
    const problem = describeStripeError({
      type: 'card_error',
      code: 'processing_error',
      message: 'An error occurred while processing your card.',
    });
    expect(problem.title).toBe('The card could not be charged');
    expect(problem.message).toContain('try again or use another card');
  });

  it('asks to complete the card details on a validation error, without alarming about money', () => {
    const problem = describeStripeError({
      type: 'validation_error',
      code: 'incomplete_number',
      message: 'Your card number is incomplete.',
    });
    expect(problem).toEqual({ title: 'Check your card details', message: 'Your card number is incomplete.' });
  });

  it('promises no double charge when Stripe cannot be reached', () => {
    const problem = describeStripeError({ type: 'api_connection_error', message: 'offline' });
    expect(problem.message).toContain('you will not be charged twice');
  });

  it('falls back to a generic message for anything else', () => {
    expect(describeStripeError({ type: 'api_error' }).message).toContain(
      'Stripe could not process the payment.',
    );
  });
});

describe('readStripeReturn', () => {
  it('is null on a plain visit', () => {
    expect(readStripeReturn(new URLSearchParams('token=abc'))).toBeNull();
  });

  it('continues with "confirming" after a successful or processing redirect', () => {
    expect(
      readStripeReturn(
        new URLSearchParams(
          'token=a&payment_intent=pi_1&payment_intent_client_secret=s&redirect_status=succeeded',
        ),
      ),
    ).toBe('confirming');
    expect(
      readStripeReturn(new URLSearchParams('payment_intent_client_secret=s&redirect_status=processing')),
    ).toBe('confirming');
  });

  it('explains a failed authentication and keeps the buyer on the form', () => {
    const outcome = readStripeReturn(
      new URLSearchParams('payment_intent_client_secret=s&redirect_status=failed'),
    );
    expect(outcome).toMatchObject({ title: 'The payment was not approved' });
  });
});
