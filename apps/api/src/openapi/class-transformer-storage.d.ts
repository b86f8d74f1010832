// class-transformer keeps the metadata storage (which knows each nested DTO's type) out of its main
// entry point, and its types under types/ rather than beside the module.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
