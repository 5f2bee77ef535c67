import type { SsbtekFraga } from './model.js';

/**
 * Rules the schema cannot express but the contract states: an included service must get its underlying
 * elements ("Om attributet inkludera = true skall underliggande element skickas"). Returns one line per problem.
 */
export function checkFraga(fraga: SsbtekFraga): string[] {
  const problems: string[] = [];
  const fk = fraga.tjanster.FK;
  if (fk?.inkludera && !fk.fk) {
    problems.push(
      fraga.dialect === 'v10'
        ? 'specifikaFrageparametrar/FK: inkludera är true men elementet fraga saknas.'
        : 'specifikaFrageparametrar/FK: inkludera är true men elementet formansforteckning saknas.',
    );
  }
  return problems;
}
