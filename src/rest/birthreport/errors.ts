/**
 * The service's error bodies, exactly in the shapes Inera describes: ApiError (title, detail, status, errorId and,
 * for 400, invalidParameters) for every error but 403, which has the gateway's own shape (timestamp, status, error,
 * message, path).
 */
import { randomUUID } from 'node:crypto';

export interface InvalidParameter {
  reason: string;
  /** The rejected value as text; null when the field is missing. */
  value: string | null;
  property: string;
}

export interface ApiError {
  title: string;
  detail: string;
  status: number;
  errorId: string;
  invalidParameters?: InvalidParameter[];
}

export interface ForbiddenBody {
  timestamp: string;
  status: 403;
  error: 'Forbidden';
  message: string;
  path: string;
}

/** Statuses X-Emulator-Error can ask for: the ones the service can give without a rule of their own. */
export const EMULATED_ERROR_STATUSES = [403, 422, 500, 502, 503, 504] as const;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function apiError(status: number, detail: string, invalidParameters?: InvalidParameter[]): ApiError {
  return {
    title: TITLES[status] ?? 'Error',
    detail,
    status,
    errorId: randomUUID(),
    ...(invalidParameters ? { invalidParameters } : {}),
  };
}

/** The 403 body; the timestamp in the form the gateway writes it (2024-11-22T11:03:06.771+00:00). */
export function forbiddenBody(path: string, now: Date = new Date()): ForbiddenBody {
  return {
    timestamp: now.toISOString().replace('Z', '+00:00'),
    status: 403,
    error: 'Forbidden',
    message: 'No message available',
    path,
  };
}

/** What an emulated error says (X-Emulator-Error), per status. */
export const EMULATED_DETAILS: Record<number, string> = {
  422: 'The report could not be processed (emulated by X-Emulator-Error).',
  500: 'An unexpected error occurred (emulated by X-Emulator-Error).',
  502: 'Birth report not created: error when communicating with Skatteverket (emulated by X-Emulator-Error).',
  503: 'The service is unavailable (emulated by X-Emulator-Error).',
  504: 'Birth report not created: Skatteverket did not answer in time (emulated by X-Emulator-Error).',
};

/** A value as InvalidParameter.value: text as is, anything else as (short) JSON, a missing value as null. */
export function valueText(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 200 ? `${json.slice(0, 200)}…` : json;
}
