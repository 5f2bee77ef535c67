import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type express from 'express';
import { renderFault } from '../xml/soap.js';

/**
 * A front door answers the requests it knows how to answer on its own, below express (node:http only), and says
 * false for every other request, which express then handles as before. It takes only requests it can answer exactly
 * as the express route would; anything unusual (a bad Host, another media type, a compressed or chunked body, a body
 * over the limit, a refused caller) goes to express, so every refusal keeps its one implementation.
 */
export type FrontDoor = (req: IncomingMessage, res: ServerResponse) => boolean;

interface Doors {
  frontDoors: FrontDoor[];
  /** Called first for every request, front door or express (workers on one file take in each other's changes). */
  beforeEach?: () => void;
}

const doors = new WeakMap<express.Express, Doors>();

/** Puts front doors before an app: `requestListener(app)` then tries them first. */
export function withFrontDoors(app: express.Express, frontDoors: FrontDoor[], beforeEach?: () => void): void {
  doors.set(app, { frontDoors, ...(beforeEach && { beforeEach }) });
}

/** What the server calls for every request: the app's front doors first, then the app itself. */
export function requestListener(app: express.Express): RequestListener {
  const { frontDoors = [], beforeEach } = doors.get(app) ?? {};
  if (frontDoors.length === 0 && !beforeEach) return app;
  return (req, res) => {
    beforeEach?.();
    for (const door of frontDoors) if (door(req, res)) return;
    app(req, res);
  };
}

/** A SOAP 1.1 Fault written on node's response (as soap-edge's sendFault, which needs express). */
export function writeFault(res: ServerResponse, status: number, code: string, message: string): void {
  const body = Buffer.from(renderFault({ code, message }), 'utf8');
  // Set, not only written: the journal reads the reply's content type back (res.getHeader).
  res.setHeader('content-type', 'text/xml; charset=utf-8');
  res.writeHead(status, { 'content-length': body.length });
  res.end(body);
}
