/**
 * GET /__admin/state: what the REST services and Personuppgiftstjänsten have stored — SCB deliveries (ticket,
 * status, result), birth reports, samordningsnummer renewals, PU reserve identities and contact details, and the
 * population's registry — each read through its module's own store interface, newest first. Each item names the
 * request that made it when the journal still holds it: the oldest successful write of that service whose path or
 * bodies name the item (its ticket, report id, correlation id, reserve id or person).
 */
import { Router } from 'express';
import type { JournalView } from '../control/journal-view.js';
import type { JournalEntry } from '../journal/journal.js';
import type { SqlitePuRegistry } from '../pu/store/sqlite-pu-registry.js';
import type { BirthReportStore } from '../rest/birthreport/store.js';
import type { FornyelseStore } from '../rest/samordningsnummer/store.js';
import type { DeliveryStore } from '../rest/scb/store.js';
import type { RegistryStore } from '../store/registry-store.js';

export interface StateSources {
  journal: JournalView;
  scb: Pick<DeliveryStore, 'recent'>;
  birthReports: Pick<BirthReportStore, 'recent'>;
  renewals: Pick<FornyelseStore, 'senasteAlla'>;
  pu: Pick<SqlitePuRegistry, 'reserves' | 'contactPersons' | 'contactDetails'>;
  registry: Pick<RegistryStore, 'list'>;
}

/** The journal entry of the request that made an item, as a reference the console links to. */
export interface MadeBy {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  status: number;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/** Finds the request that made an item, among one service's successful writes still in the journal. */
function madeByFinder(entries: readonly JournalEntry[], service: string): (key: string | undefined) => MadeBy | null {
  // Oldest first: the request that created an item comes before those that changed it.
  const writes = entries
    .filter((e) => e.service === service && WRITES.has(e.method) && e.reply.status < 400)
    .map((e): [JournalEntry, string] => [e, `${e.path}\n${e.request.body}\n${e.reply.body}`.toLowerCase()]);
  return (key) => {
    if (!key) return null;
    const wanted = key.toLowerCase();
    const found = writes.find(([, text]) => text.includes(wanted))?.[0];
    return found
      ? {
          id: found.id,
          receivedAt: found.receivedAt,
          method: found.method,
          path: found.path,
          status: found.reply.status,
        }
      : null;
  };
}

export function stateRoutes(sources: StateSources): Router {
  const router = Router();
  router.get('/state', async (req, res) => {
    const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
    const [entries, deliveries, reports, renewals] = await Promise.all([
      sources.journal.all(),
      sources.scb.recent(limit),
      sources.birthReports.recent(limit),
      sources.renewals.senasteAlla(limit),
    ]);
    const scb = madeByFinder(entries, 'scb');
    const birth = madeByFinder(entries, 'birthreport');
    const renewal = madeByFinder(entries, 'samordningsnummer');
    const puAdmin = madeByFinder(entries, 'pu-admin');
    res.json({
      scb: deliveries.map((d) => ({ ...d, madeBy: scb(d.ticket) })),
      birthReports: reports.map((r) => ({
        reportId: r.reportKey,
        receivedAt: r.receivedAt,
        httpStatus: r.httpStatus,
        personalIdentityNumber: r.personalIdentityNumber ?? null,
        request: r.request,
        response: r.response,
        madeBy: birth(r.reportKey),
      })),
      renewals: renewals.map((f) => ({ ...f, madeBy: renewal(f.korrelationsId) })),
      puReserves: sources.pu
        .reserves()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, limit)
        .map((r) => ({ ...r, madeBy: puAdmin(r.id) })),
      puContacts: sources.pu
        .contactPersons()
        .slice(0, limit)
        .flatMap((number) => {
          const details = sources.pu.contactDetails(number);
          return details ? [{ ...details, madeBy: puAdmin(number) }] : [];
        }),
      registry: sources.registry.list().slice(0, limit),
    });
  });
  return router;
}
