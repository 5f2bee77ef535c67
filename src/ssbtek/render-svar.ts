import { el, elements, type XElement } from '../xml/tree.js';
import type { DialectBinding } from './dialects.js';
import { SERVICE_IDS, SKV_DELAR, type SsbtekFraga, type TjanstResultat, type TjanstUtfall } from './model.js';

/** Builds hamtaBastjanstInformationResponse in the namespace the query was asked in. */
export function renderSvar(fraga: SsbtekFraga, results: TjanstResultat[], binding: DialectBinding): XElement {
  const ns = binding.namespace;
  const byService = new Map(results.map((r) => [r.service, r.utfall]));
  return el(ns, 'hamtaBastjanstInformationResponse', [
    fraga.fraganSkallInkluderasISvaret && el(ns, 'fraga', elements(fraga.original)),
    fraga.frageTidpunkt !== undefined && el(ns, 'frageTidpunkt', fraga.frageTidpunkt),
    fraga.korrelationsid !== undefined && el(ns, 'korrelationsid', fraga.korrelationsid),
    el(
      ns,
      'svarsdata',
      SERVICE_IDS.map((id) => {
        const utfall = byService.get(id);
        return utfall && el(ns, id, renderUtfall(utfall, binding));
      }),
    ),
  ]);
}

/** A service's answer: the children of its element in svarsdata (`data` or `error`; v11 SKV: one per part). */
export function renderUtfall(utfall: TjanstUtfall, binding: DialectBinding): XElement[] {
  const ns = binding.namespace;
  if (utfall.kind === 'error') return [renderError(utfall.kalla, utfall.felkod, utfall.felmeddelande, binding)];
  const data = utfall.data;
  switch (data.kind) {
    case 'xml':
      return [el(ns, 'data', data.children)];
    case 'base64':
      return [el(ns, 'data', [el(ns, data.element, data.base64)])];
    case 'skvDelar':
      // SkatteverketSvar in v11: a SkatteverketDelSvar per part asked for, in the contract's order.
      return SKV_DELAR.flatMap((del) => {
        const part = data.delar[del];
        if (!part) return [];
        const inner =
          part.kind === 'data'
            ? el(ns, 'data', part.base64)
            : renderError(part.kalla, part.felkod, part.felmeddelande, binding);
        return [el(ns, del, [inner])];
      });
  }
}

export function renderError(
  kalla: 'BT' | 'SSBT',
  felkod: string,
  felmeddelande: string[],
  binding: DialectBinding,
): XElement {
  const ns = binding.namespace;
  return el(ns, 'error', [
    el(ns, 'kalla', kalla === 'SSBT' ? binding.kallaSsbt : 'BT'),
    el(ns, 'felkod', felkod),
    ...(felmeddelande.length > 0 ? felmeddelande : ['']).map((m) => el(ns, 'felmeddelande', m)),
  ]);
}

/** testaBastjanstInformationResponse: per service, whether its test service was called, and any error. */
export function renderTestSvar(results: TjanstResultat[], binding: DialectBinding): XElement {
  const ns = binding.namespace;
  return el(
    ns,
    'testaBastjanstInformationResponse',
    results.map(({ service, utfall }) =>
      el(ns, service, [
        el(ns, 'anropad', utfall ? 'true' : 'false'),
        utfall?.kind === 'error' && renderError(utfall.kalla, utfall.felkod, utfall.felmeddelande, binding),
      ]),
    ),
  );
}
