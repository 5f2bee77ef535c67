/**
 * The console (/ui): the single-page app built by `npm run build` into dist/ui (ui/vite.config.ts), served as
 * static files. Hashed assets are cached for a year; every other path below /ui is the app itself (deep links:
 * /ui/journal/<id>, /ui/persons/<number>), with a <base href> naming where /ui is as the browser sees it (behind a
 * proxy's path prefix too), so asset and API addresses resolve from there. The app talks only to the admin API and
 * the public endpoints. Nothing is fetched from elsewhere, and the Content-Security-Policy says so to the browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { PROJECT_ROOT } from '../xml/schema.js';
import { sendProblem } from './problem.js';

export const CONSOLE_PATH = '/ui';
export const CONSOLE_DIR = path.join(PROJECT_ROOT, 'dist', 'ui');

/** Only the emulator's own origin, never framed (clickjacking), no inline script. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Where the built page says its base is (ui/index.html); replaced by where /ui is when served. */
const BASE_MARK = /<base href="\.\/"\s*\/?>/;

/** Where /ui is as the browser sees it: below the public base URL's path, if it has one. */
function consoleBase(publicBaseUrl: string | undefined): string {
  const prefix = publicBaseUrl === undefined ? '' : new URL(publicBaseUrl).pathname.replace(/\/+$/, '');
  return `${prefix}${CONSOLE_PATH}/`;
}

export function consoleRouter(options: { dir?: string; publicBaseUrl?: string } = {}): Router {
  const dir = options.dir ?? CONSOLE_DIR;
  const base = consoleBase(options.publicBaseUrl);
  let page: string | undefined;
  /** index.html with its base, read once (a rebuild while serving is picked up by a restart). */
  const indexPage = (): string | undefined => {
    if (page !== undefined) return page;
    const file = path.join(dir, 'index.html');
    if (!fs.existsSync(file)) return undefined;
    page = fs.readFileSync(file, 'utf8').replace(BASE_MARK, `<base href="${base}">`);
    return page;
  };

  const router = Router();
  router.use(CONSOLE_PATH, (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  router.use(
    `${CONSOLE_PATH}/assets`,
    express.static(path.join(dir, 'assets'), {
      index: false,
      fallthrough: false,
      redirect: false,
      // File names carry a hash of their content: a new build is a new name.
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
    (error: { status?: number }, _req: Request, res: Response, _next: express.NextFunction) => {
      sendProblem(res, { type: 'about:blank', title: 'Not Found', status: error.status ?? 404 });
    },
  );
  router.use(CONSOLE_PATH, (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('Allow', 'GET, HEAD');
      return sendProblem(res, { type: 'about:blank', title: 'Method Not Allowed', status: 405 });
    }
    const html = indexPage();
    if (html === undefined) {
      return sendProblem(res, {
        type: 'about:blank',
        title: 'Console not built',
        status: 503,
        detail: `${path.join(dir, 'index.html')} is missing: run npm run build (it builds the console too).`,
      });
    }
    res.type('text/html; charset=utf-8').send(html);
  });
  return router;
}
