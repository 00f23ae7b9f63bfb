import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Event, Image, ImageView } from '@zevents/contracts';
import { api } from '../../../api/client';
import { uploadForm } from '../../../api/upload';
import { eventQueryKey } from '../queries/useEvent';
import { organizationEventsQueryKey } from '../queries/useOrganizationEvents';

const coverPath = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/cover`;

/** What an event answer carries of an uploaded image (the upload answers with more). */
export const toImageView = ({ url, srcset, width, height, alt }: Image): ImageView => ({
  url,
  srcset,
  width,
  height,
  alt,
});

export interface CoverUpload {
  file: File;
  alt: string;
  onProgress?: (fraction: number) => void;
}

/** Uploads (or replaces) the event's cover; the editor shows it at once, the lists on their next read. */
export function useUploadEventCover(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, alt, onProgress }: CoverUpload) => {
      const form = new FormData();
      if (alt.trim()) form.append('alt', alt.trim());
      form.append('file', file);
      return uploadForm<Image>(coverPath(eventId), form, { onProgress });
    },
    onSuccess: (image) => {
      queryClient.setQueryData<Event>(eventQueryKey(eventId), (old) =>
        old ? { ...old, cover: toImageView(image) } : old,
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: organizationEventsQueryKey(image.organizationId) }),
        queryClient.invalidateQueries({ queryKey: ['public-event'] }),
        queryClient.invalidateQueries({ queryKey: ['public-events'] }),
      ]);
    },
  });
}

export function useRemoveEventCover(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(coverPath(eventId), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.setQueryData<Event>(eventQueryKey(eventId), (old) => {
        if (!old) return old;
        const { cover: _removed, ...rest } = old;
        return rest;
      });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: eventQueryKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: ['public-event'] }),
        queryClient.invalidateQueries({ queryKey: ['public-events'] }),
      ]);
    },
  });
}
