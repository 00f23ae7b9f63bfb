/**
 * The reference the check-in benchmark measures the real door against: a bare Express + pg endpoint
 * that only parses the JSON body and runs the conditional UPDATE of the ticket (one round trip).
 * No authentication, no signature check (a QR's ticket id is read from its payload unverified), no
 * validation, no check-in log, no logging. Started by bench/checkin.bench.ts in its own process:
 *
 *   DATABASE_URL=... PORT=3192 npx tsx bench/bare-checkin-server.ts
 */
import { availableParallelism } from 'node:os';
import express from 'express';
import pg from 'pg';
import { stringify as stringifyUuid } from 'uuid';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  // The same pool size the real server takes by default.
  max: availableParallelism() * 2 + 2,
});
pool.on('error', () => undefined);

const CHECK_IN = (where: string) => `
UPDATE tickets SET status = 'checked_in', checked_in_at = now()
WHERE event_id = $1::uuid AND ${where} AND status = 'valid'
RETURNING id, attendee_name, checked_in_at`;

const app = express();
app.use(express.json({ limit: '100kb' }));
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/api/events/:eventId/check-ins', async (req, res) => {
  const { code } = req.body as { code: string };
  const isQr = code.startsWith('ZE1.');
  // `ZE1.<payload>.<signature>`: the payload's first 16 bytes are the ticket id.
  const ticketId = isQr ? stringifyUuid(Buffer.from(code.slice(4, 47), 'base64url').subarray(0, 16)) : '';
  try {
    const result = await pool.query({
      name: isQr ? 'bare_check_in_qr' : 'bare_check_in_code',
      text: CHECK_IN(isQr ? 'id = $2::uuid' : 'code = $2'),
      values: [req.params.eventId, isQr ? ticketId : code],
    });
    const row = result.rows[0] as { id: string; attendee_name: string; checked_in_at: Date } | undefined;
    if (row) res.json({ ticketId: row.id, attendeeName: row.attendee_name, checkedInAt: row.checked_in_at });
    else res.status(409).json({ code: 'ALREADY_CHECKED_IN' });
  } catch {
    res.status(500).json({ code: 'INTERNAL' });
  }
});

app.listen(Number(process.env.PORT ?? 3192), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
