/**
 * A stand-in for Stripe.js (https://js.stripe.com/<train>/stripe.js) for the browser tests, which run
 * without internet. Playwright serves it in place of the real script; it offers what the checkout page
 * and @stripe/react-stripe-js use: Stripe(key), elements({clientSecret}), a Payment Element with card
 * fields, and confirmPayment, which posts the card to https://api.stripe.com/v1/payment_intents/{id}/confirm
 * like Stripe.js does (the tests route that host to the local fake of Stripe's API, which then sends
 * the signed webhook to the app). It renders its fields in the page instead of Stripe's iframes.
 */
(function installFakeStripe() {
  const API = 'https://api.stripe.com';

  function createEmitter() {
    const handlers = new Map();
    return {
      on(event, handler) {
        if (!handlers.has(event)) handlers.set(event, new Set());
        handlers.get(event).add(handler);
      },
      off(event, handler) {
        handlers.get(event)?.delete(handler);
      },
      emit(event, payload) {
        for (const handler of handlers.get(event) ?? []) handler(payload);
      },
    };
  }

  function field(label, name, placeholder, autocomplete) {
    const wrapper = document.createElement('label');
    wrapper.style.cssText =
      'display:flex;flex-direction:column;gap:4px;min-width:0;font:14px system-ui;color:#30313d';
    wrapper.textContent = label;
    const input = document.createElement('input');
    input.name = name;
    input.placeholder = placeholder;
    input.autocomplete = autocomplete;
    input.inputMode = 'numeric';
    input.style.cssText =
      'box-sizing:border-box;width:100%;min-width:0;padding:10px 12px;border:1px solid #e6e6e6;border-radius:8px;font-size:16px';
    wrapper.appendChild(input);
    return { wrapper, input };
  }

  function createPaymentElement() {
    const emitter = createEmitter();
    const number = field('Card number', 'cardnumber', '1234 1234 1234 1234', 'cc-number');
    const expiry = field('Expiration date', 'exp-date', 'MM / YY', 'cc-exp');
    const cvc = field('Security code', 'cvc', 'CVC', 'cc-csc');
    const root = document.createElement('div');
    root.setAttribute('data-testid', 'fake-stripe-payment-element');
    root.style.cssText = 'display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px';
    number.wrapper.style.gridColumn = '1 / -1';
    root.append(number.wrapper, expiry.wrapper, cvc.wrapper);

    const digits = () => number.input.value.replace(/\D/g, '');
    const state = () => {
      const complete =
        digits().length >= 16 && expiry.input.value.trim() !== '' && cvc.input.value.trim() !== '';
      const empty = digits() === '' && expiry.input.value === '' && cvc.input.value === '';
      return { elementType: 'payment', complete, empty, collapsed: false, value: { type: 'card' } };
    };
    for (const input of [number.input, expiry.input, cvc.input])
      input.addEventListener('input', () => emitter.emit('change', state()));

    return {
      on: emitter.on,
      off: emitter.off,
      once: emitter.on,
      mount(target) {
        const node = typeof target === 'string' ? document.querySelector(target) : target;
        node.appendChild(root);
        setTimeout(() => emitter.emit('ready', { elementType: 'payment' }), 0);
      },
      unmount() {
        root.remove();
      },
      destroy() {
        root.remove();
      },
      update() {},
      focus() {
        number.input.focus();
      },
      blur() {},
      clear() {
        number.input.value = expiry.input.value = cvc.input.value = '';
      },
      collapse() {},
      /** Like Stripe's own checks before anything is sent: a validation_error, or null. */
      validate() {
        if (digits().length < 16)
          return {
            type: 'validation_error',
            code: 'incomplete_number',
            message: 'Your card number is incomplete.',
          };
        if (expiry.input.value.trim() === '')
          return {
            type: 'validation_error',
            code: 'incomplete_expiry',
            message: "Your card's expiration date is incomplete.",
          };
        if (cvc.input.value.trim() === '')
          return {
            type: 'validation_error',
            code: 'incomplete_cvc',
            message: "Your card's security code is incomplete.",
          };
        return null;
      },
      cardNumber: digits,
    };
  }

  function createElements(options) {
    let paymentElement = null;
    return {
      clientSecret: options?.clientSecret,
      create(type) {
        if (type !== 'payment') throw new Error(`fake Stripe.js: only the Payment Element, not ${type}`);
        paymentElement = createPaymentElement();
        return paymentElement;
      },
      getElement(type) {
        return type === 'payment' ? paymentElement : null;
      },
      update() {},
      fetchUpdates: async () => ({}),
      async submit() {
        const error = paymentElement?.validate() ?? null;
        return error ? { error } : {};
      },
      paymentElement: () => paymentElement,
    };
  }

  function Stripe(key) {
    if (typeof key !== 'string' || !key.startsWith('pk_')) throw new Error('Invalid Stripe publishable key');
    const unsupported = async () => ({
      error: { type: 'invalid_request_error', message: 'Not in the fake' },
    });
    return {
      elements: createElements,
      createToken: unsupported,
      createPaymentMethod: unsupported,
      confirmCardPayment: unsupported,
      registerAppInfo() {},
      _registerWrapper() {},
      async confirmPayment({ elements, confirmParams }) {
        const element = elements.paymentElement();
        const invalid = element
          ? element.validate()
          : { type: 'validation_error', message: 'No Payment Element' };
        if (invalid) return { error: invalid };
        const secret = elements.clientSecret;
        const intentId = String(secret).split('_secret_')[0];
        const body = new URLSearchParams({
          key,
          client_secret: secret,
          'payment_method_data[type]': 'card',
          'payment_method_data[card][number]': element.cardNumber(),
          return_url: confirmParams?.return_url ?? '',
        });
        try {
          const res = await fetch(`${API}/v1/payment_intents/${intentId}/confirm`, { method: 'POST', body });
          const json = await res.json();
          return res.ok ? { paymentIntent: json } : { error: json.error };
        } catch (cause) {
          return { error: { type: 'api_connection_error', message: `Could not reach Stripe: ${cause}` } };
        }
      },
    };
  }
  Stripe.version = 'endive';
  window.Stripe = Stripe;
})();
