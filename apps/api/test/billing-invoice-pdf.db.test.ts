import { writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { formatMoney } from '@zevents/contracts';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../src/db/client';
import { issueInvoices } from '../src/modules/billing';
import { SEND_EMAIL } from '../src/modules/notifications/notifications.jobs';
import { buyOk, createPromo, expectProblem, openSale, orderBody, reserveOk } from './checkout-helpers';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp, drainJobs, type TestApp } from './harness';

/**
 * Invoices and credit notes as PDFs: every figure printed is the stored one (to the cent), credit
 * notes take the next number of the same series and refer to their invoice, only the order's buyer
 * and organizers open them, and numbering stays gapless while refunds and runs meet.
 */

let t: TestApp;
let database: Database;
let world: World;

const PROFILE = {
  legalName: 'Nightfall Presents GmbH',
  address: 'Torstraße 1\n10119 Berlin\nGermany',
  taxId: 'DE123456789',
  invoicePrefix: 'INV',
  footer: 'Nightfall Presents GmbH · IBAN DE02 1001 0010 0006 8201 01 · Amtsgericht Berlin HRB 12345',
  timezone: 'Europe/Berlin',
};

beforeAll(async () => {
  database = createDatabase(inject('databaseUrl'), 10);
  database.pool.options.connectionTimeoutMillis = 30_000;
  t = buildTestApp({ database, maxWaitingForDb: 100_000 });
  world = await createWorld(t.app, t.database.db);
  expect((await world.owner.put(`/api/organizations/${world.org.id}/billing`, PROFILE)).status).toBe(200);
});

afterAll(async () => {
  await database?.close();
});

/** The text a pdfkit PDF draws, one string per text run (its streams inflated, its hex strings read). */
function pdfTextOf(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const runs: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      content = match[1] ?? '';
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g))
      runs.push(
        [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
          .map((hex) => winAnsiDecode(Buffer.from(hex[1] ?? '', 'hex')))
          .join(''),
      );
  }
  return runs;
}

// The built-in fonts' encoding (Windows-1252) where it differs from Latin-1, for what invoices print.
const WIN_ANSI: Record<number, string> = { 0x80: '€', 0x95: '•', 0x96: '–', 0x97: '—', 0x92: '’' };

function winAnsiDecode(bytes: Buffer): string {
  return [...bytes].map((byte) => WIN_ANSI[byte] ?? String.fromCharCode(byte)).join('');
}

const eur = (cents: number) => formatMoney(cents, 'EUR', 'en-GB');
const year = () => DateTime.now().setZone('Europe/Berlin').year;

async function createRate(body: { name: string; rateBasisPoints: number; inclusive: boolean }) {
  const res = await world.owner.post(`/api/organizations/${world.org.id}/tax-rates`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

/**
 * The cart of the pricing unit test: 2 x 25.00 with VAT 19% included and 10% off, 1 x 90.00 with
 * 7% sales tax on top, a fee of 0.50 + 2.5% passed on: discount 5.00, fee 1.29 + 2.59, tax 7.18
 * (included) + 6.30 (added), total 145.18.
 */
async function mixedSale() {
  const vat = await createRate({ name: 'VAT 19%', rateBasisPoints: 1900, inclusive: true });
  const salesTax = await createRate({ name: 'Sales tax', rateBasisPoints: 700, inclusive: false });
  const { event, ticketTypes } = await createEvent(t.database.db, world, {
    input: { title: 'Nightfall Festival', fee: { fixedCents: 50, percentBasisPoints: 250, passedOn: true } },
    ticketTypes: [
      { name: 'Standard', priceCents: 2500, capacity: 100, taxRateId: vat.id },
      { name: 'VIP lounge', priceCents: 9000, capacity: 10, taxRateId: salesTax.id },
    ],
    publish: true,
  });
  const [standard, vip] = ticketTypes;
  if (!standard || !vip) throw new Error('no ticket types');
  const promo = await createPromo(world.owner, event.id, {
    code: `TENOFF${Date.now() % 100000}`,
    percentOff: 10,
    ticketTypeIds: [standard.id],
  });
  return { event, standard, vip, promo };
}

const invoicesOf = (orderId: string, token?: string) =>
  world.anonymous.get(`/api/orders/${orderId}/invoices${token ? `?token=${token}` : ''}`);

describe('invoice PDF', () => {
  let sale: Awaited<ReturnType<typeof mixedSale>>;
  let order: Awaited<ReturnType<typeof buyOk>>;

  beforeAll(async () => {
    sale = await mixedSale();
    order = await buyOk(
      world.anonymous,
      orderBody(
        sale.event,
        [
          [sale.standard, 2],
          [sale.vip, 1],
        ],
        { promoCode: sale.promo.code, buyer: { name: 'Ada Lovelace', email: 'ada@example.test' } },
      ),
    );
    expect(order.totalCents).toBe(14_518);
    await t.database.pool.query(`UPDATE orders SET billing_details = $2 WHERE id = $1`, [
      order.id,
      JSON.stringify({
        companyName: 'Analytical Engines Ltd',
        address: '12 St James Sq, London',
        taxId: 'GB999',
      }),
    ]);
  });

  it('numbers the order on first request and prints every figure to the cent', async () => {
    const res = await world.anonymous
      .get(`/api/orders/${order.id}/invoice.pdf?token=${order.accessToken}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync('/tmp/invoice-sample.pdf', pdf);
    const number = `INV-${year()}-000001`;
    expect(res.headers['content-disposition']).toContain(`invoice-${number}.pdf`);

    const text = pdfTextOf(pdf);
    const joined = text.join('\n');
    for (const expected of [
      'INVOICE',
      number,
      // Seller (billing profile), buyer (the billing details they asked for), event.
      'Nightfall Presents GmbH',
      'Torstraße 1',
      'Tax ID: DE123456789',
      'Analytical Engines Ltd',
      'Tax ID: GB999',
      'ada@example.test',
      'Nightfall Festival',
      // Standard: 2 x 25.00, 5.00 off, VAT 19% included 7.18, amount 45.00.
      'Standard',
      eur(2500),
      eur(-500),
      'VAT 19% (incl.)',
      eur(718),
      eur(4500),
      // VIP: 1 x 90.00, sales tax 7% on top 6.30, amount 96.30.
      'VIP lounge',
      eur(9000),
      'Sales tax 7%',
      eur(630),
      eur(9630),
      // The passed-on fee as its own line, then the totals.
      'Service fee',
      eur(388),
      'Subtotal',
      eur(14_000),
      'Discount',
      'Total',
      eur(14_518),
      'Included VAT 19%',
      PROFILE.footer.slice(0, 20),
    ])
      expect(joined, expected).toContain(expected);
    // Lines, fee and added tax add up to the total exactly.
    expect(4500 + 9630 + 388).toBe(14_518);
    expect(14_000 - 500 + 388 + 630).toBe(14_518);
  });

  it('lists the invoice, and a partial refund gets the next number referring to it', async () => {
    const before = await invoicesOf(order.id, order.accessToken);
    expect(before.status).toBe(200);
    expect(before.body.items).toEqual([
      expect.objectContaining({
        kind: 'invoice',
        number: `INV-${year()}-000001`,
        amountCents: 14_518,
        currency: 'EUR',
        refersTo: null,
        pdfUrl: `/api/orders/${order.id}/invoice.pdf`,
      }),
    ]);
    const invoiceId = before.body.items[0].id as string;

    const refund = await world.owner.post(`/api/orders/${order.id}/refund`, { amountCents: 5_000 });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);

    const after = await invoicesOf(order.id, order.accessToken);
    expect(after.body.items).toHaveLength(2);
    const note = after.body.items[1];
    expect(note).toMatchObject({
      kind: 'credit_note',
      number: `INV-${year()}-000002`,
      amountCents: 5_000,
      refersTo: invoiceId,
      pdfUrl: `/api/orders/${order.id}/credit-notes/${note.id}.pdf`,
    });

    const res = await world.anonymous
      .get(`${note.pdfUrl}?token=${order.accessToken}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    writeFileSync('/tmp/credit-note-sample.pdf', res.body as Buffer);
    const joined = pdfTextOf(res.body as Buffer).join('\n');
    expect(joined).toContain('CREDIT NOTE');
    expect(joined).toContain(`INV-${year()}-000002`);
    expect(joined).toContain(`Refers to invoice INV-${year()}-000001`);
    expect(joined).toContain(eur(-5_000));

    // Each line prints what the refund gave back of it, negative, and they sum to the refund.
    const { rows } = await t.database.pool.query<{
      lines: Array<{ ticketTypeId: string; priceCents: number; taxCents: number; feeCents: number }>;
    }>(`SELECT lines FROM refunds WHERE order_id = $1`, [order.id]);
    const lines = rows[0]?.lines ?? [];
    const given =
      lines.length > 0
        ? lines
        : [{ ticketTypeId: sale.standard.id, priceCents: 5000, taxCents: 0, feeCents: 0 }];
    let sum = 0;
    for (const line of given) {
      sum += line.priceCents + line.taxCents + line.feeCents;
      if (line.priceCents + line.taxCents > 0)
        expect(joined).toContain(eur(-(line.priceCents + line.taxCents)));
      if (line.taxCents > 0) expect(joined).toContain(eur(-line.taxCents));
    }
    const fee = given.reduce((total, line) => total + line.feeCents, 0);
    if (fee > 0) expect(joined).toContain(eur(-fee));
    expect(sum).toBe(5_000);
  });

  it('opens for the buyer and the organizers only: a foreign token or organization gets 404', async () => {
    const other = await buyOk(world.anonymous, orderBody(sale.event, [[sale.standard, 1]]));
    const path = `/api/orders/${order.id}/invoice.pdf`;
    expectProblem(await world.anonymous.get(`${path}?token=${other.accessToken}`), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.get(path), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.get(path), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.get(`/api/orders/${order.id}/invoices`), 404, 'NOT_FOUND');
    expect((await world.owner.get(path)).status).toBe(200);
    expect((await world.staff.get(`/api/orders/${order.id}/invoices`)).status).toBe(200);
    // A credit note of another order is not this order's.
    const notes = await invoicesOf(order.id, order.accessToken);
    const noteId = notes.body.items[1].id as string;
    expectProblem(
      await world.anonymous.get(
        `/api/orders/${other.id}/credit-notes/${noteId}.pdf?token=${other.accessToken}`,
      ),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses an unpaid order with 409 INVOICE_NOT_AVAILABLE', async () => {
    const held = await reserveOk(world.anonymous, orderBody(sale.event, [[sale.standard, 1]]));
    expectProblem(
      await world.anonymous.get(`/api/orders/${held.id}/invoice.pdf?token=${held.accessToken}`),
      409,
      'INVOICE_NOT_AVAILABLE',
    );
    expect((await invoicesOf(held.id, held.accessToken)).body).toEqual({ items: [] });
  });

  it('attaches the invoice to the confirmation and the credit note to the refund notice', async () => {
    await drainJobs(t, [SEND_EMAIL]);
    const { rows } = await t.database.pool.query<{ kind: string; attachment_names: string[] }>(
      `SELECT kind, attachment_names FROM emails WHERE order_id = $1 ORDER BY created_at, id`,
      [order.id],
    );
    const confirmation = rows.find((row) => row.kind === 'order_confirmation');
    expect(confirmation?.attachment_names).toContain(`invoice-INV-${year()}-000001.pdf`);
    const notice = rows.find((row) => row.kind === 'refund_notice');
    expect(notice?.attachment_names).toContain(`credit-note-INV-${year()}-000002.pdf`);
  });
});

describe('numbering with refunds', () => {
  it('keeps one gapless series while refunds and numbering runs meet', async () => {
    const own = await createWorld(t.app, t.database.db);
    expect(
      (await own.owner.put(`/api/organizations/${own.org.id}/billing`, { ...PROFILE, invoicePrefix: 'CN' }))
        .status,
    ).toBe(200);
    const { event, types } = await openSale(t, own, [{ name: 'GA', priceCents: 1500, capacity: 500 }]);
    const ga = types[0];
    if (!ga) throw new Error('no ticket type');
    const paid = await Promise.all(
      Array.from({ length: 40 }, () => buyOk(own.anonymous, orderBody(event, [[ga, 2]]))),
    );
    const since = new Date(Date.now() - 86_400_000);
    const issue = () => t.database.db.transaction((tx) => issueInvoices(tx, own.org.id, since, new Date()));
    // Refunds (one or two per order) while runs number invoices and credit notes beside them.
    const refunds = paid.flatMap((o, i) => {
      const first = own.owner.post(`/api/orders/${o.id}/refund`, { amountCents: 500 });
      return i % 2 === 0
        ? [first.then(() => own.owner.post(`/api/orders/${o.id}/refund`, { amountCents: 700 }))]
        : [first];
    });
    const runs = Array.from({ length: 12 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 15)).then(issue),
    );
    for (const res of await Promise.all(refunds)) expect(res.status, JSON.stringify(res.body)).toBe(200);
    await Promise.all(runs);
    await Promise.all([issue(), issue()]);

    const { rows } = await t.database.pool.query<{
      id: string;
      kind: string;
      sequence: number;
      number: string;
      refers_to: string | null;
      refund_id: string | null;
      order_id: string;
    }>(
      `SELECT id, kind, sequence, number, refers_to, refund_id, order_id FROM invoices
       WHERE organization_id = $1 ORDER BY year, sequence`,
      [own.org.id],
    );
    const { rows: refundRows } = await t.database.pool.query<{ id: string }>(
      `SELECT r.id FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.event_id = $1`,
      [event.id],
    );
    expect(refundRows).toHaveLength(60);
    expect(rows).toHaveLength(40 + 60);
    // Contiguous from 1, never repeated.
    expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((row) => row.number)).size).toBe(rows.length);
    // One credit note per refund, each after its order's invoice and referring to it.
    const notes = rows.filter((row) => row.kind === 'credit_note');
    expect(new Set(notes.map((row) => row.refund_id))).toEqual(new Set(refundRows.map((row) => row.id)));
    const invoiceOf = new Map(rows.filter((row) => row.kind === 'invoice').map((row) => [row.order_id, row]));
    for (const note of notes) {
      const invoice = invoiceOf.get(note.order_id);
      expect(note.refers_to).toBe(invoice?.id);
      expect(note.sequence).toBeGreaterThan(invoice?.sequence ?? Infinity);
    }
  });
});
