/**
 * HTTP for the administration API under /pu/admin/v1: the consumer check (X-PU-Consumer), the OpenAPI document
 * enforced by express-openapi-validator, the operations, and RFC 9457 problems for every error.
 */
import { Readable, pipeline } from 'node:stream';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { openApiValidator } from '../../http/openapi-validator.js';
import { bytesText } from '../../config.js';
import { jsonBody } from '../../http/json-body.js';
import { readContactDetails, sharedWith, type ContactInput } from '../../pu/contacts/contacts.js';
import { consumerIdOf, puConsumers, type PuConsumer } from '../../pu/consumers.js';
import type { ReserveIdentity } from '../../pu/registry.js';
import { checkIdentifier, checkPersonidentitet, checkReserveId } from '../../pu/reserve/identifiers.js';
import { generateNrid, isNridBirthDate } from '../../pu/reserve/nrid.js';
import { regionalReserveFormats } from '../../pu/reserve/regional.js';
import { PuConflict, type ReservePerson } from '../../pu/registry.js';
import type { RestContext } from '../types.js';
import { MOUNT_PATH, PU_ADMIN_OPENAPI } from './openapi.js';
import { PersonView } from './persons.js';
import { Problem, fromValidatorErrors, sendProblem, type ValidatorErrorItem } from './problem.js';

export function puAdminRouter(context: RestContext): Router {
  const maxBody = context.config.bodyLimits.puAdmin;
  const formats = regionalReserveFormats(context.config);
  const consumers = puConsumers(context.config);
  const pu = context.engine.pu;
  const view = new PersonView(pu, context.population, context.registry, context.today);
  const log = context.logger.child({ service: 'pu-admin' });

  const consumerOf = (res: Response): PuConsumer => res.locals.puConsumer as PuConsumer;
  const invalid = (detail: string, errors: { pointer?: string; parameter?: string; detail: string }[]): Problem =>
    new Problem(400, 'invalid-request', detail, errors);

  /** A reserve id in the path: valid in some format, and registered. */
  const storedReserve = (id: string): ReserveIdentity => {
    const check = checkReserveId(id, formats);
    if (!check.valid)
      throw invalid(
        `${id} is not a reserve number`,
        check.problems.map((detail) => ({ parameter: 'id', detail })),
      );
    const reserve = pu.reserve(id);
    if (!reserve) throw new Problem(404, 'unknown-reserve', `reserve identity ${id} is not registered`);
    return reserve;
  };

  /** Person data's own rule: a birth date an NRID can carry, not after today. */
  const checkPerson = (person: ReservePerson | undefined, pointer: string): void => {
    const date = person?.fodelsedatum;
    if (date !== undefined && (!isNridBirthDate(date) || date > context.today()))
      throw invalid('the person data is invalid', [
        { pointer: `${pointer}/fodelsedatum`, detail: 'must be a date between 1800-01-01 and today' },
      ]);
  };

  /** The owner of contact details: a valid personnummer/samordningsnummer or a registered reserve identity. */
  const contactOwner = (id: string): void => {
    const check = checkIdentifier(id, formats);
    if (!check.valid)
      throw invalid(
        `${id} is not a valid identifier`,
        check.problems.map((detail) => ({ parameter: 'personidentitet', detail })),
      );
    if (check.kind?.endsWith('_RESERVE') && !pu.reserve(id))
      throw new Problem(404, 'unknown-reserve', `reserve identity ${id} is not registered`);
  };

  const api = Router();
  api.use((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    const id = consumerIdOf(req);
    const found = id === undefined ? undefined : consumers.get(id);
    if (!found)
      return next(
        new Problem(
          403,
          'unknown-consumer',
          id === undefined
            ? 'X-PU-Consumer (or, over TLS, a client certificate) is missing'
            : `${id} is not a known consumer`,
        ),
      );
    res.locals.puConsumer = found;
    next();
  });
  api.use(jsonBody({ limit: maxBody }));
  api.use(
    openApiValidator({
      // The validator annotates the document it is given: it gets its own copy, the served one stays as written.
      apiSpec: structuredClone(PU_ADMIN_OPENAPI) as never,
      validateRequests: { allErrors: true },
      validateResponses: false,
      validateSecurity: false,
      validateFormats: true,
      ajvFormats: { mode: 'full' },
    }),
  );

  api.get('/persons', (req, res) => {
    const query = req.query as { personidentitet?: string; reservId?: string; namn?: string };
    const given = (['personidentitet', 'reservId', 'namn'] as const).filter((k) => query[k] !== undefined);
    if (given.length !== 1)
      throw invalid('search by exactly one of personidentitet, reservId and namn', [
        { parameter: given.join(',') || 'personidentitet', detail: `${given.length} search keys given, 1 expected` },
      ]);
    const consumer = consumerOf(res).id;
    if (query.personidentitet !== undefined) {
      const check = checkPersonidentitet(query.personidentitet);
      if (!check.valid)
        throw invalid(
          'personidentitet is invalid',
          check.problems.map((detail) => ({ parameter: 'personidentitet', detail })),
        );
      const record = view.person(query.personidentitet, consumer);
      res.json({ persons: record ? [record] : [] });
    } else if (query.reservId !== undefined) {
      const check = checkReserveId(query.reservId, formats);
      if (!check.valid)
        throw invalid(
          'reservId is invalid',
          check.problems.map((detail) => ({ parameter: 'reservId', detail })),
        );
      const reserve = pu.reserve(query.reservId);
      res.json({ persons: reserve ? [view.reserve(reserve, consumer)] : [] });
    } else {
      res.json({ persons: view.byName(query.namn ?? '', consumer) });
    }
  });

  api.get('/identifiers/:value/validation', (req, res) => {
    res.json(checkIdentifier(req.params.value ?? '', formats));
  });

  api.get('/reserve-formats', (_req, res) => {
    res.json({ formats: formats.map(({ name, pattern, description }) => ({ name, pattern, description })) });
  });

  api.post('/reserve-identities/national', async (req, res) => {
    const person = (req.body as { person?: ReservePerson }).person;
    checkPerson(person, '/person');
    const created = await pu.createReserve(
      'NATIONAL',
      (taken) => generateNrid(person?.fodelsedatum, person?.kon, taken),
      person,
    );
    if (!created) throw new Problem(503, 'no-free-nrid', 'every NRID for this birth date and sex is taken');
    log.info({ consumer: consumerOf(res).id, id: created.id }, 'national reserve number handed out');
    res.status(201).location(`${MOUNT_PATH}/reserve-identities/${created.id}`).json(created);
  });

  api.post('/reserve-identities/regional', async (req, res) => {
    const { id, format, person } = req.body as { id: string; format: string; person?: ReservePerson };
    const check = checkReserveId(id, formats, format);
    if (!check.valid)
      throw invalid(
        `${id} is not a ${format} reserve number`,
        check.problems.map((detail) => ({ pointer: check.format ? '/id' : '/format', detail })),
      );
    checkPerson(person, '/person');
    if (pu.reserve(id)) throw new Problem(409, 'reserve-exists', `reserve identity ${id} is already registered`);
    const created = await pu.createReserve('REGIONAL', () => id, person, format);
    log.info({ consumer: consumerOf(res).id, id, format }, 'regional reserve number registered');
    res.status(201).location(`${MOUNT_PATH}/reserve-identities/${id}`).json(created);
  });

  api.get('/reserve-identities/:id', (req, res) => {
    res.json(storedReserve(req.params.id ?? ''));
  });

  api.patch('/reserve-identities/:id/person', async (req, res) => {
    const { id } = storedReserve(req.params.id ?? '');
    const person = req.body as ReservePerson;
    checkPerson(person, '');
    res.json(await pu.addPersonData(id, person));
  });

  api.put('/reserve-identities/:id/link', async (req, res) => {
    const { id } = storedReserve(req.params.id ?? '');
    const { personidentitet } = req.body as { personidentitet: string };
    const check = checkPersonidentitet(personidentitet);
    if (!check.valid)
      throw invalid(
        'personidentitet is invalid',
        check.problems.map((detail) => ({ pointer: '/personidentitet', detail })),
      );
    res.json(await pu.link(id, personidentitet));
  });

  api.get('/contacts/:personidentitet', (req, res) => {
    const owner = req.params.personidentitet ?? '';
    contactOwner(owner);
    const details = pu.contactDetails(owner);
    if (!details) throw new Problem(404, 'no-contact-details', `${owner} has no contact details`);
    if (!sharedWith(details, consumerOf(res).id))
      throw new Problem(
        403,
        'not-shared',
        `the consent does not share ${owner}'s contact details with ${consumerOf(res).id}`,
      );
    res.json(details);
  });

  api.put('/contacts/:personidentitet', async (req, res) => {
    const owner = req.params.personidentitet ?? '';
    contactOwner(owner);
    const { details, problems } = readContactDetails(
      owner,
      req.body as ContactInput,
      new Set(consumers.keys()),
      new Date(),
    );
    if (!details) throw invalid('the contact details are invalid', problems);
    const created = await pu.putContactDetails(details);
    res.status(created ? 201 : 200).json(pu.contactDetails(owner));
  });

  api.delete('/contacts/:personidentitet', async (req, res) => {
    const owner = req.params.personidentitet ?? '';
    contactOwner(owner);
    if (!(await pu.deleteContactDetails(owner)))
      throw new Problem(404, 'no-contact-details', `${owner} has no contact details`);
    res.status(204).end();
  });

  api.get('/aviseringsuttag', (req, res) => {
    const lan = String(req.query.lan);
    const consumer = consumerOf(res);
    if (consumer.lan !== lan)
      throw new Problem(
        403,
        'other-region',
        consumer.lan === undefined
          ? `${consumer.id} is not a region's consumer: only a region's own consumers may take its aviseringsuttag`
          : `${consumer.id} belongs to county ${consumer.lan}: an aviseringsuttag is for the region's own persons only`,
      );
    log.info({ consumer: consumer.id, lan }, 'aviseringsuttag');
    res.status(200).type('application/x-ndjson');
    const lines = function* (): Generator<string> {
      for (const record of view.inCounty(lan, consumer.id)) yield `${JSON.stringify(record)}\n`;
    };
    // pipeline: backpressure from the socket, and a failure mid-stream cuts the response rather than hanging it.
    pipeline(Readable.from(lines()), res, (error) => {
      if (error) log.error({ err: error, lan }, 'aviseringsuttag cut short');
    });
  });

  api.use((error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    const e = (error ?? {}) as { status?: number; type?: string; errors?: ValidatorErrorItem[]; message?: string };
    if (error instanceof Problem) return sendProblem(res, req.originalUrl, error);
    if (error instanceof PuConflict)
      return sendProblem(res, req.originalUrl, new Problem(409, 'conflict', error.message));
    if (e.type === 'entity.parse.failed')
      return sendProblem(res, req.originalUrl, new Problem(400, 'not-json', 'the body is not valid JSON'));
    if (e.type === 'entity.too.large')
      return sendProblem(
        res,
        req.originalUrl,
        new Problem(413, 'too-large', `the body is larger than ${bytesText(maxBody)}`),
      );
    if (e.status === 400 && Array.isArray(e.errors))
      return sendProblem(
        res,
        req.originalUrl,
        invalid('the request does not follow the OpenAPI document', fromValidatorErrors(e.errors)),
      );
    if (e.status !== undefined && [404, 405, 415].includes(e.status))
      return sendProblem(res, req.originalUrl, new Problem(e.status, 'not-supported', e.message ?? ''));
    log.error({ err: error }, 'administration API failed');
    sendProblem(res, req.originalUrl, new Problem(500, 'internal', 'an unexpected error occurred'));
  });

  const router = Router();
  router.use(MOUNT_PATH, api);
  return router;
}
