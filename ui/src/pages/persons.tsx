/**
 * Persons: the curated scenario persons with what each service answers now (the population table, live: asked
 * again when the day or the scenario settings change), and a search for any number that opens its person card.
 */
import { useEffect, useState } from 'preact/hooks';
import { admin } from '../api/client.js';
import { scenariosStore, todayStore } from '../api/live.js';
import { BASE_SERVICES, type PersonAnswers, type PersonCard } from '../api/types.js';
import { AnswerCell, eachLimited } from '../components/answers.js';
import { Notice, useLoad, usePageReady } from '../components/common.js';
import { normalizeNumber } from '../lib/query.js';
import { useStore } from '../lib/store.js';
import { Link, navigate } from '../router.js';

export function PersonSearch() {
  const today = useStore(todayStore);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string>();
  return (
    <form
      class="inline"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        const number = normalizeNumber(value, today?.today ?? new Date().toISOString().slice(0, 10));
        if (!number) return setProblem('Give 10 or 12 digits, e.g. 198601042388 or 860104-2388.');
        setProblem(undefined);
        navigate(`persons/${number}`);
      }}
    >
      <label for="person-search">Identity number</label>
      <input
        id="person-search"
        inputMode="numeric"
        placeholder="198601042388"
        value={value}
        aria-describedby="person-search-help"
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <button type="submit">Show person</button>
      <span id="person-search-help" class="muted">
        Any personnummer or samordningsnummer: the population makes a person of it.
      </span>
      {problem && <Notice kind="error">{problem}</Notice>}
    </form>
  );
}

export function PersonsPage() {
  const today = useStore(todayStore);
  const scenarios = useStore(scenariosStore);
  const persons = useLoad(
    (signal) => admin<{ today: string; persons: PersonCard[] }>('/population', { signal }),
    [today?.today],
  );
  const [answers, setAnswers] = useState<Record<string, PersonAnswers | 'asking' | string>>({});
  usePageReady('persons', persons.value !== undefined);

  // Every person asked again when the day or the scenario settings change: the table is what the services say now.
  useEffect(() => {
    const list = persons.value?.persons;
    if (!list) return;
    const controller = new AbortController();
    setAnswers(Object.fromEntries(list.map((p) => [p.personidentitet, 'asking'])));
    void eachLimited(list, 4, async (p) => {
      try {
        const answer = await admin<PersonAnswers>(`/population/${p.personidentitet}/answers`, {
          signal: controller.signal,
        });
        setAnswers((all) => ({ ...all, [p.personidentitet]: answer }));
      } catch (error) {
        if (!controller.signal.aborted)
          setAnswers((all) => ({ ...all, [p.personidentitet]: (error as Error).message }));
      }
    });
    return () => controller.abort();
  }, [persons.value, scenarios]);

  return (
    <section>
      <h1>Persons</h1>
      <PersonSearch />
      <h2>Scenario persons</h2>
      <p class="muted">
        What each base service answers to a v10 query for all seven services over the two months up to today (
        {persons.value?.today ?? '…'}), asked now, under the scenario settings in force. Slow persons fill in when their
        services answer (or time out: SSBT 2000).
      </p>
      {persons.error && <Notice kind="error">{persons.error}</Notice>}
      {persons.value && (
        <div class="table-wrap">
          <table class="persons" aria-label="Scenario persons and what each service answers">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Person</th>
                {BASE_SERVICES.map((id) => (
                  <th scope="col" key={id}>
                    {id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {persons.value.persons.map((p) => {
                const answer = answers[p.personidentitet];
                return (
                  <tr key={p.personidentitet}>
                    <td>
                      <Link to={`persons/${p.personidentitet}`}>{p.personidentitet}</Link>
                    </td>
                    <td class="description">{p.scenario?.beskrivning}</td>
                    {BASE_SERVICES.map((id) => (
                      <td key={id} data-service={id}>
                        {answer === 'asking' || answer === undefined ? (
                          <span class="muted" aria-label="asking">
                            …
                          </span>
                        ) : typeof answer === 'string' ? (
                          <span class="bad" title={answer}>
                            !
                          </span>
                        ) : (
                          <AnswerCell answer={answer.services.find((s) => s.service === id)} />
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
