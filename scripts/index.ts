// The library's public entry (`import { ... } from 'kcfg'`): configuration, the check pipeline, rendering,
// diffs and reporters. The CLI in scripts/cli is a thin layer over exactly these.

export { loadConfig, type Config } from './config/index.js';
export { findRoot, gitTopLevel } from './workspace/roots.js';
export { runCheck, type CheckRun, type CheckStages } from './check/run.js';
export type { CheckResult } from './check/result.js';
export { renderEnvironments, detectEngine, type RenderOptions } from './render/index.js';
export { resolveTargets, discoverEnvironments } from './workspace/index.js';
export { validateEnvironment, validateResources } from './validate/index.js';
export { diffEnvironments, diffRefs } from './diff/index.js';
export { formatText as formatDiffText } from './report/diff-text.js';
export { formatJson as formatDiffJson } from './report/diff-json.js';
export { loadReporter, REPORT_FORMATS, type Reporter, type ReportOptions } from './report/index.js';
export type { Diagnostic, Severity, SourceLocation, ResourceId } from './core/diagnostic.js';
export type { Environment, Resource } from './core/resource.js';
export { EXIT, KcfgError } from './core/errors.js';
