import {
  CsrfResponse,
  LoginBody,
  MeResponse,
  SessionResponse,
  SignupBody,
  UserResponse,
} from '@zevents/contracts';
import type { Request, Response } from 'express';
import type { Csrf } from '../../http/csrf';
import type { ApiRouter } from '../../http/route';
import type { ConsumeLimit } from '../../http/rate-limit';
import { clearSessionCookies, setSessionCookie } from '../../http/session-cookie';
import { sha256 } from '../../shared/crypto';
import type { ImageLookup } from '../media';
import type { AccountsService, NewSession } from './accounts.service';

export interface AccountsRouteDeps {
  accounts: AccountsService;
  csrf: Csrf;
  isProduction: boolean;
  limits: { login: ConsumeLimit; loginPerIp: ConsumeLimit; signupPerIp: ConsumeLimit };
  /** Logos beside the organizations of /api/me (the media module); absent, none are shown. */
  images?: ImageLookup;
}

const tags = ['Accounts'];

export function registerAccountsRoutes(api: ApiRouter, deps: AccountsRouteDeps): void {
  const { accounts, csrf, isProduction, limits } = deps;

  /** Sets the session cookie and a CSRF token bound to the new session. */
  const startSession = (req: Request, res: Response, session: NewSession) => {
    setSessionCookie(res, session.token, session.expiresAt, isProduction);
    req.auth = { kind: 'session', userId: session.user.id, sessionId: session.sessionId };
    csrf.issue(req, res);
    return { user: session.user };
  };

  api.add(
    {
      method: 'post',
      path: '/api/auth/signup',
      summary: 'Create an account and log in',
      tags,
      access: 'public',
      body: SignupBody,
      status: 201,
      response: UserResponse,
      errors: [409, 429],
      before: [async (req) => limits.signupPerIp(`ip:${req.ip}`)],
    },
    async ({ body, req, res }) => startSession(req, res, await accounts.signup(body)),
  );

  api.add(
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with email and password',
      tags,
      access: 'public',
      body: LoginBody,
      status: 200,
      response: UserResponse,
      errors: [401, 429],
      before: [async (req) => limits.loginPerIp(`ip:${req.ip}`)],
    },
    async ({ body, req, res }) => {
      // Per account and address: slows password guessing without letting anyone lock a user out globally.
      // The email is hashed so the key always fits the store's 255-character key column.
      await limits.login(`${sha256(body.email)}:${req.ip}`);
      return startSession(req, res, await accounts.login(body));
    },
  );

  api.add(
    { method: 'post', path: '/api/auth/logout', summary: 'Log out', tags, access: 'public', status: 204 },
    async ({ auth, res }) => {
      await accounts.logout(auth);
      clearSessionCookies(res, isProduction);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/auth/csrf',
      summary: 'Get (and set as a cookie) a CSRF token for the current session',
      tags,
      access: 'public',
      status: 200,
      response: CsrfResponse,
    },
    async ({ req, res }) => ({ csrfToken: csrf.issue(req, res) }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/me',
      summary: 'The logged-in user and their organizations',
      tags,
      // An API key is nobody's account: 401 like a visitor.
      access: 'session',
      status: 200,
      response: MeResponse,
    },
    async ({ auth, req, res }) => {
      const me = await accounts.getMe(auth);
      const logos = await deps.images?.logosOf(me.organizations.map((organization) => organization.id));
      const organizations = me.organizations.map((organization) => {
        const logo = logos?.get(organization.id);
        return logo ? { ...organization, logo } : organization;
      });
      // The web app may have lost its CSRF cookie (cleared by hand); give it one back.
      const cookies = req.cookies as Record<string, unknown> | undefined;
      if (!cookies?.zevents_csrf) csrf.issue(req, res);
      return { ...me, organizations };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/session',
      summary: 'The logged-in user, or `{user: null}` for a visitor (never 401)',
      description:
        'For pages that work logged in or not; `GET /api/me` also lists organizations and answers 401.',
      tags,
      access: 'public',
      status: 200,
      response: SessionResponse,
    },
    async ({ auth, req, res }) => {
      const user = await accounts.getSessionUser(auth);
      const cookies = req.cookies as Record<string, unknown> | undefined;
      if (user && !cookies?.zevents_csrf) csrf.issue(req, res);
      return { user };
    },
  );
}
