import { parseIdentity } from '../../../population/identity.js';
import type { Person } from '../../../population/person.js';
import { SKV_DELAR, type SkvDel } from '../../../ssbtek/model.js';
import type { EmulatorContext } from '../../types.js';
import { beskattningsbilagor } from './beskattningsbilagor.js';
import { DEL_FEL, type DelFelStatus } from './del-fel.js';
import { foretagsinformation } from './foretagsinformation.js';
import { individuppgifter } from './individuppgifter.js';
import { skattekonto } from './skattekonto.js';
import { skatteuppgifter } from './skatteuppgifter.js';
import type { DelData, DelSvar, SkvFraga, SkvSvar } from './typer.js';

/** Each part's data for a person and the years asked; undefined when the person has nothing there (→ 404). */
const DELAR: Record<SkvDel, (person: Person, ar: number[], today: string) => DelData | undefined> = {
  foretagsinformation,
  individuppgifter,
  skattekonto,
  skatteuppgifter,
  beskattningsbilagor,
};

/** A part error a scenario asks for (`skattekonto.503`). */
export interface DelScenario {
  del: SkvDel;
  status: DelFelStatus;
}

/**
 * The answer: every part asked, in the contract's order, each from the population or 404 Not found where the
 * person has nothing (a number that is no valid identity is nobody SKV knows: 404 in every part). Skyddad
 * identitet does not stop the answer, as in v10. A scenario's part error replaces that part if it was asked.
 */
export function skvSvar(fraga: SkvFraga, context: EmulatorContext, scenario?: DelScenario): SkvSvar {
  const { identity } = parseIdentity(fraga.identitet);
  const person = identity?.checksumValid ? context.population.personFor(identity, context.today) : undefined;
  const delar: SkvSvar['delar'] = {};
  for (const del of SKV_DELAR) {
    if (!fraga.delar.includes(del)) continue;
    if (scenario?.del === del) {
      delar[del] = fel(scenario.status);
      continue;
    }
    const data = person && DELAR[del](person, fraga.ar, context.today);
    delar[del] = data ? { status: 200, data } : fel(404);
  }
  return { identitet: fraga.identitet, referensnummer: fraga.referensnummer, delar };
}

function fel(status: DelFelStatus): DelSvar {
  return { status, meddelande: DEL_FEL[status] };
}
