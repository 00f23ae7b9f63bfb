import { CreateOrderBody, LoginBody } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { schemaValidator } from './schema-validation';

describe('schemaValidator', () => {
  it('says the form’s own sentence for each field the contract refuses', () => {
    const validate = schemaValidator<{ email: string; password: string }>(LoginBody, {
      messages: { email: 'Enter your email address', password: 'Enter your password' },
    });
    expect(validate({ email: 'nope', password: '' })).toEqual({
      email: 'Enter your email address',
      password: 'Enter your password',
    });
    expect(validate({ email: ' ada@example.com ', password: 'x' })).toEqual({});
  });

  it('maps body paths onto differently named fields', () => {
    const validate = schemaValidator<{ name: string; email: string }>(CreateOrderBody.pick({ buyer: true }), {
      toBody: (values) => ({ buyer: values }),
      fields: { 'buyer.name': 'name', 'buyer.email': 'email' },
      messages: { email: 'Enter a valid email' },
    });
    expect(validate({ name: 'Ada', email: 'ada@' })).toEqual({ email: 'Enter a valid email' });
  });

  it('adds the form-only checks where the schema found nothing, and lets the schema win where it did', () => {
    const validate = schemaValidator<{ email: string; password: string }>(LoginBody, {
      messages: { email: 'Enter your email address' },
      extraChecks: (values) => ({
        email: 'Use your work address',
        password: values.password === 'password' ? 'Pick a real password' : null,
      }),
    });
    expect(validate({ email: 'nope', password: 'password' })).toEqual({
      email: 'Enter your email address',
      password: 'Pick a real password',
    });
    expect(validate({ email: 'ada@example.com', password: 'x' })).toEqual({ email: 'Use your work address' });
  });
});
