import {
  NACE_SECTIONS,
  ORGANISATION_SIZES,
  ROLES,
  type OrganisationSize,
  type Role,
} from '@pact/domain';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { Nested } from '../http/nested';
import { NoControlCharacters, NotBlank } from '../http/text-rules';

export class ContactDto {
  @IsString() @Length(1, 200) @NotBlank() name!: string;
  @IsEmail() @MaxLength(254) email!: string;
}

/** Fields shared by registration and change; change makes each optional. */
export class OrganisationProfileDto {
  @IsString() @Length(1, 200) name!: string;
  @IsString() @IsISO31661Alpha2() country!: string;
  @IsString() @IsIn(NACE_SECTIONS) sector!: string;
  @IsString() @IsIn(ORGANISATION_SIZES) size!: OrganisationSize;
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(2)
  @ArrayUnique({ message: 'roles must not name a role twice' })
  @IsIn(ROLES, { each: true })
  roles!: Role[];
  @IsDefined() @Nested(() => ContactDto) contact!: ContactDto;
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @NoControlCharacters()
  webhookUrl?: string;
}
