import { createTransport, type Transporter } from 'nodemailer';
import type { PromptBody, TimelineNoticeBody } from './webhook-signature';

/** Reporting prompts by email, through the SMTP server of `SMTP_URL`. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }

  async sendPrompt(to: { name: string; email: string }, prompt: PromptBody): Promise<void> {
    const due = prompt.dueAt.slice(0, 10);
    const when =
      prompt.stage === 'upcoming'
        ? `falls due on ${due}`
        : prompt.stage === 'due'
          ? `falls due today (${due})`
          : `has been due since ${due}`;
    await this.transport.sendMail({
      from: this.from,
      to: { name: to.name, address: to.email },
      subject: `AI Pact: reporting cycle ${prompt.cycle} ${when}`,
      headers: { 'X-Pact-Delivery': prompt.promptId },
      text: [
        `Dear ${to.name},`,
        '',
        `Reporting cycle ${prompt.cycle} of your AI Pact pledge ${prompt.pledgeId} ${when}.`,
        'Please report a milestone for each of your commitments through the registry',
        `(POST /v1/pledges/${prompt.pledgeId}/milestones).`,
        '',
        `Prompt ${prompt.promptId}`,
      ].join('\n'),
    });
  }

  async sendTimelineNotice(
    to: { name: string; email: string },
    notice: TimelineNoticeBody,
  ): Promise<void> {
    const moved = notice.changes.map(
      (c) => `- ${c.provision}: applies from ${c.to} (was ${c.from ?? 'not dated'})`,
    );
    const late = notice.actions.filter((a) => a.after.afterApplication);
    await this.transport.sendMail({
      from: this.from,
      to: { name: to.name, address: to.email },
      subject: `AI Pact: the AI Act timeline changed for your pledge (${notice.timelineVersion})`,
      headers: { 'X-Pact-Delivery': notice.noticeId },
      text: [
        `Dear ${to.name},`,
        '',
        `${notice.timelineVersion} moves the dates from which AI Act provisions your pledge`,
        `${notice.pledgeId} anticipates apply:`,
        ...moved,
        '',
        late.length === 0
          ? 'Every action of the commitments concerned is now planned before its provisions apply.'
          : `${late.length} action(s) are planned after their provisions apply; see the pledge in the registry.`,
        '',
        `Notice ${notice.noticeId}`,
      ].join('\n'),
    });
  }

  close(): void {
    this.transport.close();
  }
}
