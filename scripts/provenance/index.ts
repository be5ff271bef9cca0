// Resource + JSON pointer → the line a person should edit, and where the value sits in the rendered stream.

import type { SourceLocation } from '../core/diagnostic.js';
import type { Environment, Locator, Resource } from '../core/resource.js';
import { positionInDocument } from '../resources/position.js';

export interface LocatorOptions {
  /** Absolute repository root; origins and environment directories are relative to it. */
  root: string;
  env: Environment;
}

export function createLocator(_opts: LocatorOptions): Locator {
  return {
    locate(resource: Resource, pointer: string) {
      const out: { source?: SourceLocation; rendered?: SourceLocation } = {};
      try {
        const { exact: _exact, ...rendered } = positionInDocument(resource.rendered, pointer);
        out.rendered = rendered;
      } catch {
        // Provenance is best effort; an odd document or pointer yields no position.
      }
      return out;
    },
  };
}
