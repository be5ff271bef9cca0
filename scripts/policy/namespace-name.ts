// How a finding names a namespace. Resources rendered without one land in whatever namespace kubectl
// targets when they are applied, and `namespace ""` would read as a typo.

export function namespaceName(ns: string | undefined): string {
  return ns ? `namespace "${ns}"` : 'the namespace kubectl targets (none is set)';
}
