import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/**
 * Where a CPU profile (`--cpu-prof`) spent the process's time: the top functions by self time and
 * the same time summed per package (or per folder of this project), as shares of the whole.
 * Usage: `npm run bench:profile -- FILE.cpuprofile` (or a folder: its newest profile).
 */
function main(): void {
  const target = process.argv[2] ?? '.';
  const newest = target.endsWith('.cpuprofile')
    ? target
    : readdirSync(target)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => join(target, name))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) throw new Error(`no .cpuprofile in ${target}`);
  const profile = JSON.parse(readFileSync(newest, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  // A native frame (a SQLite statement's `run`, say) counts for the package that called it.
  const callerOf = (id: number): string => {
    for (let at = parents.get(id); at !== undefined; at = parents.get(at)) {
      const url = byId.get(at)!.callFrame.url;
      if (url) return moduleOf(url);
    }
    return '(native or idle)';
  };
  const self = new Map<number, number>();
  // The first sample's delta runs from the profile's start, the profiler starting up included (a
  // sixth of a second in the app's profiles, all of it put on the inspector's `dispatch`): left out.
  profile.samples.forEach((id, i) => {
    if (i > 0) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((sum, t) => sum + t, 0);
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url || functionName.startsWith('(') ? moduleOf(url) : callerOf(id);
    functions.set(
      `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`,
      (functions.get(
        `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`,
      ) ?? 0) + time,
    );
    modules.set(where, (modules.get(where) ?? 0) + time);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, time]) => `| ${((100 * time) / total).toFixed(1)} % | ${name} |`)
      .join('\n');
  process.stdout.write(
    `${newest}: ${(total / 1e6).toFixed(1)} s sampled\n\n| share | package or folder |\n|---|---|\n${top(modules, 15)}\n\n| share | function |\n|---|---|\n${top(functions, 25)}\n`,
  );
}

/** `better-sqlite3`, `@nestjs/core`, `libs/event-store`, `(native)`... */
function moduleOf(url: string): string {
  if (!url) return '(idle, GC, program)';
  if (url.startsWith('node:')) return 'node';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  const projectMatch = /\/(apps|libs)\/([^/]+)\//.exec(url);
  return projectMatch ? `${projectMatch[1]}/${projectMatch[2]}` : url;
}

main();
