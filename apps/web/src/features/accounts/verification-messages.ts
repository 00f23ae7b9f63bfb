import { ApiError } from '../../api/client';

/** What a failed resend tells the person (the rate limit names its wait in the detail). */
export function resendErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'RATE_LIMITED')
    return `${error.message}. Check your inbox (and spam folder) for the emails already sent.`;
  if (error instanceof ApiError && error.status === 401) return 'Log in again to send a new link.';
  return 'Could not send the email. Check your connection and try again.';
}

export type VerificationFailure = 'expired' | 'invalid' | 'other';

/** Sorts a failed verification: an expired link, one that can never work, or a passing problem. */
export function verificationFailure(error: unknown): VerificationFailure {
  if (!(error instanceof ApiError)) return 'other';
  if (error.code === 'VERIFICATION_TOKEN_EXPIRED') return 'expired';
  // A mangled link fails the body's validation: it is as hopeless as an unknown token.
  if (error.code === 'VERIFICATION_TOKEN_INVALID' || error.code === 'VALIDATION_FAILED') return 'invalid';
  return 'other';
}
