// Container image references as the container runtime resolves them (distribution reference grammar).

export interface ImageRef {
  /** Registry host, `docker.io` when the reference names none. */
  registry: string;
  /** Repository path without registry, `library/` added for Docker Hub official images. */
  repository: string;
  tag?: string;
  /** `algorithm:hex`, without the `@`. */
  digest?: string;
  /** Fully qualified `registry/repository`, for allow-list comparisons. */
  canonical: string;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first : 'docker.io';
  let repository = hasRegistry ? rest.slice(slash + 1) : rest;
  if (registry === 'index.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return {
    registry,
    repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
    canonical: `${registry}/${repository}`,
  };
}

/** A digest the runtime can pin to: `sha256:` plus 64 hex digits, or another well-formed algorithm. */
export function isValidDigest(digest: string | undefined): boolean {
  if (!digest || !DIGEST.test(digest)) return false;
  if (digest.startsWith('sha256:')) return /^sha256:[a-f0-9]{64}$/.test(digest);
  if (digest.startsWith('sha512:')) return /^sha512:[a-f0-9]{128}$/.test(digest);
  return true;
}
