import type { CookieOptions, Response } from 'express';

export const SESSION_COOKIE = 'zevents_session';
export const CSRF_COOKIE = 'zevents_csrf';

export function sessionCookieOptions(isProduction: boolean, expiresAt?: Date): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: isProduction,
    path: '/',
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, isProduction: boolean): void {
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(isProduction, expiresAt));
}

export function clearSessionCookies(res: Response, isProduction: boolean): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(isProduction));
  res.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'lax', secure: isProduction });
}
