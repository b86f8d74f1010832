/**
 * The ports this deployment's HTTP server answers on: the configured `PORT`, and the port it is
 * actually listening on once it listens (`PORT=0` picks a free one). A webhook may be a local
 * receiver in development (`WEBHOOK_ALLOW_INSECURE=true`), but never this server itself.
 */
export class OwnPorts {
  private readonly ports = new Set<number>();

  constructor(configured: number) {
    if (configured > 0) this.ports.add(configured);
  }

  add(port: number): void {
    if (port > 0) this.ports.add(port);
  }

  has(port: number): boolean {
    return this.ports.has(port);
  }
}
