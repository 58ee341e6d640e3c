import http from 'node:http';
import { verifySignature } from '../subgraphs/bank/sync/signed-post';

/**
 * A tiny endpoint to watch the hub's deliveries on this machine: checks X-Hub-Signature-256 with
 * the secret, prints each verified notification (or push page of the data bank's changes) on
 * one line and answers 204; a request with a wrong signature gets 401 and a warning. Development
 * only: it keeps nothing.
 *
 *   node -r ./scripts/ts-register.js scripts/webhook-receiver.ts --port 9999 --secret s
 *   WEBHOOK_POLICE_SYSTEM_URL=http://127.0.0.1:9999/ WEBHOOK_POLICE_SYSTEM_SECRET=s npm start
 */
function option(name: string, fallback?: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const port = Number(option('port', '9999'));
const host = option('host', '127.0.0.1')!;
const secret = option('secret', process.env.WEBHOOK_SECRET);
if (!secret || !Number.isInteger(port)) {
  process.stderr.write('Использование: node -r ./scripts/ts-register.js scripts/webhook-receiver.ts --port 9999 --secret <секрет> [--host 127.0.0.1]\n');
  process.exit(2);
}

const out = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    const delivery = String(req.headers['x-hub-delivery'] ?? '-');
    if (!verifySignature(secret, body, req.headers['x-hub-signature-256'] as string | undefined)) {
      out(`ПОДПИСЬ НЕ СОВПАЛА: ${req.method} ${req.url} доставка ${delivery} (другой секрет?) -> 401`);
      res.writeHead(401).end();
      return;
    }
    try {
      const payload = JSON.parse(body) as Record<string, unknown>;
      if (Array.isArray(payload.changes)) {
        out(`push ${delivery}: изменений ${payload.changes.length}, курсор ${String(payload.endCursor)}`);
      } else {
        out(`уведомление ${delivery}: ${String(payload.kind)} организации ${String(payload.organisationId ?? payload.agency)} дело ${String(payload.caseId ?? '-')}: ${String(payload.message)}`);
      }
    } catch {
      out(`доставка ${delivery}: тело не JSON (${body.length} байт)`);
    }
    res.writeHead(204).end();
  });
});

server.listen(port, host, () => out(`Жду доставки на http://${host}:${port}/ (проверяю подпись X-Hub-Signature-256)`));
process.on('SIGINT', () => server.close(() => process.exit(0)));
