import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
  /** Shown inside the HTML as `cid:<cid>` (an inline chart) instead of as a file to download. */
  cid?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
  /** Lets the receiving side (and our tests) tie a message to its outbox row. */
  headers: Record<string, string>;
}

export interface Mailer {
  /** false: no SMTP configured, messages stay in the outbox and the development mailbox. */
  readonly isDelivering: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer with bounded timeouts, so a hung server fails the job instead of a worker. */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  timeoutMs?: number;
}): Mailer {
  if (!options.smtpUrl) {
    return { isDelivering: false, async send() {}, close() {} };
  }
  const timeout = options.timeoutMs ?? 15_000;
  const poolOptions: SMTPPool.Options = {
    url: options.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    pool: true,
    // Eight messages on the wire at once keep up with the send job's concurrency (notifications.jobs.ts).
    maxConnections: 8,
  };
  const transport = nodemailer.createTransport(poolOptions);
  return {
    isDelivering: true,
    async send(message) {
      // Base64 is encoded natively; quoted-printable, nodemailer's default for the HTML part, cost
      // more CPU than anything else of a reminder's send.
      const mime = new MailComposer({ from: options.from, textEncoding: 'base64', ...message }).compile();
      // Built whole before it goes out: streamed, a message with four PDFs reached the socket in
      // many small writes, a system call each; one buffer goes out in a few. Date and Message-ID
      // are set by the build, the envelope is the message's own From and To.
      const raw = await mime.build();
      await transport.sendMail({ envelope: mime.getEnvelope(), raw });
    },
    close() {
      transport.close();
    },
  };
}
