// ANSI styling (picocolors), switched off when output is not a terminal or NO_COLOR is set.

import pc from 'picocolors';

export type Style = Pick<ReturnType<typeof pc.createColors>, 'red' | 'yellow' | 'blue' | 'green' | 'dim' | 'bold'>;

export const COLOR: Style = pc.createColors(true);
export const PLAIN: Style = pc.createColors(false);

export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return !!stream.isTTY;
}
