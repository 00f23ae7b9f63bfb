import { VerifyEmailBody, VerifyEmailResponse } from '@zevents/contracts';
import type { ApiRouter } from '../../http/route';
import type { ConsumeLimit } from '../../http/rate-limit';
import type { EmailVerificationService } from './email-verification.service';

const tags = ['Accounts'];

export function registerEmailVerificationRoutes(
  api: ApiRouter,
  deps: { emailVerification: EmailVerificationService; limits: { resendVerification: ConsumeLimit } },
): void {
  const { emailVerification, limits } = deps;

  api.add(
    {
      method: 'post',
      path: '/api/auth/verify-email',
      summary: 'Confirm an email address with the token from the verification link',
      description:
        'No login needed: the token is the proof. Opening a link again after it worked answers 200 with ' +
        '`wasAlreadyVerified: true`. 400 VERIFICATION_TOKEN_INVALID for an unknown token or one sent to an ' +
        'address the account no longer has; 410 VERIFICATION_TOKEN_EXPIRED after 48 hours.',
      tags,
      access: 'public',
      body: VerifyEmailBody,
      status: 200,
      response: VerifyEmailResponse,
      errors: [410],
    },
    async ({ body }) => emailVerification.verify(body.token),
  );

  api.add(
    {
      method: 'post',
      path: '/api/auth/resend-verification',
      summary: 'Email a new verification link to the logged-in account',
      description:
        'Nothing is sent for a verified account. Earlier links keep working until they expire. Rate limited ' +
        'per account (429 with Retry-After).',
      tags,
      access: 'user',
      status: 204,
      errors: [403, 429],
      // Per account: the link goes to the account's own address, so this bounds the mail one person
      // can make us send there. Visitors are refused by the service without spending anything.
      before: [
        async (req) => {
          if (req.auth.kind === 'session') await limits.resendVerification(`user:${req.auth.userId}`);
        },
      ],
    },
    async ({ auth }) => emailVerification.resend(auth),
  );
}
