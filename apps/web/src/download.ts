import { ApiError, session } from './api.ts';

/**
 * Fetch an API file with the session's token and save it under the name the API gives
 * (`Content-Disposition`), or `fallbackName`. A failed request throws its problem as an ApiError.
 */
export async function downloadFile(url: URL, fallbackName: string, accept?: string): Promise<void> {
  const res = await fetch(url, {
    headers: { ...(accept ? { accept } : {}), authorization: `Bearer ${session.token ?? ''}` },
  });
  if (!res.ok)
    throw new ApiError(res.status, (await res.json().catch(() => ({}))) as Record<string, unknown>);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 1000);
}
