export { createSchemaValidator, forgetLoadedSchemas } from './validator.js';
export { kustomizationSchemaId, kustomizationSchemaValidator } from './kustomization.js';
export { describeErrors } from './errors.js';
export type { ValidateFunction } from '../../schemas/compile.js';
export type { SchemaValidator } from './validator.js';
