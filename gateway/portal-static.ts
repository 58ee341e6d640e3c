import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Response } from 'express';

/**
 * The KDN portal's built files (portal/dist, a single-page application) served by the gateway
 * under /portal/, so the portal and its GraphQL endpoint share one origin: no CORS for /graphql,
 * and the identity provider sees one redirect URI pattern. The page learns the issuer it logs in
 * at from /portal/config.json, the issuer this gateway verifies tokens of.
 */
export interface PortalSettings {
  /** Built portal (index.html, assets/). */
  dir: string;
  /** The issuer the gateway verifies; the portal logs in there. */
  issuer: string;
  clientId: string;
}

/** `<repo>/portal/dist` when it has been built, else null (no portal served). */
export function defaultPortalDir(from = __dirname): string | null {
  let dir = from;
  // Sources (gateway/) or the build (dist/gateway/): the repository root is the nearest package.json.
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  const candidate = path.join(dir, 'portal', 'dist');
  return existsSync(path.join(candidate, 'index.html')) ? candidate : null;
}

function securityHeaders(res: Response, issuerOrigin: string): void {
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ${issuerOrigin}`,
      // oidc-client-ts renews silently in a hidden frame of the issuer.
      `frame-src ${issuerOrigin}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

export function mountPortal(app: Express, settings: PortalSettings): void {
  const dir = path.resolve(settings.dir);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`Каталог собранного портала ${dir} не найден (PORTAL_DIR): соберите портал или уберите настройку`);
  const issuerOrigin = new URL(settings.issuer).origin;
  const index = path.join(dir, 'index.html');
  const router = express.Router();

  router.use((req, res, next) => {
    securityHeaders(res, issuerOrigin);
    // `/portal` without the slash: relative URLs of the page would resolve against `/`.
    if (req.originalUrl === '/portal' || req.originalUrl.startsWith('/portal?')) return res.redirect(301, `/portal/${req.originalUrl.slice('/portal'.length)}`);
    next();
  });
  router.get('/config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ issuer: settings.issuer, clientId: settings.clientId, graphqlUrl: '/graphql' });
  });
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      setHeaders(res, file) {
        // Vite names files under assets/ by their content hash: they never change under one name.
        const hashed = path.relative(dir, file).split(path.sep)[0] === 'assets';
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : file === index ? 'no-store' : 'no-cache');
      },
    }),
  );
  // The application's own routes (deep links, the login callback): index.html; a missing file stays a 404.
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || path.posix.basename(req.path).includes('.')) return next();
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(index, { cacheControl: false });
  });
  router.use((_req, res) => {
    res.status(404).type('text/plain; charset=utf-8').send('Не найдено');
  });

  app.get('/', (_req, res) => res.redirect(302, '/portal/'));
  app.use('/portal', router);
}
