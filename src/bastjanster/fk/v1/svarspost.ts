import type { Person } from '../../../population/person.js';
import { NS } from '../../../xml/namespaces.js';
import { el, leaf, type XElement } from '../../../xml/tree.js';
import { FK_FORMAN_NAMN, fkFormaner, type Beslut, type FkForman, type Utbetalning } from '../formaner.js';
import { alderspension } from '../pension.js';
import type { Period } from '../perioder.js';

const FK = NS.fkV1;

/** Flags the benefits model answers: the flag (= formanstyp) → FK's benefit, or PM's allmän pension. */
const MODELLERADE: Record<string, FkForman | 'alderspension'> = {
  alderspension: 'alderspension',
  sjukOchAktivitetsersattning: 'SA',
  sjukpenning: 'SJP',
  foraldrapenning: 'FP',
  aktivitetsstod: 'AS',
  barnbidrag: 'ABB',
  bostadsbidrag: 'BOB',
};

/** A beslut as the legacy service writes it: the same decision LEFI reports (formaner.ts). */
interface V1Beslut {
  beslutsdatum: string;
  period: Period;
  omfattning?: number;
  belopp: number;
}

/**
 * The children of svarspost: the personnummer, then one forman per flagged benefit the person has in the asked
 * period, in the flags' order. The `utbetalning` flag asks for payments (as LEFI's `utbetalningar` does): each
 * forman carries its utbetalning elements only when it is true. Flags the model does not cover give no forman.
 */
export function svarspost(
  personnummer: string,
  flaggor: Set<string>,
  person: Person,
  asked: Period,
  today: string,
): XElement[] {
  const fk = fkFormaner(person, asked, today);
  const pension = alderspension(person, asked, today);
  const medUtbetalningar = flaggor.has('utbetalning');
  const forman: XElement[] = [];
  for (const [flagga, modell] of Object.entries(MODELLERADE)) {
    if (!flaggor.has(flagga)) continue;
    if (modell === 'alderspension') {
      if (!pension) continue;
      const beslut = pension.beslut.map((b) => ({
        beslutsdatum: b.beslutsdatum,
        period: b.period,
        belopp: b.delar.reduce((sum, d) => sum + d.belopp, 0),
      }));
      forman.push(formanElement(flagga, 'Ålderspension', beslut, medUtbetalningar ? pension.utbetalningar : []));
      continue;
    }
    const arenden = fk.arenden.filter((a) => a.forman === modell);
    if (arenden.length === 0) continue;
    const beslut = arenden
      .flatMap((a) => a.beslut)
      .map(v1Beslut)
      .sort((a, b) => a.period.from.localeCompare(b.period.from) || a.beslutsdatum.localeCompare(b.beslutsdatum));
    const utbetalningar = medUtbetalningar ? fk.utbetalningar.filter((u) => u.forman === modell) : [];
    forman.push(formanElement(flagga, FK_FORMAN_NAMN[modell], beslut, utbetalningar));
  }
  return [el(FK, 'personnummer', personnummer), ...forman];
}

function v1Beslut(b: Beslut): V1Beslut {
  return { beslutsdatum: b.fattades, period: b.period, omfattning: b.omfattning, belopp: b.belopp };
}

function formanElement(
  formanstyp: string,
  beskrivning: string,
  beslut: V1Beslut[],
  utbetalningar: Utbetalning[],
): XElement {
  return el(FK, 'forman', [
    leaf(FK, 'formanstyp', formanstyp),
    leaf(FK, 'beskrivning', beskrivning),
    ...beslut.map((b) =>
      el(FK, 'beslut', [
        leaf(FK, 'beslutsdatum', b.beslutsdatum),
        leaf(FK, 'beslutstyp', 'BEVILJAT'),
        leaf(FK, 'fromDatum', b.period.from),
        leaf(FK, 'tomDatum', b.period.tom),
        b.omfattning !== undefined && leaf(FK, 'omfattning', `${b.omfattning}%`),
        leaf(FK, 'belopp', b.belopp),
      ]),
    ),
    ...utbetalningar.map((u) =>
      el(FK, 'utbetalning', [
        leaf(FK, 'utbetalningsdatum', u.datum),
        leaf(FK, 'bruttobelopp', u.brutto),
        leaf(FK, 'skatt', u.skatt),
        leaf(FK, 'nettobelopp', u.netto),
        leaf(FK, 'avserFrom', u.avser.from),
        leaf(FK, 'avserTom', u.avser.tom),
      ]),
    ),
  ]);
}
