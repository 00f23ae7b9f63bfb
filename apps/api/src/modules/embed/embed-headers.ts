import { EmbedOrigin } from '@zevents/contracts';

/**
 * The platform's Content-Security-Policy with its `frame-ancestors` widened to the organization's
 * origins: every other directive stays as the security headers set it. Origins are checked again
 * here, as a stored value that is not an origin (hand-edited data) must never inject a directive.
 */
export function withFrameAncestors(csp: string, origins: readonly string[]): string {
  const allowed = origins.filter((origin) => EmbedOrigin.safeParse(origin).success);
  const ancestors = ["frame-ancestors 'self'", ...allowed].join(' ');
  const directives = csp
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !/^frame-ancestors(\s|$)/i.test(directive));
  return [...directives, ancestors].join(';');
}
