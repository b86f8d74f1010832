/** A body that must be `{}` (or absent): any field in it is refused. */
export class EmptyDto {}
