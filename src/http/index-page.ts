/**
 * GET /: what this emulator serves (endpoints.ts), with the day it lives on. HTML for a browser (Accept names
 * text/html), JSON for anyone asking for JSON or anything (Accept: * / *, none).
 */
import type { Request, RequestHandler, Response } from 'express';
import type { TodayState } from '../scenario/today.js';
import { escapeText, escapeAttr } from '../xml/write.js';
import type { ServedKind, ServedService } from './endpoints.js';
import { sendProblem } from './problem.js';
import { publicBase } from './public-base.js';

export interface EndpointIndex {
  name: 'ssbtek-emulator';
  /** The public base URL, else the origin the caller used; every path and link below is relative to it. */
  base: string;
  today: TodayState;
  services: ServedService[];
}

const SECTIONS: { kind: ServedKind; title: string }[] = [
  { kind: 'composite', title: 'SSBTEK (the composite service)' },
  { kind: 'base-service', title: 'Base services, each on its own path' },
  { kind: 'soap', title: 'Personuppgiftstjänsten' },
  { kind: 'rest', title: 'REST adapters' },
  { kind: 'emulator', title: 'The emulator' },
];

export function indexPage(
  services: readonly ServedService[],
  today: () => TodayState,
  publicBaseUrl?: string,
): RequestHandler {
  return (req: Request, res: Response) => {
    const index: EndpointIndex = {
      name: 'ssbtek-emulator',
      base: publicBase(req, res, publicBaseUrl),
      today: today(),
      services: [...services],
    };
    res.vary('Accept');
    switch (req.accepts(['json', 'html'])) {
      case 'json':
        return void res.json(index);
      case 'html':
        return void res.type('text/html; charset=utf-8').send(renderHtml(index));
      default:
        sendProblem(res, {
          type: 'about:blank',
          title: 'Not Acceptable',
          status: 406,
          detail: 'The index is served as application/json or text/html.',
        });
    }
  };
}

const SOURCE_TEXT: Record<TodayState['source'], string> = {
  admin: 'set at run time (PUT /__admin/today; DELETE /__admin/today returns to the configured or real date)',
  config: 'fixed by the configuration (SSBTEK_TODAY or the config file’s today)',
  real: 'the real date in Sweden',
};

function renderHtml(index: EndpointIndex): string {
  const sections = SECTIONS.map(({ kind, title }) => {
    const rows = index.services.filter((s) => s.kind === kind).map(row);
    return rows.length === 0
      ? ''
      : `<h2>${escapeText(title)}</h2>\n<table>\n<tr><th>Service</th><th>Operations</th><th>Contracts</th></tr>\n${rows.join('\n')}\n</table>`;
  });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>SSBTEK emulator</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}code{font-size:.9em}</style></head>
<body>
<h1>SSBTEK emulator</h1>
<p>At <code>${escapeText(index.base)}</code>. Today is <strong>${escapeText(index.today.today)}</strong>: ${escapeText(SOURCE_TEXT[index.today.source])}.
The same index as JSON: <code>curl -H 'Accept: application/json' ${escapeText(index.base)}/</code>.</p>
<p><a href="${escapeAttr(`${index.base}/ui/`)}"><strong>Open the console</strong></a>: the persons, compose and send a query, the live journal, scenarios, validation, the REST services' state and health (loopback or <code>adminHosts</code> only).</p>
${sections.filter(Boolean).join('\n')}
</body>
</html>
`;
}

function row(service: ServedService): string {
  const operations = service.operations.map((op) => `<code>${escapeText(`${op.method} ${op.path}`)}</code>`);
  const contracts = service.contracts.map((c) => `<a href="${escapeAttr(c.href)}">${escapeText(c.title)}</a>`);
  const notes = [
    ...(service.dialects ?? []).map((d) => `${d.dialect}: ${d.namespaces.join(', ')}`),
    ...(service.transport
      ? [`SSBTEK calls it ${service.transport === 'in-process' ? 'in-process' : `at ${service.transport}`}`]
      : []),
  ];
  const name = `<strong>${escapeText(service.id)}</strong><br>${escapeText(service.title)}${notes
    .map((n) => `<br><small>${escapeText(n)}</small>`)
    .join('')}`;
  return `<tr><td>${name}</td><td>${operations.join('<br>')}</td><td>${contracts.join('<br>')}</td></tr>`;
}
