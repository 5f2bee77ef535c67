/**
 * POST /__admin/validate: one XML document checked as `ssbtek-emulator validate` checks a file (the same code:
 * src/tools/validate), with the schema chosen by its element (a SOAP envelope's Body element) unless one is named.
 * GET /__admin/validate/schemas lists the bundled schemas and the elements that choose each.
 */
import { Router } from 'express';
import { checkBytes } from '../tools/validate/check-file.js';
import { SchemaRegistry } from '../tools/validate/schemas.js';

/** The largest document taken (the admin API's other bodies are at most 1 MB). */
export const VALIDATE_LIMIT = 16 * 1024 * 1024;

export function validateRoutes(): Router {
  // Every schema is read once, on the first use (the start of the emulator does not pay for it).
  let registry: SchemaRegistry | undefined;
  const schemas = (): SchemaRegistry => (registry ??= SchemaRegistry.load());

  const router = Router();
  router.get('/validate/schemas', (_req, res) => {
    res.json({ schemas: schemas().listing() });
  });
  router.post('/validate', (req, res) => {
    const { document, name, schema } = req.body as { document: string; name?: string; schema?: string };
    const result = checkBytes(name ?? 'document', Buffer.from(document, 'utf8'), schemas(), schema);
    res.json(result);
  });
  return router;
}
