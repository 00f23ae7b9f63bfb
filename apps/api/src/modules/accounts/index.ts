/**
 * Accounts module: users, their sessions, email verification and API keys.
 * Owns tables: users, sessions, email_verifications, api_keys.
 */
export {
  findUserById,
  findUserIdByEmail,
  findUserNames,
  hasAnyUser,
  type UserRow,
} from './accounts.repository';
export { findEmailVerification, markEmailVerified } from './email-verification.repository';
export { createVerificationTokens, type VerificationTokens } from './email-verification-tokens';
