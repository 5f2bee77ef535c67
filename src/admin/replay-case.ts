/**
 * GET /__admin/requests/{id}/case: one SSBTEK exchange of the journal as a replay case — exactly the three files
 * `ssbtek-emulator record --from-journal` writes for it (the same code: src/tools/replay), with the name record
 * gives it. The console offers them for download; `replay` runs the folder as it is.
 */
import { Router } from 'express';
import { publicBase } from '../http/public-base.js';
import type { JournalView } from '../control/journal-view.js';
import { formatReply } from '../tools/replay/case-files.js';
import { caseNameOf } from '../tools/replay/case-name.js';
import { CASE_FILE, EXPECTED_FILE, REQUEST_FILE } from '../tools/replay/cases.js';
import { CLIPPED, fromJournal } from '../tools/replay/recording.js';
import { caseJson } from '../tools/replay/run-record.js';
import { sendAdminProblem } from './problems.js';

export function replayCaseRoutes(journal: JournalView, publicBaseUrl: string | undefined): Router {
  const router = Router();
  router.get('/requests/:id/case', async (req, res) => {
    const entry = await journal.get(req.params.id);
    if (!entry)
      return sendAdminProblem(res, 404, 'No such exchange', `No exchange with id ${req.params.id} in the journal`);
    if (entry.service !== 'SSBTEK')
      return sendAdminProblem(
        res,
        409,
        'Not a replay case',
        `Replay cases are SSBTEK exchanges; this one was answered by ${entry.service}`,
      );
    if (CLIPPED.test(entry.request.body) || CLIPPED.test(entry.reply.body))
      return sendAdminProblem(res, 409, 'Not a replay case', 'The journal cut its body short (over 256 KiB)');
    const exchange = fromJournal(entry, publicBase(req, res, publicBaseUrl));
    const name = caseNameOf(exchange.request, exchange.reply, exchange.status);
    res.json({
      name,
      files: {
        [REQUEST_FILE]: entry.request.body,
        [EXPECTED_FILE]: formatReply(exchange.reply),
        [CASE_FILE]: `${JSON.stringify(caseJson(exchange, exchange.today ?? entry.today, []), null, 2)}\n`,
      },
    });
  });
  return router;
}
