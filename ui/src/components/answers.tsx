/** What the services answered: one cell per service ("data", or kalla and felkod with the message as its title). */
import type { ServiceAnswer } from '../api/types.js';

export function AnswerCell({ answer }: { answer: ServiceAnswer | undefined }) {
  if (!answer) return <span class="muted">–</span>;
  if (answer.outcome === 'data') return <span class="ok">data</span>;
  return (
    <span class="bad" title={(answer.felmeddelande ?? []).join(' ')}>
      {answer.kalla} {answer.felkod}
    </span>
  );
}

/** Runs `work` on every item, at most `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
