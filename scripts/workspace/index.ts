export { kustomizationDeps, readKustomization } from './kustomization.js';
export { closure } from './closure.js';
export { discoverEnvironments } from './discover.js';
export { resolveTargets } from './targets.js';
