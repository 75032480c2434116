import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  /** "function (where)" where is a package, a project file, or a V8/Node pseudo-frame. */
  frame: string;
  /** Share of all sampled time, in percent. */
  selfPercent: number;
}

/** Where a frame lives, short: `graphql`, `src/store/audit.repository.ts:49`, `node:internal/...`. */
function place(url: string, line: number): string {
  if (url === '') return '';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  const project = /\/(?:dist\/)?((?:src|scripts)\/.*)$/.exec(url);
  if (project?.[1]) return `${project[1]}:${line + 1}`;
  return url.replace(/^file:\/\//, '');
}

/**
 * Self time by function from the one `.cpuprofile` in `dir` (written by `node --cpu-prof`):
 * every sample's time delta is charged to the frame on top of the stack.
 */
export function summariseCpuProfile(dir: string, top: number): ProfileLine[] {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = frames.get(id);
    const where = frame ? place(frame.url, frame.lineNumber) : '';
    const key = `${frame?.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, micros]) => ({ frame, selfPercent: (100 * micros) / Math.max(total, 1) }));
}

/** Self time by package or project folder: how much is GraphQL, Express, TypeORM, the connectors, idle. */
export function summariseByArea(dir: string): ProfileLine[] {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const areas = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = frames.get(id);
    const area = areaOf(frame?.url ?? '', frame?.functionName ?? '');
    areas.set(area, (areas.get(area) ?? 0) + delta);
    total += delta;
  });
  return [...areas.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([frame, micros]) => ({ frame, selfPercent: (100 * micros) / Math.max(total, 1) }));
}

function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  const project = /\/(?:dist\/)?(src\/[^/]+(?:\/[^/.]+(?=\/))?)/.exec(url);
  if (project?.[1]) return project[1];
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return 'other';
}
