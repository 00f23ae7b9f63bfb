import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { SignupBody } from '@zevents/contracts';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../../api/client';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSignup } from '../../api/useSignup';
import { schemaValidator } from '../../components/ui/schema-validation';
import { useFormErrorResponseHandler } from '../../components/ui/useFormErrorResponseHandler';
import { AuthLayout, safeNextPath } from './AuthLayout';
import { MIN_PASSWORD_LENGTH } from './validation';
import { rememberSignupIntent } from './signup-intent';

/** The invitation link's token, when the person came from one (see authLink): it confirms the address. */
function invitationTokenOf(searchParams: URLSearchParams): string | undefined {
  const token = searchParams.get('invitation');
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
}

const CODE_MESSAGES = {
  RATE_LIMITED: 'Too many attempts. Wait a minute, then try again.',
};

/** `/signup`: name, email and password; the new account is logged in straight away. */
export default function SignupPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const signup = useSignup();
  const [formError, setFormError] = useState<string | null>(null);
  const [isEmailTaken, setEmailTaken] = useState(false);
  const form = useForm({
    // An invitation link sends people here with the invited address filled in.
    initialValues: { name: '', email: searchParams.get('email') ?? '', password: '' },
    validate: schemaValidator(SignupBody, {
      messages: {
        name: 'Enter your name',
        email: 'Enter a valid email address',
        password: (issue) =>
          issue.code === 'too_big'
            ? 'Use at most 200 characters'
            : `Use at least ${MIN_PASSWORD_LENGTH} characters`,
      },
    }),
  });
  const handleError = useFormErrorResponseHandler(form, { codeMessages: CODE_MESSAGES });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setEmailTaken(false);
    try {
      await signup.mutateAsync({
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        invitationToken: invitationTokenOf(searchParams),
      });
      rememberSignupIntent(searchParams.get('next'));
      void navigate(safeNextPath(searchParams.get('next')), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'EMAIL_TAKEN') {
        form.setFieldError('email', 'An account with this email already exists');
        setEmailTaken(true);
        return;
      }
      setFormError(handleError(error));
    }
  });

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Sell tickets in minutes: create an event, add ticket types, publish."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to={{ pathname: '/login', search: searchParams.toString() }} fw={600}>
            Log in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            size="md"
            {...form.getInputProps('name')}
          />
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
            description={`At least ${MIN_PASSWORD_LENGTH} characters`}
            autoComplete="new-password"
            required
            size="md"
            {...form.getInputProps('password')}
          />
          {isEmailTaken && (
            <Alert
              color="orange"
              icon={<IconAlertTriangle aria-hidden />}
              role="alert"
              title="You already have an account"
            >
              This email is already registered.{' '}
              <Anchor component={Link} to="/login" fw={600}>
                Log in instead
              </Anchor>
              .
            </Alert>
          )}
          {formError && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {formError}
            </Alert>
          )}
          <Button type="submit" size="md" fullWidth loading={signup.isPending}>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
