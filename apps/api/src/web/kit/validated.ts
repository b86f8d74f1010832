import type { Type } from '@nestjs/common';
import { StrictValidationPipe } from '../../http/validation.pipe';

const pipe = new StrictValidationPipe();

/** A form's values checked by the same DTO and rules as the API's JSON body (a 400 otherwise). */
export async function validated<T extends object>(dto: Type<T>, value: object): Promise<T> {
  return (await pipe.transform(value, { type: 'body', metatype: dto })) as T;
}
