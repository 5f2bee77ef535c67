import type { Person } from '../../population/person.js';
import { NS } from '../../xml/namespaces.js';
import { el, elements, leaf, type XElement } from '../../xml/tree.js';
import {
  summa,
  type Arende,
  type Belopp,
  type BeviljadTid,
  type SoktTid,
  type Utbetaldtid,
  type Utbetalning,
} from './arende.js';
import type { CsnResultatKod } from './resultatkoder.js';
import type { CsnUppgifter } from './uppgifter.js';

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

/**
 * Person/@Status (csngem:personstatus): "Ej träff" when the person is in none of CSN's systems, otherwise ten
 * blanks (CSN's Schemabeskrivning Kommunfråga v4.0). CSN answers a person it does not know with -2 and no Person,
 * so every Person written is found.
 */
const PERSON_STATUS_TRAFF = ' '.repeat(10);

/** Person/@sekretess (csngem:sekretess, at most 2): "Ja" for a protected identity, else blank (CSN's two-space field). */
function sekretess(person: Person): string {
  return person.skyddadIdentitet ? 'Ja' : '  ';
}

/** A Studiestodstypforteckning flag: "1" when the person has cases of that kind, "0" when not. */
function flagga(arenden: Arende[]): string {
  return arenden.length > 0 ? '1' : '0';
}

function personElement(person: Person, uppgifter: CsnUppgifter): XElement {
  const number = person.identity.number;
  return el(
    CSN,
    'Person',
    [
      el(PERS, 'Studiestodstypforteckning', [
        leaf(GEM, 'studiemedel', flagga(uppgifter.studiemedel)),
        leaf(GEM, 'studiehjalp', flagga(uppgifter.studiehjalp)),
        leaf(GEM, 'hemutrustningslan', flagga(uppgifter.hemutrustningslan)),
        leaf(GEM, 'studiestartsstod', flagga(uppgifter.studiestartsstod)),
        leaf(GEM, 'omstallningsstudiestod', flagga(uppgifter.omstallningsstudiestod)),
      ]),
      stodtyp('Studiemedel', uppgifter.studiemedel, (a) => studiestodArende(NS.csnStudiemedel, a)),
      stodtyp('Studiehjalp', uppgifter.studiehjalp, (a) => studiestodArende(NS.csnStudiehjalp, a)),
      stodtyp('HemutrustningsLan', uppgifter.hemutrustningslan, hutArende),
      stodtyp('Studiestartsstod', uppgifter.studiestartsstod, (a) => studiestodArende(NS.csnStudiestartsstod, a)),
      stodtyp('Omstallningsstudiestod', uppgifter.omstallningsstudiestod, (a) =>
        studiestodArende(NS.csnOmstallningsstudiestod, a),
      ),
    ],
    // personnummer without century (10 digits) and the century apart
    {
      personnummer: number.slice(2),
      Status: PERSON_STATUS_TRAFF,
      sekretess: sekretess(person),
      sekel: number.slice(0, 2),
    },
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

/** Studiemedel, studiehjälp, studiestartsstöd and omställningsstudiestöd cases share one shape, each in its own namespace. */
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
    leaf(GEM, 'takt', b.takt),
    beloppen(b.beloppen),
    el(GEM, 'totbelopp', String(summa(b.beloppen))),
  ].filter((e): e is XElement => e !== undefined);
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
