import { Button, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { renderWithProviders } from '../../test/render';
import { useFormErrorResponseHandler, type FormErrorOptions } from './useFormErrorResponseHandler';

/** A form whose submit always fails with the given error, as a server answer would. */
function FailingForm({ error, options }: { error: unknown; options?: FormErrorOptions }) {
  const form = useForm({ initialValues: { email: '', name: '' } });
  const handleError = useFormErrorResponseHandler(form, options);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form onSubmit={form.onSubmit(() => setMessage(handleError(error)))}>
      <TextInput label="Email" {...form.getInputProps('email')} />
      <TextInput label="Name" {...form.getInputProps('name')} />
      {message && <div role="alert">{message}</div>}
      <Button type="submit">Send</Button>
    </form>
  );
}

const validationError = (errors: Array<{ path: string; message: string }>) =>
  new ApiError(400, { code: 'VALIDATION_FAILED', detail: 'The request body is invalid', errors });

describe('useFormErrorResponseHandler', () => {
  it('puts a field error from the server on the email field', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <FailingForm error={validationError([{ path: 'email', message: 'invalid email address' }])} />,
    );
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const email = screen.getByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Invalid email address')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).not.toHaveAttribute('aria-invalid', 'true');
    // Every problem landed on a field, so nothing more is said above the form.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('maps server paths onto differently named fields', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <FailingForm
        error={validationError([{ path: 'buyer.email', message: 'Invalid email address' }])}
        options={{ fields: { 'buyer.email': 'email' } }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
  });

  it('reports problems that match no field, and codes without fields, above the form', async () => {
    const user = userEvent.setup();
    const { unmount } = renderWithProviders(
      <FailingForm error={validationError([{ path: 'items.0.quantity', message: 'between 1 and 4' }])} />,
    );
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert')).toHaveTextContent('items.0.quantity: between 1 and 4');
    unmount();

    renderWithProviders(
      <FailingForm
        error={new ApiError(401, { code: 'INVALID_CREDENTIALS', detail: 'Invalid email or password' })}
        options={{ codeMessages: { INVALID_CREDENTIALS: 'Wrong email or password.' } }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Wrong email or password.');
  });
});
