import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * A nested body (`each`: a list of them) validated by its own class. `ValidateNested` alone takes a
 * list where an object belongs (`[[]]`, validated as nothing), so the value must be an object.
 */
export const Nested = (dto: () => new () => object, options: { each?: boolean } = {}) =>
  applyDecorators(IsObject(options), ValidateNested(options), Type(dto));
