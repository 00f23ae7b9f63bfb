import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { LoginBody } from '@zevents/contracts';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useLogin } from '../../api/useLogin';
import { schemaValidator } from '../../components/ui/schema-validation';
import { useFormErrorResponseHandler } from '../../components/ui/useFormErrorResponseHandler';
import { AuthLayout, safeNextPath } from './AuthLayout';

const CODE_MESSAGES = {
  INVALID_CREDENTIALS: 'Wrong email or password. Check both and try again.',
  RATE_LIMITED: 'Too many login attempts. Wait a minute, then try again.',
};

/** `/login`: email and password; on success, on to the organizer dashboard. */
export default function LoginPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const login = useLogin();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    // An invitation link sends people here with the invited address filled in.
    initialValues: { email: searchParams.get('email') ?? '', password: '' },
    validate: schemaValidator(LoginBody, {
      messages: { email: 'Enter your email address', password: 'Enter your password' },
    }),
  });
  const handleError = useFormErrorResponseHandler(form, { codeMessages: CODE_MESSAGES });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await login.mutateAsync({ email: values.email.trim(), password: values.password });
      void navigate(safeNextPath(searchParams.get('next')), { replace: true });
    } catch (error) {
      setFormError(handleError(error));
    }
  });

  return (
    <AuthLayout
      title="Welcome back"
      subtitle="Log in to manage your events, sales and check-ins."
      footer={
        <>
          New to Z-Events?{' '}
          <Anchor component={Link} to={{ pathname: '/signup', search: searchParams.toString() }} fw={600}>
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            size="md"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            size="md"
            {...form.getInputProps('password')}
          />
          {formError && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {formError}
            </Alert>
          )}
          <Button type="submit" size="md" fullWidth loading={login.isPending}>
            Log in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
