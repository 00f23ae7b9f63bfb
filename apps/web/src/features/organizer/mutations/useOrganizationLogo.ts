import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Image } from '@zevents/contracts';
import { api } from '../../../api/client';
import { meQueryKey } from '../../../api/session';
import { uploadForm } from '../../../api/upload';

const logoPath = (organizationId: string) => `/api/organizations/${encodeURIComponent(organizationId)}/logo`;

export interface LogoUpload {
  file: File;
  onProgress?: (fraction: number) => void;
}

/**
 * Uploads (or replaces) the organization's logo. The organizer pages read it from /api/me and the
 * public pages from their events, so both are read again.
 */
export function useUploadOrganizationLogo(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: LogoUpload) => {
      const form = new FormData();
      form.append('file', file);
      return uploadForm<Image>(logoPath(organizationId), form, { onProgress });
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['public-event'] }),
      ]),
  });
}

export function useRemoveOrganizationLogo(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(logoPath(organizationId), { method: 'DELETE' }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['public-event'] }),
      ]),
  });
}
