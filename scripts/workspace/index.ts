export {
  KUSTOMIZATION_FILES,
  isRemote,
  kustomizationDeps,
  readKustomization,
  stripKey,
  type Kustomization,
  type KustomizationDeps,
} from './kustomization.js';
export { closure, walkClosure, type Closure } from './closure.js';
export { discoverEnvironments, findKustomizationDirs } from './discover.js';
export { resolveTargets } from './targets.js';
