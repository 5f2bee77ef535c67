import type { Person } from '../../population/person.js';
import { NS } from '../../xml/namespaces.js';
import { el, elements, leaf, type XElement } from '../../xml/tree.js';
import type { CsnResultatKod } from './resultatkoder.js';
import type { Arende, Belopp, BeviljadTid, CsnUppgifter, SoktTid, Utbetaldtid, Utbetalning } from './uppgifter.js';

const CSN = NS.csnKommunfraga;
const PERS = NS.csnPerson;
const GEM = NS.csnTyper;

/** The version of the answer schema (CSN v4.0). */
export const CSNSVAR_SCHEMAVERSION = '4.0';

/**
 * CSN's answer document: Resultat, the question echoed, and Personer (one Person when there is data, none on
 * an error), in kommunfraga.xsd's order.
 */
export function csnSvar(
  begaran: XElement,
  resultat: { kod: CsnResultatKod; text: string },
  person?: { person: Person; uppgifter: CsnUppgifter },
): XElement {
  return el(
    CSN,
    'CSNSvar',
    [
      el(CSN, 'GemensamtSvarEkbistand', [
        el(CSN, 'Resultat', [leaf(CSN, 'ResultatKod', resultat.kod), leaf(CSN, 'ResultatText', resultat.text)]),
      ]),
      el(CSN, 'GemensamtFragaEkbistand', elements(begaran)),
      el(CSN, 'Personer', [person && personElement(person.person, person.uppgifter)]),
    ],
    { schemaVersion: CSNSVAR_SCHEMAVERSION },
  );
}

function personElement(person: Person, uppgifter: CsnUppgifter): XElement {
  const number = person.identity.number;
  const jn = (arenden: Arende[]): string => (arenden.length > 0 ? 'J' : 'N');
  return el(
    CSN,
    'Person',
    [
      el(PERS, 'Studiestodstypforteckning', [
        leaf(GEM, 'studiemedel', jn(uppgifter.studiemedel)),
        leaf(GEM, 'studiehjalp', jn(uppgifter.studiehjalp)),
        leaf(GEM, 'hemutrustningslan', jn(uppgifter.hemutrustningslan)),
        leaf(GEM, 'studiestartsstod', 'N'),
        leaf(GEM, 'omstallningsstudiestod', 'N'),
      ]),
      stodtyp('Studiemedel', uppgifter.studiemedel, (a) => studiestodArende(NS.csnStudiemedel, a)),
      stodtyp('Studiehjalp', uppgifter.studiehjalp, (a) => studiestodArende(NS.csnStudiehjalp, a)),
      stodtyp('HemutrustningsLan', uppgifter.hemutrustningslan, hutArende),
      el(PERS, 'Studiestartsstod'),
      el(PERS, 'Omstallningsstudiestod'),
    ],
    // personnummer without century (10 digits) and the century apart; sekretess only for protected identities
    { personnummer: number.slice(2), sekel: number.slice(0, 2), sekretess: person.skyddadIdentitet ? 'J' : undefined },
  );
}

/** One kind of student aid: empty when the person has none of it, else its cases under Arenden. */
function stodtyp(name: string, arenden: Arende[], arende: (a: Arende) => XElement[]): XElement {
  if (arenden.length === 0) return el(PERS, name);
  return el(PERS, name, [
    el(
      PERS,
      'Arenden',
      arenden.map((a) => el(PERS, 'Arende', arende(a), { lopnummer: a.lopnummer })),
    ),
  ]);
}

/** Studiemedel and studiehjälp cases share one shape, each in its own namespace. */
function studiestodArende(ns: string, a: Arende): XElement[] {
  return [
    leaf(ns, 'stodform', a.stodform),
    leaf(ns, 'klartext', a.klartext),
    leaf(ns, 'status', a.status),
    el(
      ns,
      'soktaTider',
      a.soktaTider.map((s) => el(ns, 'soktTid', soktTid(s))),
    ),
    el(
      ns,
      'BeviljadeTider',
      a.beviljadeTider.map((b) => el(ns, 'BeviljadTid', beviljadTid(b))),
    ),
    el(
      ns,
      'UtbetalningsPlan',
      a.utbetalningar.map((u) => el(ns, 'Utbetalning', utbetalning(u))),
    ),
  ].filter((e): e is XElement => e !== undefined);
}

function hutArende(a: Arende): XElement[] {
  const HUT = NS.csnHut;
  return [
    el(HUT, 'stodform', a.stodform),
    el(HUT, 'klartext', a.klartext),
    el(HUT, 'status', a.status),
    el(
      HUT,
      'UtbetalningsPlan',
      a.utbetalningar.map((u) => el(HUT, 'Utbetalning', utbetalning(u))),
    ),
  ];
}

function datum(iso: string): string {
  return iso.replaceAll('-', ''); // CSN writes dates as YYYYMMDD
}

function soktTid(s: SoktTid): XElement[] {
  return [
    el(GEM, 'soktfrom', datum(s.soktfrom)),
    el(GEM, 'sokttom', datum(s.sokttom)),
    el(GEM, 'soktomfattning', String(s.omfattning)),
    el(GEM, 'soktlan', s.lan ? 'J' : ' '),
  ];
}

function beviljadTid(b: BeviljadTid): XElement[] {
  return [
    el(GEM, 'starttid', b.starttid),
    el(GEM, 'sluttid', b.sluttid),
    el(GEM, 'takt', String(b.takt)),
    beloppen(b.beloppen),
    el(GEM, 'totbelopp', String(summa(b.beloppen))),
  ];
}

function utbetalning(u: Utbetalning): XElement[] {
  return [
    el(GEM, 'utbetdatum', datum(u.utbetdatum)),
    el(GEM, 'utbetstatus', u.utbetstatus),
    el(
      GEM,
      'Utbetaldatider',
      u.tider.map((t) => el(GEM, 'Utbetaldtid', utbetaldtid(t))),
    ),
    el(GEM, 'totbelopp', String(u.tider.reduce((sum, t) => sum + summa(t.beloppen), 0))),
  ];
}

function utbetaldtid(t: Utbetaldtid): XElement[] {
  return [
    leaf(GEM, 'startvecka', t.startvecka),
    leaf(GEM, 'slutvecka', t.slutvecka),
    beloppen(t.beloppen),
    el(GEM, 'totbelopp', String(summa(t.beloppen))),
  ].filter((e): e is XElement => e !== undefined);
}

function beloppen(list: Belopp[]): XElement {
  return el(
    GEM,
    'Beloppen',
    list.map((b) =>
      el(GEM, 'Belopp', [
        el(GEM, 'beloppstyp', b.beloppstyp),
        el(GEM, 'klartext', b.klartext),
        el(GEM, 'belopp', String(b.belopp)),
        el(GEM, 'totbelopp', String(b.totbelopp)),
      ]),
    ),
  );
}

function summa(list: Belopp[]): number {
  return list.reduce((sum, b) => sum + b.totbelopp, 0);
}
