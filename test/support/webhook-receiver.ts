import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The status answered; undefined while the request hangs (or if it never got one). */
  status?: number;
}

/** How the receiver answers the n-th request (1-based) on a path. */
export type Answer = (attempt: number) => number | 'hang';

/** A local webhook endpoint that records every request and answers as each path is told to. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly answers = new Map<string, Answer>();
  private readonly hanging: ServerResponse[] = [];

  private constructor(private readonly server: Server) {
    server.on('request', (request: IncomingMessage, response: ServerResponse) =>
      this.handle(request, response),
    );
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(createServer());
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  answer(path: string, answer: Answer): void {
    this.answers.set(path, answer);
  }

  on(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Deliveries answered 2xx, by X-Pact-Delivery. */
  acknowledged(path: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.on(path)) {
      if (r.status === undefined || r.status < 200 || r.status > 299) continue;
      const id = String(r.headers['x-pact-delivery']);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const record: ReceivedWebhook = {
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.received.push(record);
      const answer = (this.answers.get(path) ?? (() => 200))(this.on(path).length);
      if (answer === 'hang') {
        this.hanging.push(response);
        return;
      }
      record.status = answer;
      response.writeHead(answer).end();
    });
  }
}
