import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { LoginBody } from '@zevents/contracts';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useLogin } from '../../api/useLogin';
import { schemaValidator } from '../../components/ui/schema-validation';
import { useFormErrorResponseHandler } from '../../components/ui/useFormErrorResponseHandler';
import { AuthLayout, safeNextPath } from './AuthLayout';

/** `/login`: email and password; on success, on to the organizer dashboard. */
export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const login = useLogin();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    // An invitation link sends people here with the invited address filled in.
    initialValues: { email: searchParams.get('email') ?? '', password: '' },
    validate: schemaValidator(LoginBody, {
      messages: { email: t('web.auth.login.enterEmail'), password: t('web.auth.login.enterPassword') },
    }),
  });
  const handleError = useFormErrorResponseHandler(form, {
    codeMessages: {
      INVALID_CREDENTIALS: t('web.auth.login.wrongCredentials'),
      RATE_LIMITED: t('web.auth.login.tooMany'),
    },
  });

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
      title={t('web.auth.login.title')}
      subtitle={t('web.auth.login.subtitle')}
      footer={
        <>
          {t('web.auth.login.newHere')}{' '}
          <Anchor component={Link} to={{ pathname: '/signup', search: searchParams.toString() }} fw={600}>
            {t('web.myTickets.createAccount')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
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
            {t('web.common.logIn')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
