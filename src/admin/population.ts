/**
 * /__admin/population: the synthetic population as the console shows it. The curated scenario persons, a person
 * card for any identity number (what the generator and the registry make of it, and what Personuppgiftstjänsten
 * keeps about it), and what every base service answers about that person for a period: a composite query for all
 * seven, run by the pipeline in this process (not journaled, not counted in /metrics: the console asked, not a
 * client), under the scenario settings in force.
 */
import { Router, type Request, type Response } from 'express';
import { clientGone } from '../http/soap-edge.js';
import { nativeRequestRecord, nativeResponseRecord } from '../journal/journal.js';
import { addMonths } from '../population/dates.js';
import { parseIdentity } from '../population/identity.js';
import type { Person } from '../population/person.js';
import type { Population } from '../population/population.js';
import type { ScenarioPerson } from '../population/scenarios.js';
import type { PuRegistry } from '../pu/registry.js';
import type { Today } from '../scenario/today.js';
import { allServicesQuery, type AllServicesDialect } from '../ssbtek/all-services-query.js';
import type { SsbtekPipeline } from '../ssbtek/pipeline.js';
import { sendAdminProblem } from './problems.js';

export interface PopulationSources {
  population: Population;
  pipeline: SsbtekPipeline;
  today: Today;
  pu: Pick<PuRegistry, 'reservesLinkedTo' | 'contactDetails'>;
}

/** One person as the console's card shows it. */
export interface PersonCard {
  personidentitet: string;
  kind: 'personnummer' | 'samordningsnummer';
  birthDate: string;
  sex: 'M' | 'K';
  checksumValid: boolean;
  fornamn: string;
  efternamn: string;
  kommun: { kod: string; namn: string; lan: string };
  alder: number;
  sysselsattning: string;
  akassa: string | null;
  antalBarn: number;
  antalFordon: number;
  arsinkomst: number;
  invandring: Person['invandring'] | null;
  skydd: 'sekretessmarkering' | 'skyddad-folkbokforing' | null;
  aktiehandel: boolean;
  registrering: Person['registrering'] | null;
  scenario: Pick<ScenarioPerson, 'beskrivning' | 'tjanster'> | null;
  pu: {
    reserves: ReturnType<PuRegistry['reservesLinkedTo']>;
    contactDetails: ReturnType<PuRegistry['contactDetails']> | null;
  };
}

export function populationRoutes(sources: PopulationSources): Router {
  const { population, pipeline, today, pu } = sources;
  const scenarioOf = new Map(population.scenarioPersons().map((p) => [p.personidentitet, p]));

  const card = (number: string, day: string): PersonCard | undefined => {
    const person = population.person(number, day);
    if (!person) return undefined;
    const scenario = scenarioOf.get(number);
    const { identity } = person;
    return {
      personidentitet: identity.number,
      kind: identity.kind,
      birthDate: identity.birthDate,
      sex: identity.sex,
      checksumValid: identity.checksumValid,
      fornamn: person.fornamn,
      efternamn: person.efternamn,
      kommun: { kod: person.kommun, namn: person.kommunNamn, lan: person.lan },
      alder: person.alder,
      sysselsattning: person.sysselsattning,
      akassa: person.akassa ?? null,
      antalBarn: person.antalBarn,
      antalFordon: person.antalFordon,
      arsinkomst: person.arsinkomst,
      invandring: person.invandring ?? null,
      skydd: person.skyddadIdentitet ? (person.skydd ?? 'sekretessmarkering') : null,
      aktiehandel: person.aktiehandel === true,
      registrering: person.registrering ?? null,
      scenario: scenario ? { beskrivning: scenario.beskrivning, tjanster: scenario.tjanster ?? {} } : null,
      pu: {
        reserves: pu.reservesLinkedTo(identity.number),
        contactDetails: pu.contactDetails(identity.number) ?? null,
      },
    };
  };

  const unknownNumber = (req: Request, res: Response): void => {
    const { problem } = parseIdentity(String(req.params.number));
    sendAdminProblem(
      res,
      404,
      'No such person',
      `${req.params.number} is not a personnummer or samordningsnummer (${problem === 'date' ? 'no such date' : 'format'})`,
    );
  };

  const router = Router();
  router.get('/population', (_req, res) => {
    const day = today.current();
    res.json({ today: day, persons: [...scenarioOf.keys()].map((number) => card(number, day)) });
  });
  router.get('/population/:number', (req, res) => {
    const found = card(String(req.params.number), today.current());
    if (!found) return unknownNumber(req, res);
    res.json(found);
  });
  router.get('/population/:number/answers', async (req, res) => {
    const number = String(req.params.number);
    if (!parseIdentity(number).identity) return unknownNumber(req, res);
    const day = today.current();
    const tom = typeof req.query.tom === 'string' ? req.query.tom : day;
    const from = typeof req.query.from === 'string' ? req.query.from : addMonths(tom, -2);
    const dialect = (req.query.dialect ?? 'v10') as AllServicesDialect;
    const year = Number(day.slice(0, 4));
    const query = allServicesQuery(number, from, tom, { dialect, skvYears: [year - 1, year - 2] });
    const result = await pipeline.handle(Buffer.from(query), { signal: clientGone(req, res) });
    if (res.writableEnded || res.destroyed) return;
    res.json({
      personidentitet: number,
      period: { from, tom },
      dialect,
      today: result.today,
      status: result.status,
      fault: result.summary.outcome === 'fault' ? (result.summary.felkod ?? 'soap') : null,
      services: (result.results ?? []).map((r) => ({
        service: r.service,
        outcome: r.utfall.kind,
        ...(r.utfall.kind === 'error' && {
          kalla: r.utfall.kalla,
          felkod: r.utfall.felkod,
          felmeddelande: r.utfall.felmeddelande,
        }),
        durationMs: Math.round(r.durationMs * 10) / 10,
        request: r.native?.request && nativeRequestRecord(r.native.request),
        response: r.native?.response && nativeResponseRecord(r.native.response),
      })),
      reply: result.body,
    });
  });
  return router;
}
