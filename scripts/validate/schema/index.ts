export {
  createSchemaValidator,
  forgetLoadedSchemas,
  normalizeKubernetesVersion,
  type SchemaValidator,
  type SchemaValidatorOptions,
  type SkippedCelRule,
} from './validator.js';
export { kustomizationSchemaValidator } from './kustomization.js';
export { describeErrors, errorsToFindings, fieldPath, type SchemaProblem } from './errors.js';
export type { AjvError, ValidateFunction } from '../../schemas/compile.js';
