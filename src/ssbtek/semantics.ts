import type { SsbtekFraga } from './model.js';

/**
 * Rules the schema cannot express but the contract states: an included service must get its underlying
 * elements ("Om attributet inkludera = true skall underliggande element skickas"): FK's question in every
 * dialect, SKV's in v11. Returns one line per problem.
 */
export function checkFraga(fraga: SsbtekFraga): string[] {
  const problems: string[] = [];
  const fk = fraga.tjanster.FK;
  if (fk?.inkludera && !fk.fk) {
    problems.push(
      fraga.dialect !== 'v1'
        ? 'specifikaFrageparametrar/FK: inkludera är true men elementet fraga saknas.'
        : 'specifikaFrageparametrar/FK: inkludera är true men elementet formansforteckning saknas.',
    );
  }
  // v11 refuses the whole request when SKV is included without its question (what the test environment does).
  const skv = fraga.tjanster.SKV;
  if (fraga.dialect === 'v11' && skv?.inkludera && !skv.skv) {
    problems.push('specifikaFrageparametrar/SKV: inkludera är true men elementet fraga saknas.');
  }
  return problems;
}
