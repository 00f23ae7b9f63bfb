/**
 * Request URLs as they go into the logs, without the secrets some of them carry: an order's access
 * token (`?token=`, which reads, pays and cancels the order), and the invitation token in the path of
 * the invitation page and its API. Logs are kept longer and read by more people than the database.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
    .replace(/^(\/(?:api\/)?invitations\/)[^/?#]+/i, '$1[redacted]');
}
