// The policy stage: configuration, the engine, and the listing for `kcfg policies`.

export { runPolicies, type PolicyRunInput, type PolicyRunResult, type SuppressedFinding } from './engine.js';
export {
  defaultPolicyConfig,
  loadPolicyConfig,
  resolvePolicy,
  applyCodeSeverities,
  loadCodeSettings,
  type CodeSettings,
  POLICY_CONFIG_FILE,
  type PolicyConfig,
  type PolicySetting,
  type SeveritySetting,
} from './config.js';
export { listPolicies, type PolicyRow } from './list.js';
export { GENERIC_TEMPLATE_POINTERS, podKindRows, type PodKindRow } from './pod-kinds.js';
export { BASELINE_FILE, type Baseline, type BaselineEntry } from './baseline.js';
export { EXEMPT_PREFIX, parseExemptionValue } from './exemptions.js';
export { RULES_DIR } from './rules.js';
export type { Policy, PolicyContext, PolicyFinding, PolicyMeta } from './types.js';
