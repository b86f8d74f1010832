import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';
import type { PersonalDataKeys } from './personal-data-keys';

const FORMAT = 'pd1';

/** How an encrypted value is stored in an event: only ciphertext, under the subject's key. */
export interface SealedValue {
  readonly sealed: string;
}

export function isSealedValue(value: unknown): value is SealedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { sealed?: unknown }).sealed === 'string' &&
    (value as { sealed: string }).sealed.startsWith(`${FORMAT}.`)
  );
}

/**
 * One AES-256-GCM key per data subject (an organisation), kept outside the event log and itself
 * sealed with the master secret. Destroying the key erases every value sealed with it, wherever the
 * ciphertext lives (events, backups), without touching the events: crypto-shredding.
 */
export class PersonalDataVault {
  constructor(
    private readonly keys: PersonalDataKeys,
    private readonly box: SecretBox,
  ) {}

  async seal(subjectId: string, value: unknown): Promise<SealedValue> {
    const key = (await this.keyOf(subjectId)) ?? (await this.createKey(subjectId));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(subjectId));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const parts = [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url'));
    return { sealed: [FORMAT, ...parts].join('.') };
  }

  /** The value, or undefined once the subject's key is destroyed. */
  async open(subjectId: string, value: SealedValue): Promise<unknown> {
    const key = await this.keyOf(subjectId);
    if (!key) return undefined;
    const [, iv, body, tag] = value.sealed.split('.');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
    decipher.setAAD(Buffer.from(subjectId));
    decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
    const text = Buffer.concat([
      decipher.update(Buffer.from(body!, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
    return JSON.parse(text) as unknown;
  }

  /** Destroys the subject's key: what was sealed with it can never be read again. */
  erase(subjectId: string): Promise<void> {
    return this.keys.remove(subjectId);
  }

  private async keyOf(subjectId: string): Promise<Buffer | undefined> {
    const sealed = await this.keys.find(subjectId);
    return sealed === undefined ? undefined : Buffer.from(this.box.open(sealed), 'base64');
  }

  private async createKey(subjectId: string): Promise<Buffer> {
    const sealed = await this.keys.createIfAbsent(
      subjectId,
      this.box.seal(randomBytes(32).toString('base64')),
    );
    return Buffer.from(this.box.open(sealed), 'base64');
  }
}
