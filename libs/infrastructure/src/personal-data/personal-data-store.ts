import { ERASED_CONTACT } from '@pact/domain';
import {
  ForwardingEventStore,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedState,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '@pact/event-store';
import { isSealedValue, type PersonalDataVault } from './personal-data-vault';

/** The events that carry an organisation's contact person, and so are stored with it sealed. */
const WITH_CONTACT = new Set(['OrganisationRegistered', 'OrganisationDetailsChanged']);

interface WithContact {
  readonly organisationId: string;
  readonly contact?: unknown;
}

/**
 * The event store as the rest of the product sees it: contact data is sealed on the way in, under
 * its organisation's key, and opened on the way out (or shown as erased once the key is destroyed).
 * The hash chain covers the sealed form, so erasure leaves every chain intact. The audit views read
 * the store underneath, which shows what is really stored.
 */
export class PersonalDataProtectingStore extends ForwardingEventStore {
  constructor(
    inner: EventStore,
    private readonly vault: PersonalDataVault,
  ) {
    super(inner);
  }

  override append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
  ): Promise<AppendResult> {
    return this.inner.append(
      streamId,
      events.map((event) => this.seal(event)),
      expected,
    );
  }

  override async readStream(
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((event) => this.open(event));
  }

  override async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readAll(options)).map((event) => this.open(event));
  }

  override async *subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.subscribeToAll(options)) yield this.open(event);
  }

  /** The personal data of a stored event as its readers may see it, or undefined if it has none. */
  personalData(event: RecordedEvent): { contact: unknown } | undefined {
    if (!WITH_CONTACT.has(event.type)) return undefined;
    const data = event.data as WithContact;
    if (!isSealedValue(data.contact)) return undefined;
    return { contact: this.vault.open(data.organisationId, data.contact) ?? ERASED_CONTACT };
  }

  private seal<E extends EventToAppend>(event: E): E {
    if (!WITH_CONTACT.has(event.type)) return event;
    const data = event.data as WithContact;
    if (data.contact === undefined || isSealedValue(data.contact)) return event;
    return {
      ...event,
      data: { ...data, contact: this.vault.seal(data.organisationId, data.contact) },
    };
  }

  private open(event: RecordedEvent): RecordedEvent {
    const personal = this.personalData(event);
    if (!personal) return event;
    return { ...event, data: { ...(event.data as object), contact: personal.contact } };
  }
}
