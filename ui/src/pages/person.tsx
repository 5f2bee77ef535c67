/**
 * A person card (any number: /ui/persons/<number>): who the population makes of it, what is registered about it,
 * and what every base service answers for a period — each service's part of the composite answer and its native
 * messages.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { admin } from '../api/client.js';
import { scenariosStore, todayStore } from '../api/live.js';
import type { PersonAnswers, PersonCard } from '../api/types.js';
import { AnswerCell } from '../components/answers.js';
import { ms, Notice, useLoad, usePageReady } from '../components/common.js';
import { MessageView } from '../components/message.js';
import { NativeExchange, serviceElementOf } from '../components/native.js';
import { useStore } from '../lib/store.js';
import { Link } from '../router.js';
import { PersonSearch } from './persons.js';

function Card({ card }: { card: PersonCard }) {
  const rows: [string, string][] = [
    ['Name', `${card.fornamn} ${card.efternamn}`],
    ['Kind', `${card.kind}${card.checksumValid ? '' : ' (wrong check digit)'}`],
    ['Born', `${card.birthDate} (${card.sex === 'K' ? 'woman' : 'man'}, ${card.alder} years)`],
    ['Municipality', `${card.kommun.namn} (${card.kommun.kod}, län ${card.kommun.lan})`],
    ['Occupation', card.sysselsattning + (card.akassa ? `, member of ${card.akassa}` : '')],
    ['Protection', card.skydd ?? 'none'],
    ['Children, vehicles', `${card.antalBarn} children under 16, ${card.antalFordon} vehicles`],
    ['Yearly income', `${card.arsinkomst.toLocaleString('sv-SE')} kr${card.aktiehandel ? ', trades shares' : ''}`],
    [
      'Immigration',
      card.invandring
        ? `from ${card.invandring.hemland.namn}, ${card.invandring.inresedatum}, ${card.invandring.tillstand.toLowerCase()} (${card.invandring.grund.toLowerCase()})`
        : 'none',
    ],
    [
      'Registry status',
      card.registrering
        ? `${card.registrering.status} since ${card.registrering.since}`
        : 'nothing registered by a service',
    ],
    [
      'Personuppgiftstjänsten',
      [
        card.pu.reserves.length ? `reserve identities ${card.pu.reserves.map((r) => r.id).join(', ')}` : '',
        card.pu.contactDetails
          ? `contact details ${[card.pu.contactDetails.email, card.pu.contactDetails.phone].filter(Boolean).join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('; ') || 'nothing kept',
    ],
  ];
  return (
    <dl class="card" aria-label="Person card">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {card.scenario && (
        <div>
          <dt>Scenario person</dt>
          <dd>
            {card.scenario.beskrivning}
            {Object.entries(card.scenario.tjanster).map(([id, s]) => (
              <span key={id} class="chip">
                {id}: {[s?.scenario, s?.delayMs && `${s.delayMs} ms`].filter(Boolean).join(', ')}
              </span>
            ))}
          </dd>
        </div>
      )}
    </dl>
  );
}

export function PersonPage({ number }: { number: string }) {
  const today = useStore(todayStore);
  const scenarios = useStore(scenariosStore);
  const [period, setPeriod] = useState<{ from: string; tom: string; dialect: 'v10' | 'v11' }>({
    from: '',
    tom: '',
    dialect: 'v10',
  });
  const card = useLoad((signal) => admin<PersonCard>(`/population/${number}`, { signal }), [number, today?.today]);
  const query = new URLSearchParams({ dialect: period.dialect });
  if (period.from) query.set('from', period.from);
  if (period.tom) query.set('tom', period.tom);
  const answers = useLoad(
    (signal) => admin<PersonAnswers>(`/population/${number}/answers?${query}`, { signal }),
    [number, query.toString(), today?.today, scenarios],
  );
  usePageReady('person', card.value !== undefined);
  const [open, setOpen] = useState<string>();

  return (
    <section>
      <p>
        <Link to="persons">← Persons</Link>
      </p>
      <PersonSearch />
      <h1>Person {number}</h1>
      {card.error && <Notice kind="error">{card.error}</Notice>}
      {card.value && <Card card={card.value} />}
      <p>
        <Link to={`compose?person=${number}`}>Compose a query for this person</Link> ·{' '}
        <Link to={`journal?person=${number}`}>Exchanges about this person</Link>
      </p>
      <h2>What every service answers</h2>
      <form class="inline" onSubmit={(e) => e.preventDefault()} aria-label="Period">
        <label for="answers-from">From</label>
        <input
          id="answers-from"
          type="date"
          value={period.from || answers.value?.period.from || ''}
          onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value })}
        />
        <label for="answers-tom">To</label>
        <input
          id="answers-tom"
          type="date"
          value={period.tom || answers.value?.period.tom || ''}
          onChange={(e) => setPeriod({ ...period, tom: e.currentTarget.value })}
        />
        <label for="answers-dialect">Dialect</label>
        <select
          id="answers-dialect"
          value={period.dialect}
          onChange={(e) => setPeriod({ ...period, dialect: e.currentTarget.value as 'v10' | 'v11' })}
        >
          <option value="v10">v10</option>
          <option value="v11">v11 (SKV per part)</option>
        </select>
      </form>
      {answers.loading && <Notice>Asking all seven services…</Notice>}
      {answers.error && <Notice kind="error">{answers.error}</Notice>}
      {answers.value?.fault && <Notice kind="error">The query was refused: Fault {answers.value.fault}.</Notice>}
      {answers.value && !answers.loading && (
        <table class="answers" aria-label="Answers per service">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Answer</th>
              <th scope="col">Message</th>
              <th scope="col">Time</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {answers.value.services.map((a) => (
              <Fragment key={a.service}>
                <tr>
                  <th scope="row">{a.service}</th>
                  <td>
                    <AnswerCell answer={a} />
                  </td>
                  <td>{(a.felmeddelande ?? []).join(' ')}</td>
                  <td>{ms(a.durationMs)}</td>
                  <td>
                    <button
                      type="button"
                      aria-expanded={open === a.service}
                      onClick={() => setOpen(open === a.service ? undefined : a.service)}
                    >
                      {open === a.service ? 'Hide' : 'Show'} {a.service}
                    </button>
                  </td>
                </tr>
                {open === a.service && (
                  <tr class="expanded">
                    <td colSpan={5}>
                      <h3>{a.service} in the composite answer</h3>
                      <MessageView body={serviceElementOf(answers.value!.reply, a.service) ?? ''} />
                      <NativeExchange service={a.service} request={a.request} response={a.response} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
