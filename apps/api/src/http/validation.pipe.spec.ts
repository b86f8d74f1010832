import { IsISO31661Alpha2, IsString, Length } from 'class-validator';
import { ProblemException } from './problem';
import { StrictValidationPipe } from './validation.pipe';

class ProfileDto {
  @IsString() @Length(1, 20) name!: string;
  @IsString() @IsISO31661Alpha2() country!: string;
}

async function fieldErrors(body: object) {
  try {
    await new StrictValidationPipe().transform(body, { type: 'body', metatype: ProfileDto });
  } catch (error) {
    if (error instanceof ProblemException) return error.problemDetails.errors;
    throw error;
  }
  return [];
}

describe('StrictValidationPipe', () => {
  it('names what is wrong with each field by the code the pages translate', async () => {
    expect(await fieldErrors({ name: 'x'.repeat(21), country: 'xx' })).toEqual([
      expect.objectContaining({ field: 'name', code: 'length' }),
      expect.objectContaining({ field: 'country', code: 'country' }),
    ]);
  });

  it('says "required" for a field left empty or out, whatever rule it breaks by that', async () => {
    expect(await fieldErrors({ name: '' })).toEqual([
      expect.objectContaining({ field: 'name', code: 'required' }),
      expect.objectContaining({ field: 'country', code: 'required' }),
      expect.objectContaining({ field: 'country', code: 'required' }),
    ]);
  });
});
