import { csrfHeaders, toApiError } from './client';

/**
 * Sends a `multipart/form-data` form with the session cookie and the CSRF header, reporting how much
 * has gone out (0 to 1). XMLHttpRequest rather than fetch: only it reports an upload's progress.
 * The browser writes the multipart Content-Type itself (with its boundary), so none is set here.
 */
export function uploadForm<T>(
  path: string,
  form: FormData,
  options: { method?: 'PUT' | 'POST'; onProgress?: (fraction: number) => void } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(options.method ?? 'PUT', path);
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) request.setRequestHeader(name, value);
    request.upload.onprogress = (progress) => {
      if (progress.lengthComputable) options.onProgress?.(progress.loaded / progress.total);
    };
    request.onerror = () => reject(new Error('The upload failed: check your connection and try again'));
    request.onload = () => {
      const isJson = (request.getResponseHeader('content-type') ?? '').includes('json');
      let payload: unknown = request.responseText;
      if (isJson) {
        try {
          payload = JSON.parse(request.responseText);
        } catch {
          // A truncated answer: keep the text, the error below still carries the status.
        }
      }
      if (request.status >= 200 && request.status < 300) resolve(payload as T);
      else reject(toApiError(request.status, payload));
    };
    request.send(form);
  });
}
