import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature, webhookBody } from './webhook-signature';

describe('webhook signature', () => {
  const prompt = {
    pledgeId: 'pl',
    promptId: 'pr',
    organisationId: 'or',
    cycle: 1,
    stage: 'due' as const,
    offset: 'PT0S',
    dueAt: '2027-01-31T00:00:00.000Z',
    sentAt: '2027-01-31T00:00:01.000Z',
    channels: ['inbox', 'webhook'],
  };

  it('writes the body of api.md in a fixed order, without the offset or channels', () => {
    expect(webhookBody(prompt)).toBe(
      '{"type":"reporting-prompt","promptId":"pr","organisationId":"or","pledgeId":"pl",' +
        '"cycle":1,"stage":"due","dueAt":"2027-01-31T00:00:00.000Z","sentAt":"2027-01-31T00:00:01.000Z"}',
    );
  });

  it('signs the raw body with HMAC-SHA256 of the secret, as a receiver recomputes it', () => {
    const body = webhookBody(prompt);
    const expected = createHmac('sha256', 'whsec_test').update(body).digest('hex');
    expect(signWebhook(body, 'whsec_test')).toBe(`sha256=${expected}`);
    expect(verifyWebhookSignature(body, 'whsec_test', `sha256=${expected}`)).toBe(true);
    expect(verifyWebhookSignature(`${body} `, 'whsec_test', `sha256=${expected}`)).toBe(false);
    expect(verifyWebhookSignature(body, 'other', `sha256=${expected}`)).toBe(false);
    expect(verifyWebhookSignature(body, 'whsec_test', 'sha256=00')).toBe(false);
  });
});
