import { WrongExpectedVersionError, type EventStore } from '@pact/event-store';
import { randomUUID } from 'node:crypto';

/** The stream that names the deployment: its first event, written once by whichever process starts first. */
export const DEPLOYMENT_STREAM = 'deployment-identity';

export interface DeploymentIdentified {
  readonly deploymentId: string;
  readonly identifiedAt: string;
}

/**
 * The deployment's identity, kept with its event store: every process on the same store (api
 * replicas and workers on other hosts alike) reads the same one, and two deployments never share it.
 * The first process to start records it; a process that loses that race reads the winner's.
 */
export async function deploymentIdentity(store: EventStore, now: Date): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [first] = await store.readStream(DEPLOYMENT_STREAM, { maxCount: 1 });
    if (first) return (first.data as DeploymentIdentified).deploymentId;
    const deploymentId = randomUUID();
    const eventId = randomUUID();
    try {
      await store.append(
        DEPLOYMENT_STREAM,
        [
          {
            eventId,
            type: 'DeploymentIdentified',
            schemaVersion: 1,
            recordedAt: now.toISOString(),
            data: { deploymentId, identifiedAt: now.toISOString() } satisfies DeploymentIdentified,
            metadata: {
              actor: { keyId: 'deployment', role: 'system' },
              correlationId: eventId,
              causationId: eventId,
            },
          },
        ],
        'no-stream',
      );
      return deploymentId;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }
  throw new Error(`Could not read or record the deployment's identity (${DEPLOYMENT_STREAM})`);
}

/**
 * REMINDER_QUEUE_PREFIX when set; otherwise `pact-` and the deployment's identity, so that two
 * deployments sharing a Redis never take each other's jobs, counts or lease.
 */
export async function redisKeyPrefix(
  configured: string | undefined,
  store: EventStore,
  now: Date,
): Promise<string> {
  if (configured !== undefined) return configured;
  const id = await deploymentIdentity(store, now);
  return `pact-${id.replace(/-/g, '').slice(0, 16)}`;
}

/**
 * The prefix of every Redis key the deployment uses (queues, rate counts, the projector lease),
 * found when first asked for: a process that never touches Redis (the CLI) records nothing.
 */
export class RedisKeyPrefix {
  private prefix?: Promise<string>;

  constructor(
    private readonly configured: string | undefined,
    private readonly store: EventStore,
    private readonly now: () => Date,
  ) {}

  get(): Promise<string> {
    this.prefix ??= redisKeyPrefix(this.configured, this.store, this.now()).catch(
      (error: unknown) => {
        this.prefix = undefined;
        throw error;
      },
    );
    return this.prefix;
  }
}
