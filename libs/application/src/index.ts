export * from './clock';
export * from './ids';
export * from './command-pipeline/command-context';
export * from './command-pipeline/errors';
export * from './command-pipeline/handle';
export * from './command-pipeline/upcasting';
export * from './config/app-config';
export * from './command-pipeline/load';
