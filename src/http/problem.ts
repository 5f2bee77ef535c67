import type { Response } from 'express';

/** An RFC 9457 problem document, written with its members in the order given (extension members after). */
export interface ProblemDocument {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

/** Sends a problem document as application/problem+json with its status (never a stack trace). */
export function sendProblem(res: Response, problem: ProblemDocument): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
