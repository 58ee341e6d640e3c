import http from 'node:http';
import { AddressInfo } from 'node:net';
import { verifySignature } from '../../subgraphs/bank/sync/signed-post';

export interface WebhookBody {
  id: string;
  organisationId: string | null;
  agency: string;
  municipality: string;
  kind: string;
  caseId: string | null;
  childId: string | null;
  message: string;
  createdAt: string;
  /** X-Hub-Delivery. */
  delivery: string;
}

export interface WebhookReceiver {
  url: string;
  secret: string;
  /** Deliveries accepted (2xx), in order. */
  received: WebhookBody[];
  /** Requests whose signature did not match this receiver's secret. */
  badSignatures: number;
  /** Answer 502 to the next n well-signed requests. */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

/** An agency system's webhook endpoint on a free port: checks the signature, records what it accepts. */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  let refusals = 0;
  const receiver = { secret, received: [] as WebhookBody[], badSignatures: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (!verifySignature(secret, body, req.headers['x-hub-signature-256'] as string | undefined)) {
        receiver.badSignatures += 1;
        return res.writeHead(401).end();
      }
      if (refusals > 0) {
        refusals -= 1;
        return res.writeHead(502).end();
      }
      receiver.received.push({ ...JSON.parse(body), delivery: req.headers['x-hub-delivery'] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub-notifications`,
    refuseNext: (n: number) => {
      refusals = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
