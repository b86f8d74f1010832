import { IMPLEMENTATION_LEVELS, type ImplementationLevel } from '@pact/domain';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { NotBlank } from '../http/text-rules';

export class PracticeDto {
  @IsString() @Length(1, 200) @NotBlank() title!: string;
  @IsString() @Length(1, 2000) @NotBlank() summary!: string;
  @IsString() @Length(1, 100_000) @NotBlank() body!: string;
  @IsString() @Length(1, 100) @NotBlank() category!: string;
  @IsString() @IsIn(IMPLEMENTATION_LEVELS) implementationLevel!: ImplementationLevel;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'tags must not hold a tag twice' })
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  @NotBlank({ each: true })
  tags?: string[];
  @IsBoolean() publicationConsent!: boolean;
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code such as en or de' })
  language?: string;
}
