import type { ApiErrorBody, FieldError } from '../../domain/errors.js';

/** An error the API answered with (or the network failure we dress up the same way). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly fields: Record<string, FieldError> | undefined;

  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageZh = body.messageZh;
    this.fields = body.fields;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

export function errorText(err: unknown, lang: 'zh' | 'en'): string {
  if (err instanceof ApiError) return lang === 'zh' ? err.messageZh : err.message;
  return lang === 'zh' ? '发生未知错误，请稍后重试。' : 'Something went wrong; please try again.';
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /**
   * When false, a 401 is returned to the caller as an ApiError instead of ending the session in the UI
   * (login, the "who am I" probe, and change-password, whose 401 may mean a wrong current password).
   */
  sessionRedirect?: boolean;
}

interface ApiEvents {
  onUnauthorized: () => void;
  onPasswordChangeRequired: () => void;
}

let events: ApiEvents = { onUnauthorized: () => {}, onPasswordChangeRequired: () => {} };

/** Wired once in main.tsx, so that this module knows nothing about React, routing or the query cache. */
export function setApiEvents(next: ApiEvents): void {
  events = next;
}

// The CSRF token lives only in memory: it comes with the login response and with GET /api/auth/me.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const NO_SESSION_PATHS = new Set(['/api/auth/login', '/api/setup']);

async function refreshCsrfToken(): Promise<void> {
  const res = await fetch('/api/auth/me', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (!res.ok) return;
  const me = (await res.json()) as { csrfToken?: string };
  csrfToken = me.csrfToken ?? null;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

const NETWORK_ERROR: ApiErrorBody['error'] = {
  code: 'network.unreachable',
  message: 'The server cannot be reached. Check the network and try again.',
  messageZh: '无法连接服务器，请检查网络后重试。',
};

async function readError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    if (body.error && typeof body.error.code === 'string') return new ApiError(res.status, body.error);
  } catch {
    // not JSON: a proxy or gateway answered
  }
  return new ApiError(res.status, {
    code: `http.${res.status}`,
    message: `The server answered ${res.status} ${res.statusText}. Please try again later.`,
    messageZh: `服务器返回错误（${res.status}），请稍后重试。`,
  });
}

async function send(method: string, url: string, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // FormData sets its own multipart content type, boundary included.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    // The public investor portal (/api/portal/…) has no session to fetch a token for.
    if (!csrfToken && !NO_SESSION_PATHS.has(path) && !path.startsWith('/api/portal/'))
      await refreshCsrfToken();
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const url = buildUrl(path, opts.query);
  let res = await send(method, url, path, opts.body);
  let error = res.ok ? null : await readError(res);

  // A stale token (the session was renewed elsewhere): fetch a fresh one and try once more.
  if (error && res.status === 403 && method !== 'GET' && error.code.toLowerCase().includes('csrf')) {
    await refreshCsrfToken();
    res = await send(method, url, path, opts.body);
    error = res.ok ? null : await readError(res);
  }

  if (error) {
    if (error.status === 401 && opts.sessionRedirect !== false) {
      csrfToken = null;
      events.onUnauthorized();
    }
    if (error.code === 'auth.password_change_required') events.onPasswordChangeRequired();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data; append the fields in the order the server reads them. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};
