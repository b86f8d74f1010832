import { PartialType } from '@nestjs/mapped-types';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ProblemException } from './problem';
import { ExplainedWhen, NotBlank } from './text-rules';
import { NullRefused, StrictValidationPipe } from './validation.pipe';

class ProfileDto {
  @IsString() @Length(1, 20) name!: string;
  @IsString() @IsISO31661Alpha2() country!: string;
}

class EntryDto {
  @IsString() @Length(3, 10) code!: string;
}

class ListsDto {
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(3) @MaxLength(5, { each: true }) tags!: string[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => EntryDto) entries!: EntryDto[];
}

class NoteDto {
  @IsString() @Length(1, 20) @NotBlank() title!: string;
  @IsString() kind!: string;
  @IsString() @MaxLength(20) @ExplainedWhen<NoteDto>('kind', 'question') text!: string;
}

class OptionalDto {
  @IsString() title!: string;
  @IsOptional() @IsString() note?: string;
}

@NullRefused()
class ChangesDto extends PartialType(OptionalDto) {}

async function fieldErrors(body: object, metatype: new () => object = ProfileDto) {
  try {
    await new StrictValidationPipe().transform(body, { type: 'body', metatype });
  } catch (error) {
    if (error instanceof ProblemException) return error.problemDetails.errors;
    throw error;
  }
  return [];
}

describe('StrictValidationPipe', () => {
  it('names what is wrong with each field by the code the pages translate', async () => {
    expect(await fieldErrors({ name: 'x'.repeat(21), country: 'xx' })).toEqual([
      expect.objectContaining({ field: 'name', code: 'too-long', limit: 20 }),
      expect.objectContaining({ field: 'country', code: 'country' }),
    ]);
  });

  it('says "required" for a field left empty or out, whatever rule it breaks by that', async () => {
    expect(await fieldErrors({ name: '' })).toEqual([
      expect.objectContaining({ field: 'name', code: 'required' }),
      // Left out, it breaks both its rules; it is said once, and not as a rule it cannot break.
      { field: 'country', message: 'country is required', code: 'required' },
    ]);
    expect(await fieldErrors({ name: 'Acme', country: null })).toEqual([
      { field: 'country', message: 'country is required', code: 'required' },
    ]);
    expect(await fieldErrors({ title: 'Note', kind: 'question' }, NoteDto)).toEqual([
      { field: 'text', message: 'text is required', code: 'required' },
    ]);
    // Of the wrong type, it is said to be of the wrong type, not to break the rules of its type.
    expect(await fieldErrors({ tags: 'a', entries: 'b' }, ListsDto)).toEqual([
      { field: 'tags', message: 'tags must be an array', code: 'list' },
      expect.objectContaining({ field: 'entries', code: 'list' }),
    ]);
    // An entry of a list left empty is named by its place.
    expect(await fieldErrors({ tags: ['a', 'b'], entries: [null] }, ListsDto)).toEqual([
      { field: 'entries[0]', message: 'entries[0] is required', code: 'required' },
    ]);
    // A field the body should not hold is unknown, even when its value is null.
    expect(await fieldErrors({ name: 'Acme', country: 'DE', colour: null })).toEqual([
      expect.objectContaining({ field: 'colour', code: 'unknown-field' }),
    ]);
  });

  it('takes an optional field sent as null as left out, but refuses null in a body of changes', async () => {
    const pipe = new StrictValidationPipe();
    expect(
      await pipe.transform({ title: 'T', note: null }, { type: 'body', metatype: OptionalDto }),
    ).toEqual({ title: 'T' });
    expect(await fieldErrors({ title: null, note: null }, OptionalDto)).toEqual([
      { field: 'title', message: 'title is required', code: 'required' },
    ]);
    expect(await fieldErrors({ title: null }, ChangesDto)).toEqual([
      { field: 'title', message: 'title cannot be removed', code: 'invalid' },
    ]);
    expect(await fieldErrors({ note: null }, ChangesDto)).toEqual([
      { field: 'note', message: 'note cannot be removed', code: 'invalid' },
    ]);
  });

  it('says which limit a text or a list breaks, for fields of nested entries and each entry of a list too', async () => {
    expect(
      await fieldErrors(
        { tags: ['a', 'b', 'c', 'toolong'], entries: [{ code: 'abc' }, { code: 'ab' }] },
        ListsDto,
      ),
    ).toEqual([
      expect.objectContaining({ field: 'tags', code: 'too-long', limit: 5 }),
      expect.objectContaining({ field: 'tags', code: 'too-many', limit: 3 }),
      expect.objectContaining({ field: 'entries[1].code', code: 'too-short', limit: 3 }),
    ]);
    expect(await fieldErrors({ tags: ['a'], entries: [] }, ListsDto)).toEqual([
      expect.objectContaining({ field: 'tags', code: 'too-few', limit: 2 }),
    ]);
  });

  it('says "blank" for text of white space only, and "required" for a needed explanation left empty', async () => {
    expect(await fieldErrors({ title: ' \n ', kind: 'question', text: '\t' }, NoteDto)).toEqual([
      expect.objectContaining({ field: 'title', code: 'blank' }),
      expect.objectContaining({ field: 'text', code: 'blank' }),
    ]);
    expect(await fieldErrors({ title: '', kind: 'question', text: '' }, NoteDto)).toEqual([
      expect.objectContaining({ field: 'title', code: 'required' }),
      expect.objectContaining({ field: 'text', code: 'required' }),
    ]);
    expect(await fieldErrors({ title: 'Note', kind: 'remark', text: '' }, NoteDto)).toEqual([]);
  });
});
