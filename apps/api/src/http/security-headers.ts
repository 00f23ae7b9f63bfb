import helmet from 'helmet';

/**
 * Helmet's defaults (a strict same-origin Content-Security-Policy among them), widened only as far as
 * Stripe Elements needs when Stripe takes the payments: Stripe.js from js.stripe.com, its card fields
 * in frames from js.stripe.com (and 3-D Secure from hooks.stripe.com), its calls to api.stripe.com.
 * With the test provider the page may load nothing from anywhere but this server.
 */
export function securityHeaders(options: { allowStripe: boolean }) {
  if (!options.allowStripe) return helmet();
  return helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", 'https://js.stripe.com'],
        frameSrc: ["'self'", 'https://js.stripe.com', 'https://hooks.stripe.com'],
        connectSrc: ["'self'", 'https://api.stripe.com'],
        imgSrc: ["'self'", 'data:', 'https://*.stripe.com'],
      },
    },
  });
}
