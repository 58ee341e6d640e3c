import { RequestHandler } from 'express';
import { SqlQuery } from '../../../../auth/organisations/registry-refresh';

/**
 * `GET /registry`: the registry's current version for the gateway, which has no database
 * connection. Public within the hub's network (names, territories and allow-lists of bodies,
 * no personal data) and not routed by the gateway. The version is the ETag: a caller that holds
 * it gets 304 and no body.
 */
export function registryHandler(query: SqlQuery): RequestHandler {
  return async (req, res) => {
    const held = /^(?:W\/)?"(\d{1,15})"$/.exec(req.get('if-none-match')?.trim() ?? '')?.[1];
    try {
      const [row] = await query('SELECT version, document FROM bank.registry_document($1)', [held ?? 0]);
      res.set('cache-control', 'no-cache');
      if (!row) {
        res.status(304).set('etag', `"${held}"`).end();
        return;
      }
      res.set('etag', `"${row.version}"`).json({ version: Number(row.version), document: row.document });
    } catch {
      res.status(503).json({ error: 'Реестр организаций временно недоступен' });
    }
  };
}
