import { ERASED_CONTACT } from '@pact/domain';
import {
  ForwardingEventStore,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedState,
  type StreamCondition,
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
    conditions?: readonly StreamCondition[],
  ): Promise<AppendResult> {
    return Promise.all(events.map((event) => this.seal(event))).then((sealed) =>
      this.inner.append(streamId, sealed, expected, conditions),
    );
  }

  override async readStream(
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(streamId, options));
  }

  override async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readAll(options));
  }

  override async *subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.subscribeToAll(options)) yield this.open(event);
  }

  /** The personal data of a stored event as its readers may see it, or undefined if it has none. */
  async personalData(event: RecordedEvent): Promise<{ contact: unknown } | undefined> {
    if (!WITH_CONTACT.has(event.type)) return undefined;
    const data = event.data as WithContact;
    if (!isSealedValue(data.contact)) return undefined;
    return {
      contact: (await this.vault.open(data.organisationId, data.contact)) ?? ERASED_CONTACT,
    };
  }

  private async seal<E extends EventToAppend>(event: E): Promise<E> {
    if (!WITH_CONTACT.has(event.type)) return event;
    const data = event.data as WithContact;
    if (data.contact === undefined || isSealedValue(data.contact)) return event;
    return {
      ...event,
      data: { ...data, contact: await this.vault.seal(data.organisationId, data.contact) },
    };
  }

  /** Most events carry no contact: only those that do wait for their key. */
  private openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> | RecordedEvent[] {
    if (!events.some((event) => WITH_CONTACT.has(event.type))) return events;
    return Promise.all(events.map((event) => this.open(event)));
  }

  private async open(event: RecordedEvent): Promise<RecordedEvent> {
    const personal = await this.personalData(event);
    if (!personal) return event;
    return { ...event, data: { ...(event.data as object), contact: personal.contact } };
  }
}
