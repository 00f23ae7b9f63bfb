import { randomBytes } from 'node:crypto';
import { translatorFor } from '@zevents/i18n';
import mjml2html from 'mjml';
import { blockToMjml, blockToText, COLORS, languageOf, TONES, type Block, type Tone } from './blocks';
import type { EmailEvent, EmailTicket, RenderedEmail } from './email-types';
import { escapeHref, escapeHtml, singleLine } from './format';

export interface EmailFrame {
  subject: string;
  /** The line inboxes show after the subject; never visible in the message itself. */
  preheader: string;
  /** What kind of message this is, as a pill above the content ("Order confirmed"). */
  badge: { text: string; tone: Tone };
  event: EmailEvent;
  blocks: Block[];
  /** Why the recipient got this email, for the footer. */
  reason: string;
  /** The footer's link; the event page unless the message is not about an event (an invitation). */
  footerLink?: { label: string; href: string };
}

const footerLinkOf = (frame: EmailFrame) =>
  frame.footerLink ?? {
    label: translatorFor(languageOf(frame.event))('email.layout.eventPage'),
    href: frame.event.url,
  };

const BRAND = 'Z-Events';

/**
 * "Sent by Z-Events on behalf of …", the brand in bold in the HTML: the sentence is translated with a
 * marker where the brand goes (each language places it), and only the brand is left unescaped.
 */
function sentByOf(frame: EmailFrame, brand: string, organizer: string): string {
  return translatorFor(languageOf(frame.event))('email.layout.sentBy', { brand, organizer });
}

const BRAND_MARK = '\u0001';

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

// On phones the card fills the screen: side padding shrinks and the corners square off at the edges.
const STYLES = `
  a { color: ${COLORS.link}; }
  @media only screen and (max-width: 480px) {
    .pad > table > tbody > tr > td { padding-left: 20px !important; padding-right: 20px !important; }
    .band-title div { font-size: 24px !important; line-height: 30px !important; }
    .edge, .edge > table, .edge > table > tbody > tr > td { border-radius: 0 !important; }
  }
`;

function badgeToMjml(badge: EmailFrame['badge']): string {
  const tone = TONES[badge.tone];
  return (
    `<mj-section padding="0 40px 16px" css-class="pad"><mj-column><mj-text padding="0">` +
    `<span style="display:inline-block;background-color:${tone.pill};color:${tone.ink};font-size:11px;` +
    `line-height:16px;font-weight:700;letter-spacing:1px;text-transform:uppercase;padding:4px 10px;` +
    `border-radius:999px">${escapeHtml(badge.text)}</span></mj-text></mj-column></mj-section>`
  );
}

function buildMjml(frame: EmailFrame): string {
  const { event } = frame;
  const language = languageOf(event);
  // The sentence is escaped whole, then the bold brand (fixed markup) put where the marker was.
  const sentBy = escapeHtml(sentByOf(frame, BRAND_MARK, event.organizationName))
    .split(BRAND_MARK)
    .join(`<strong>${BRAND}</strong>`);
  // The language is part of the MJML, so bulk messages are compiled (and cached) once per language.
  return `<mjml lang="${language}">
  <mj-head>
    <mj-title>${escapeHtml(singleLine(frame.subject))}</mj-title>
    <mj-preview>${escapeHtml(singleLine(frame.preheader))}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${FONT}" />
      <mj-text font-size="15px" line-height="24px" color="${COLORS.body}" padding="0" />
      <mj-column padding="0" />
      <mj-button background-color="${COLORS.band}" color="#FFFFFF" font-size="15px" font-weight="600"
        border-radius="8px" inner-padding="14px 28px" line-height="20px" />
    </mj-attributes>
    <mj-style>${STYLES}</mj-style>
  </mj-head>
  <mj-body background-color="${COLORS.page}" width="600px">
    <mj-section padding="28px 40px 14px" css-class="pad">
      <mj-column>
        <mj-text font-size="15px" line-height="24px" font-weight="800" color="${COLORS.band}">
          <span style="display:inline-block;width:24px;height:24px;border-radius:6px;background-color:${COLORS.band};
            color:${COLORS.bandText};text-align:center;font-size:14px;line-height:24px;margin-right:8px;
            vertical-align:top">Z</span>Z-Events
        </mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="${COLORS.band}" border-radius="12px 12px 0 0" padding="32px 40px 30px"
      border-bottom="6px solid ${COLORS.accent}" css-class="pad edge">
      <mj-column>
        <mj-text padding="0" font-size="12px" line-height="18px" font-weight="700" color="${COLORS.bandMuted}"
          letter-spacing="1.5px"><span style="text-transform:uppercase">${escapeHtml(event.organizationName)}</span></mj-text>
        <mj-text padding="8px 0 0" font-size="28px" line-height="34px" font-weight="700" color="${COLORS.bandText}"
          css-class="band-title">${escapeHtml(event.title)}</mj-text>
      </mj-column>
    </mj-section>
    <mj-wrapper background-color="#FFFFFF" border-radius="0 0 12px 12px" padding="28px 0 20px" css-class="edge">
      ${badgeToMjml(frame.badge)}
      ${frame.blocks.map((block) => blockToMjml(block, language)).join('\n      ')}
    </mj-wrapper>
    <mj-section padding="24px 40px 40px" css-class="pad">
      <mj-column>
        <mj-text font-size="12px" line-height="19px" color="${COLORS.muted}" align="center">
          ${sentBy}<br />
          ${escapeHtml(frame.reason)}<br />
          <a href="${escapeHref(footerLinkOf(frame).href)}" style="color:${COLORS.muted}">${escapeHtml(footerLinkOf(frame).label)}</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

function buildText(frame: EmailFrame): string {
  const { event } = frame;
  const title = singleLine(event.title);
  const header = [
    frame.badge.text.toUpperCase(),
    '',
    title,
    singleLine(event.organizationName),
    '='.repeat(Math.min(Math.max(title.length, 24), 72)),
  ].join('\n');
  const footer = [
    '--',
    sentByOf(frame, BRAND, singleLine(event.organizationName)),
    frame.reason,
    `${footerLinkOf(frame).label}: ${footerLinkOf(frame).href}`,
  ].join('\n');
  const language = languageOf(event);
  return [header, ...frame.blocks.map((block) => blockToText(block, language)), footer]
    .join('\n\n')
    .concat('\n');
}

async function compile(mjml: string): Promise<string> {
  // No web fonts: they would be fetched from Google by every client and are blocked by most anyway.
  const { html } = await mjml2html(mjml, { validationLevel: 'soft', minify: false, fonts: {} });
  return html;
}

/** Frame plus content to the finished message. Async only because mjml2html is. */
export async function renderEmail(frame: EmailFrame): Promise<RenderedEmail> {
  return {
    subject: singleLine(frame.subject),
    html: await compile(buildMjml(frame)),
    text: buildText(frame),
  };
}

/** Marks a per-recipient value in a frame built by `renderEmailWithSlots`. */
export type Slot = (value: string, kind?: 'text' | 'url') => string;

/** The tickets block of a bulk message: each ticket's code, attendee and link differ between buyers. */
export function slottedTickets(tickets: EmailTicket[], slot: Slot): Block {
  return {
    kind: 'tickets',
    tickets: tickets.map((ticket) => ({
      id: ticket.id,
      code: slot(ticket.code),
      ticketTypeName: ticket.ticketTypeName,
      attendeeName: slot(ticket.attendeeName),
      pdfUrl: slot(ticket.pdfUrl, 'url'),
    })),
  };
}

// Placeholders no real text contains: a random nonce per process, letters and digits only, so they
// pass escaping unchanged (URL ones look like links, so escapeHref takes them).
const NONCE = randomBytes(6).toString('hex');
const SLOT_URL = 'https://slot.invalid/';
/** Any placeholder: a URL one whole (its prefix included), a text one by its token. */
const SLOT_PATTERN = new RegExp(`(?:${SLOT_URL.replace(/[./]/g, '\\$&')})?zz${NONCE}s(\\d+)zz`, 'g');
const COMPILED = new Map<string, string>();
const COMPILED_MAX = 200;

/**
 * The same message as `renderEmail(build(value => value))`, byte for byte, for the messages sent in
 * bulk (one reminder per order): mjml takes 15-40 ms of CPU per message, so the frame is built once
 * with placeholders where `build` marks per-recipient values, compiled once per distinct result
 * (cached), and each placeholder is then replaced by its escaped value. The text part is built from
 * the real values (it is cheap).
 */
export async function renderEmailWithSlots(build: (slot: Slot) => EmailFrame): Promise<RenderedEmail> {
  const fills: string[] = [];
  const templateFrame = build((value, kind = 'text') => {
    const token = `zz${NONCE}s${fills.length}zz`;
    // escapeHref also refuses a non-http(s) link here, as renderEmail would.
    fills.push(kind === 'url' ? escapeHref(value) : escapeHtml(value));
    return kind === 'url' ? `${SLOT_URL}${token}` : token;
  });
  const mjml = buildMjml(templateFrame);
  let template = COMPILED.get(mjml);
  if (template === undefined) {
    template = await compile(mjml);
    if (COMPILED.size >= COMPILED_MAX) COMPILED.delete(COMPILED.keys().next().value ?? '');
    COMPILED.set(mjml, template);
  }
  // One pass over the ~35 kB page for every placeholder, instead of a split and join of the page
  // per placeholder (each a copy of it).
  const html = template.replace(SLOT_PATTERN, (_match, index: string) => fills[Number(index)] ?? '');
  const frame = build((value) => value);
  return { subject: singleLine(frame.subject), html, text: buildText(frame) };
}
