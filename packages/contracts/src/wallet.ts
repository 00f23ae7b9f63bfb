import { z } from 'zod';

/** Which wallet buttons the ticket pages show: each only when the operator configured it. */
export const WalletConfig = z
  .object({
    apple: z.boolean().describe('"Add to Apple Wallet": APPLE_PASS_* are set'),
    google: z.boolean().describe('"Save to Google Wallet": GOOGLE_WALLET_* are set'),
  })
  .meta({ id: 'WalletConfig' });
export type WalletConfig = z.infer<typeof WalletConfig>;

export const GoogleWalletSaveLink = z
  .object({
    url: z.string().describe('https://pay.google.com/gp/v/save/<signed JWT>: open it to save the ticket'),
  })
  .meta({ id: 'GoogleWalletSaveLink' });
export type GoogleWalletSaveLink = z.infer<typeof GoogleWalletSaveLink>;

// Apple's pass web service (https://developer.apple.com/documentation/walletpasses): the names and
// shapes are Apple's, called by iPhones, not by the web app.

/** Apple's identifiers: a device's library id, a pass type id (`pass.com.example.tickets`). */
export const ApplePassIdentifierParam = z.string().regex(/^[A-Za-z0-9._-]{1,200}$/);

export const WalletDeviceRegistrationBody = z
  .object({
    pushToken: z.string().trim().min(1).max(512).describe("The device's APNs token for this pass type"),
  })
  .meta({ id: 'WalletDeviceRegistrationBody' });
export type WalletDeviceRegistrationBody = z.infer<typeof WalletDeviceRegistrationBody>;

export const WalletUpdatedPassesQuery = z.object({
  passesUpdatedSince: z
    .string()
    .max(40)
    .optional()
    .describe('The `lastUpdated` tag of the previous answer; absent: every registered pass'),
});

export const WalletUpdatedPasses = z
  .object({
    serialNumbers: z.array(z.string()).describe('The passes (ticket ids) that changed since the tag'),
    lastUpdated: z.string().describe('The tag to send as `passesUpdatedSince` next time'),
  })
  .meta({ id: 'WalletUpdatedPasses' });
export type WalletUpdatedPasses = z.infer<typeof WalletUpdatedPasses>;

export const WalletLogBody = z
  .object({ logs: z.array(z.string().max(2_000)).max(100) })
  .meta({ id: 'WalletLogBody' });
export type WalletLogBody = z.infer<typeof WalletLogBody>;
