import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateOrganizationBody, Organization } from '@zevents/contracts';
import { api } from '../../../api/client';
import { meQueryKey } from '../../../api/session';

/** Creates an organization with the caller as owner; /me lists it afterwards. */
export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationBody) =>
      api<Organization>('/api/organizations', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
