import { UuidParam } from '@zevents/contracts';
import type { Express } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { notFound } from '../../http/errors';
import type { ApiRouter } from '../../http/route';
import { isUuid } from '../../shared/ids';
import { findEmail, listRecentEmails } from './outbox.repository';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const MailboxEntry = z
  .object({
    id: z.string(),
    kind: z.string(),
    recipient: z.string(),
    subject: z.string().nullable(),
    status: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    attachmentNames: z.array(z.string()),
  })
  .meta({ id: 'MailboxEntry' });

/**
 * Development only: every email the platform recorded, as JSON and as a page, so a newcomer without
 * SMTP sees what buyers would receive. Never mounted in production, and answered to loopback clients
 * only (http/loopback-only.ts, mounted in app.ts ahead of these routes): the emails carry order links
 * with their access tokens and invitation links.
 */
export function registerMailboxRoutes(api: ApiRouter, app: Express, deps: { db: Db }): void {
  const list = async () =>
    (await listRecentEmails(deps.db, 200)).map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
    }));

  api.add(
    {
      method: 'get',
      path: '/api/dev/emails',
      summary: 'Development mailbox: the latest 200 emails (this machine only; not in production)',
      tags: ['Development'],
      access: 'public',
      status: 200,
      response: z.object({ items: z.array(MailboxEntry), nextCursor: z.null() }),
    },
    async () => ({ items: await list(), nextCursor: null }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/dev/emails/{emailId}',
      summary: 'Development mailbox: one email with its HTML and text (this machine only; not in production)',
      tags: ['Development'],
      access: 'public',
      params: z.object({ emailId: UuidParam }),
      status: 200,
      response: MailboxEntry.extend({ html: z.string().nullable(), text: z.string().nullable() }),
    },
    async ({ params }) => {
      const row = await findEmail(deps.db, params.emailId);
      if (!row) throw notFound('Email');
      return {
        id: row.id,
        kind: row.kind,
        recipient: row.recipient,
        subject: row.subject,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt.toISOString(),
        sentAt: row.sentAt?.toISOString() ?? null,
        attachmentNames: row.attachmentNames,
        html: row.html,
        text: row.text,
      };
    },
  );

  app.get('/dev/mailbox', async (_req, res) => {
    const rows = await list();
    const items = rows
      .map(
        (
          row,
        ) => `<tr><td>${escape(row.createdAt.replace('T', ' ').slice(0, 19))}</td><td>${escape(row.recipient)}</td>
        <td>${row.subject ? `<a href="/dev/mailbox/${row.id}">${escape(row.subject)}</a>` : escape(`(${row.kind}, not rendered yet)`)}</td>
        <td>${escape(row.status)}${row.lastError ? ` <small title="${escape(row.lastError)}">⚠</small>` : ''}</td>
        <td>${row.attachmentNames.map(escape).join(', ')}</td></tr>`,
      )
      .join('');
    res.type('html')
      .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mailbox · Z-Events</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1e1b4b}
table{border-collapse:collapse;width:100%}td,th{padding:.5rem;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#6b7280}a{color:#4f46e5}</style></head>
<body><h1>Development mailbox</h1><p>Every email Z-Events recorded (newest first). Set <code>SMTP_URL</code> to deliver them for real.</p>
<table><thead><tr><th>When</th><th>To</th><th>Subject</th><th>Status</th><th>Attachments</th></tr></thead><tbody>${items || '<tr><td colspan="5">No emails yet. Buy a ticket!</td></tr>'}</tbody></table></body></html>`);
  });

  app.get('/dev/mailbox/:emailId', async (req, res) => {
    const row = isUuid(req.params.emailId) ? await findEmail(deps.db, req.params.emailId) : undefined;
    if (!row?.html) throw notFound('Email');
    res.type('html').send(row.html);
  });
}
