/**
 * The place where iPhones would be told that the passes of an event changed (the event moved, was
 * renamed or cancelled), so Wallet fetches them at once instead of when the holder next opens the
 * pass. It does nothing yet, on purpose: the push goes to Apple's servers, which this server cannot
 * reach in development or in tests.
 *
 * What goes here: for each push token of `wallet_registrations` with this `event_id` (see
 * `wallet_registrations_event_idx`), an HTTP/2 POST to `https://api.push.apple.com/3/device/<token>`
 * with the header `apns-topic: <APPLE_PASS_TYPE_ID>` and an empty JSON body `{}`, over TLS with the
 * same Pass Type ID certificate and key that sign the passes (APPLE_PASS_CERT, APPLE_PASS_KEY): no
 * further setting is needed. Apple then calls GET /api/wallet/v1/devices/... and /passes/..., which
 * already answer with what changed. Sent from a job (`wallet.push-pass-updates`), never inside the
 * event's transaction; a 410 from Apple means the device is gone: delete its registration.
 */
export function notifyPassUpdated(_eventId: string): void {
  // Intentionally empty: see above.
}
