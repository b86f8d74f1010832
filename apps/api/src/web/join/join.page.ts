import { RegisterOrganisationCommand, type RegisterOrganisationResult } from '@pact/commands';
import { NACE_SECTIONS, ORGANISATION_SIZES, ROLES } from '@pact/domain';
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedForAnonymous } from '../../http/rate-limit/rate-limit.guard';
import { OrganisationProfileDto } from '../../organisations/organisation.dto';
import { button, checkbox, fieldMessage, formSecrets, select, textInput } from '../kit/fields';
import { field, fields, kept, keptTick, type RefusedForm } from '../kit/form';
import { html } from '../kit/html';
import { pageHeading, type PageOptions } from '../kit/layout';
import { label } from '../kit/labels';
import { Pages, PublicPage } from '../kit/page-access';
import { newSubmissionId, PageCommands } from '../kit/page-commands';
import { pageContext, type PageContext } from '../kit/page-context';
import { formRefusal, sendPage } from '../kit/page-response';
import { validated } from '../kit/validated';

/** The command's contact fields, by the names the form gives them. */
const CONTACT_FIELDS: Readonly<Partial<Record<string, string>>> = {
  'contact.name': 'contactName',
  'contact.email': 'contactEmail',
};

/** Registration of an organisation: the participant key and webhook secret are shown once, here. */
@Controller('join')
@Pages()
export class JoinPage {
  constructor(private readonly commands: PageCommands) {}

  @Get()
  @PublicPage()
  show(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    return this.render(reply, pageContext(request), {});
  }

  @Post()
  @PublicPage()
  @RateLimitedForAnonymous()
  async register(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const context = pageContext(request);
    const body = request.body;
    try {
      const webhookUrl = field(body, 'webhookUrl');
      const profile = await validated(OrganisationProfileDto, {
        name: field(body, 'name'),
        country: field(body, 'country').toUpperCase(),
        sector: field(body, 'sector'),
        size: field(body, 'size'),
        roles: fields(body, 'roles'),
        contact: { name: field(body, 'contactName'), email: field(body, 'contactEmail') },
        ...(webhookUrl ? { webhookUrl } : {}),
      });
      const result = await this.commands.submitAnonymous<RegisterOrganisationResult>(
        request,
        (command) => new RegisterOrganisationCommand(profile, command),
      );
      const { t } = context.i18n;
      // Secrets cannot travel through a redirect: this answer is the only place they are shown.
      return sendPage(reply, context, {
        title: t('join.done'),
        notice: { kind: 'success', text: t('join.done') },
        body: html`${pageHeading(t('join.done'))}
          <p>${t('join.keyHelp')}</p>
          <h2>${t('auth.key')}</h2>
          <p class="pact-key" id="new-key">${result.apiKey}</p>
          <h2>${t('join.webhookSecret')}</h2>
          <p class="pact-key" id="webhook-secret">${result.webhookSecret}</p>
          <p>
            <a class="ecl-button ecl-button--primary" href="/login?next=%2Fworkspace"
              >${t('auth.signIn')}</a
            >
          </p>`,
      });
    } catch (error) {
      const { status, notice, form } = formRefusal(error, context, {
        body,
        labels: {
          name: 'join.name',
          country: 'registry.country',
          sector: 'registry.sector',
          size: 'registry.size',
          roles: 'join.roles',
          'contact.name': 'join.contactName',
          'contact.email': 'join.contactEmail',
          webhookUrl: 'join.webhook',
        },
        nameOf: (path) => CONTACT_FIELDS[path] ?? path,
      });
      return this.render(reply, context, { notice }, status, form);
    }
  }

  private render(
    reply: FastifyReply,
    context: PageContext,
    extra: Pick<PageOptions, 'notice'>,
    status = 200,
    /** The refused form's body: the form shows again with what was sent. */
    refused?: RefusedForm,
  ): string {
    const i18n = context.i18n;
    const { t } = i18n;
    return sendPage(
      reply,
      context,
      {
        title: t('join.title'),
        ...extra,
        body: html`${pageHeading(t('join.title'))}
          <p>${t('join.intro')}</p>
          <form method="post" action="/join" class="pact-form" aria-labelledby="join-heading">
            <h2 id="join-heading">${t('join.form')}</h2>
            ${formSecrets(context.csrf, newSubmissionId())}
            ${textInput({ id: 'org-name', name: 'name', label: t('join.name'), required: true, autocomplete: 'organization', ...kept(refused, 'name') })}
            ${textInput({ id: 'org-country', name: 'country', label: t('registry.country'), help: t('registry.countryHelp'), required: true, maxLength: 2, ...kept(refused, 'country') })}
            ${select({ id: 'org-sector', name: 'sector', label: t('registry.sector'), required: true, options: NACE_SECTIONS.map((s) => ({ value: s, label: label(i18n, 'sector', s) })), ...kept(refused, 'sector') })}
            ${select({ id: 'org-size', name: 'size', label: t('registry.size'), required: true, options: ORGANISATION_SIZES.map((s) => ({ value: s, label: label(i18n, 'size', s) })), ...kept(refused, 'size') })}
            <fieldset>
              <legend>${t('join.roles')}</legend>
              ${fieldMessage(refused, 'roles')}
              ${ROLES.map((role) => checkbox({ id: `org-role-${role}`, name: 'roles', value: role, label: label(i18n, 'orgRole', role), ...keptTick(refused, 'roles', role) }))}
            </fieldset>
            <fieldset>
              <legend>${t('join.contact')}</legend>
              <p>${t('join.contactHelp')}</p>
              ${textInput({ id: 'contact-name', name: 'contactName', label: t('join.contactName'), required: true, autocomplete: 'name', ...kept(refused, 'contactName') })}
              ${textInput({ id: 'contact-email', name: 'contactEmail', label: t('join.contactEmail'), type: 'email', required: true, autocomplete: 'email', ...kept(refused, 'contactEmail') })}
            </fieldset>
            ${textInput({ id: 'org-webhook', name: 'webhookUrl', label: t('join.webhook'), type: 'url', help: t('join.webhookHelp'), ...kept(refused, 'webhookUrl') })}
            ${button(t('join.submit'))}
          </form>`,
      },
      status,
    );
  }
}
