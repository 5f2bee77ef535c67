/**
 * The console's only way to the emulator: the admin API (/__admin, its OpenAPI document at /openapi/admin.json)
 * and the public endpoints, at addresses relative to where /ui is (the page's <base href>).
 */
import { adminToken, askForToken, forgetToken } from './auth.js';

/** An address of the emulator, e.g. emulatorUrl('/ssbtek'), wherever it is served (a proxy's prefix included). */
export function emulatorUrl(path: string): string {
  return new URL(`..${path}`, document.baseURI).toString();
}

export const adminUrl = (path: string): string => emulatorUrl(`/__admin${path}`);

/** An answer that is not a success, with the problem document's words when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: { title?: string; detail?: string; errors?: { detail: string }[] },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Headers for an admin request: the token when one was given. */
export function adminHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const token = adminToken();
  return { ...extra, ...(token && { authorization: `Bearer ${token}` }) };
}

/**
 * Fetches an admin path; a 401 asks for the token and tries again. JSON bodies are sent as JSON; a 204 answers
 * undefined; any other failure throws ApiError with the problem's title and detail.
 */
export async function admin<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}) {
  for (;;) {
    const response = await fetch(adminUrl(path), {
      method: init.method ?? 'GET',
      headers: adminHeaders({
        accept: 'application/json',
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      }),
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      ...(init.signal && { signal: init.signal }),
    });
    if (response.status === 401) {
      const hadToken = adminToken() !== undefined;
      forgetToken();
      await askForToken(hadToken ? 'The admin token was not accepted.' : 'This emulator has an admin token.');
      continue;
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (!response.ok) throw problemError(response.status, text);
    return JSON.parse(text) as T;
  }
}

function problemError(status: number, text: string): ApiError {
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string };
    return new ApiError(
      status,
      [problem.title, problem.detail].filter(Boolean).join(': ') || `HTTP ${status}`,
      problem,
    );
  } catch {
    return new ApiError(status, `HTTP ${status}: ${text.slice(0, 200)}`);
  }
}
