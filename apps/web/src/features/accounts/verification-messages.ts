import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';

/** What a failed resend tells the person (the rate limit names its wait in the detail). */
export function resendErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.code === 'RATE_LIMITED')
    return t('web.auth.verifyBanner.rateLimited', { detail: error.message });
  if (error instanceof ApiError && error.status === 401) return t('web.auth.verifyBanner.loggedOut');
  return t('web.auth.verifyBanner.failed');
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
