import { parseIdentity } from '../../population/identity.js';
import type { Person } from '../../population/person.js';
import { NS } from '../../xml/namespaces.js';
import { el, leaf, type XElement } from '../../xml/tree.js';
import type { EmulatorContext } from '../types.js';
import { beskattningsar, type Beskattningsar } from './data.js';

const SI = NS.skvStandardiseradInformation;
const FOLKO = NS.skvFolkbokforing;
const BESKO = NS.skvBeskattning;

/** The root of Skatteverket's answer document (what real SSBTEK clients read from SKV/data/svar). */
export const SVAR_ROOT = 'SvarBeskattningsuppgifterEnligtSFS2008-975';

/** StatusPersonuppgiftKod: what Skatteverket could say about the person asked for. */
export const STATUS_PERSONUPPGIFT = {
  /** The person has at least one decided income year: figures delivered, no remark. */
  uppgifterLamnas: '999',
  /** As 999, and the person has skyddade personuppgifter: the recipient must protect them. */
  skyddadePersonuppgifter: '001',
  /** A person Skatteverket knows without a decided income year among the latest (a child, a newcomer). */
  uppgifterSaknas: '002',
  /** Not a valid personnummer or samordningsnummer: nobody Skatteverket knows; no names, no figures. */
  okandIdentitet: '003',
} as const;

/**
 * SvarBeskattningsuppgifterEnligtSFS2008-975 for one person: who they are, a status, then one group per decided
 * income year (the three latest, newest first) for each kind of income they had: tjänst, näringsverksamhet,
 * kapital, and the final tax decision itself. Skyddad identitet does not stop the answer: tax figures go to an
 * authority with a legal right to them, marked with status 001.
 */
export function svarDokument(personnummer: string, context: EmulatorContext): XElement {
  const { identity } = parseIdentity(personnummer);
  const person = identity?.checksumValid ? context.population.personFor(identity, context.today) : undefined;
  return el(SI, SVAR_ROOT, [el(SI, 'PersonuppgiftLista', [personuppgift(personnummer, person, context.today)])]);
}

function personuppgift(personnummer: string, person: Person | undefined, today: string): XElement {
  const ar = person ? beskattningsar(person, today) : [];
  return el(SI, 'Personuppgift', [
    leaf(FOLKO, 'IdentitetsbeteckningFysiskPerson', personnummer),
    leaf(FOLKO, 'Fornamn', person?.fornamn),
    leaf(FOLKO, 'Efternamn', person?.efternamn),
    leaf(SI, 'StatusPersonuppgiftKod', status(person, ar)),
    ...ar.map(tjansteuppgift),
    ...ar.filter((a) => a.taxeradInkomstAvNaringsverksamhet !== undefined).map(naringsuppgift),
    ...ar.filter((a) => a.summaIntakterPaKapital !== undefined).map(kapitaluppgift),
    ...ar.map(slutligSkattuppgift),
  ]);
}

function status(person: Person | undefined, ar: Beskattningsar[]): string {
  if (!person) return STATUS_PERSONUPPGIFT.okandIdentitet;
  if (ar.length === 0) return STATUS_PERSONUPPGIFT.uppgifterSaknas;
  return person.skyddadIdentitet ? STATUS_PERSONUPPGIFT.skyddadePersonuppgifter : STATUS_PERSONUPPGIFT.uppgifterLamnas;
}

/** The year the assessment is made: the year after the income year (the decision's year). */
export function taxeringsar(ar: Beskattningsar): number {
  return ar.inkomstar + 1;
}

function tjansteuppgift(ar: Beskattningsar): XElement {
  return el(SI, 'Tjansteuppgift', [
    leaf(BESKO, 'Taxeringsar', taxeringsar(ar)),
    leaf(BESKO, 'SummaInkomsterAvTjanst', ar.overskottAvTjanst),
    leaf(BESKO, 'SkattepliktigPension', ar.skattepliktigaPensioner),
    // No deductions from employment income are modelled: the surplus is the income.
    leaf(BESKO, 'OverskottAvTjanst', ar.overskottAvTjanst),
  ]);
}

function naringsuppgift(ar: Beskattningsar): XElement {
  return el(SI, 'Naringsuppgift', [
    leaf(BESKO, 'Taxeringsar', taxeringsar(ar)),
    leaf(BESKO, 'OverskottAvNaringsverksamhet', ar.taxeradInkomstAvNaringsverksamhet),
  ]);
}

function kapitaluppgift(ar: Beskattningsar): XElement {
  return el(SI, 'Kapitaluppgift', [
    leaf(BESKO, 'Taxeringsar', taxeringsar(ar)),
    leaf(BESKO, 'SummaIntakterPaKapital', ar.summaIntakterPaKapital),
    leaf(BESKO, 'SummaUtgifterPaKapital', ar.summaUtgifterPaKapital),
    leaf(BESKO, 'OverskottPaKapital', ar.inkomstAvKapital),
    leaf(BESKO, 'UnderskottPaKapital', ar.underskottAvKapital),
  ]);
}

function slutligSkattuppgift(ar: Beskattningsar): XElement {
  return el(SI, 'SlutligSkattuppgift', [
    leaf(BESKO, 'Taxeringsar', taxeringsar(ar)),
    leaf(BESKO, 'Inkomstar', ar.inkomstar),
    leaf(BESKO, 'Beslutsdatum', ar.beslutsdatum),
    leaf(BESKO, 'AllmannaAvdrag', ar.allmannaAvdrag),
    leaf(BESKO, 'FaststalldForvarvsinkomst', ar.taxeradForvarvsinkomst),
    leaf(BESKO, 'SlutligSkatt', ar.slutligSkatt),
  ]);
}
