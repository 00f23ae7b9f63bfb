import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { SignupBody } from '@zevents/contracts';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../../api/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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

/** `/signup`: name, email and password; the new account is logged in straight away. */
export default function SignupPage() {
  const { t } = useTranslation();
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
        name: t('web.auth.signup.enterName'),
        email: t('web.auth.signup.enterValidEmail'),
        password: (issue) =>
          issue.code === 'too_big'
            ? t('web.auth.signup.atMost')
            : t('web.auth.signup.atLeast', { min: MIN_PASSWORD_LENGTH }),
      },
    }),
  });
  const handleError = useFormErrorResponseHandler(form, {
    codeMessages: { RATE_LIMITED: t('web.auth.rateLimited') },
  });

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
        form.setFieldError('email', t('web.auth.signup.emailTaken'));
        setEmailTaken(true);
        return;
      }
      setFormError(handleError(error));
    }
  });

  return (
    <AuthLayout
      title={t('web.auth.signup.title')}
      subtitle={t('web.auth.signup.subtitle')}
      footer={
        <>
          {t('web.auth.signup.haveAccount')}{' '}
          <Anchor component={Link} to={{ pathname: '/login', search: searchParams.toString() }} fw={600}>
            {t('web.common.logIn')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('web.auth.signup.name')}
            autoComplete="name"
            required
            size="md"
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('web.auth.email')}
            type="email"
            autoComplete="email"
            required
            size="md"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('web.auth.password')}
            description={t('web.auth.signup.passwordHint', { min: MIN_PASSWORD_LENGTH })}
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
              title={t('web.auth.signup.alreadyTitle')}
            >
              {t('web.auth.signup.alreadyBody')}{' '}
              <Anchor component={Link} to="/login" fw={600}>
                {t('web.auth.signup.logInInstead')}
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
            {t('web.auth.signup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
