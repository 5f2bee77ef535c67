/** RFC 9457 problem documents for the administration API, and express-openapi-validator's errors turned into one. */
import type { Response } from 'express';

export interface ProblemItem {
  pointer?: string;
  parameter?: string;
  detail: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A problem the handlers throw; the router's error handler sends it. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    detail: string,
    readonly errors?: ProblemItem[],
  ) {
    super(detail);
  }
}

export function sendProblem(res: Response, instance: string, problem: Problem): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `urn:emulator:pu-admin:problem:${problem.slug}`,
        title: TITLES[problem.status] ?? 'Error',
        status: problem.status,
        detail: problem.message,
        instance,
        ...(problem.errors ? { errors: problem.errors } : {}),
      }),
    );
}

export interface ValidatorErrorItem {
  path: string;
  message: string;
}

/** '/body/consent/givenAt' → pointer /consent/givenAt; '/query/lan' → parameter lan. */
export function fromValidatorErrors(errors: readonly ValidatorErrorItem[]): ProblemItem[] {
  return errors.map(({ path, message }) => {
    const [, where = '', ...rest] = path.split('/');
    if (where === 'body') return { pointer: `/${rest.join('/')}`, detail: message };
    if (['query', 'params', 'headers', 'path'].includes(where)) return { parameter: rest.join('/'), detail: message };
    return { pointer: path, detail: message };
  });
}
