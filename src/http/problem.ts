import type { Response } from 'express';
import type { ServerResponse } from 'node:http';

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

/** sendProblem on node's response (for an answer written below express): the same document, without an ETag. */
export function writeProblem(res: ServerResponse, problem: ProblemDocument): void {
  const body = Buffer.from(JSON.stringify(problem), 'utf8');
  res.writeHead(problem.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
}
