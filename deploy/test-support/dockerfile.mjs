// Small readers for the test of the deployment files: a Dockerfile parser (stages and their
// instructions, line continuations, JSON and shell forms) and a .dockerignore matcher with
// Docker's semantics (last matching pattern wins, `!` re-includes, a pattern matching a
// parent directory matches everything under it, `**` spans directories).

/** @returns {{ stages: Array<{ name: string|null, from: string, instructions: Array<{ cmd: string, args: string, line: number }> }>, globalArgs: object }} */
export function parseDockerfile(text) {
  const lines = text.split('\n');
  const logical = [];
  let buf = '';
  let start = 0;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!buf && (/^\s*#/.test(line) || !line.trim())) return;
    if (buf && /^\s*#/.test(line)) return; // comment lines inside a continuation
    if (!buf) start = i + 1;
    if (/\\\s*$/.test(line)) { buf += line.replace(/\\\s*$/, ' '); return; }
    logical.push({ text: (buf + line).trim(), line: start });
    buf = '';
  });
  const stages = [];
  const globalArgs = {};
  for (const { text: l, line } of logical) {
    const m = l.match(/^(\w+)\s+([\s\S]*)$/);
    if (!m) continue;
    const cmd = m[1].toUpperCase();
    const args = m[2].trim();
    if (cmd === 'FROM') {
      const f = args.match(/^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i);
      stages.push({ name: f[2] ?? null, from: f[1], instructions: [] });
    } else if (!stages.length && cmd === 'ARG') {
      const [k, v] = args.split('=');
      globalArgs[k] = v;
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push({ cmd, args, line });
    }
  }
  return { stages, globalArgs };
}

/** COPY/ADD arguments: { from, chown, sources: [], dest }. */
export function copyArgs(args) {
  const words = args.startsWith('[') ? JSON.parse(args) : args.split(/\s+/);
  const flags = {};
  while (words[0]?.startsWith('--')) {
    const [k, v] = words.shift().slice(2).split('=');
    flags[k] = v;
  }
  return { from: flags.from ?? null, chown: flags.chown ?? null, sources: words.slice(0, -1), dest: words[words.length - 1] };
}

/** ENV arguments as an object (`ENV A=1 B=2` and the old `ENV A 1`). */
export function envArgs(args) {
  if (!args.includes('=')) { const [k, ...v] = args.split(/\s+/); return { [k]: v.join(' ') }; }
  const out = {};
  for (const m of args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) out[m[1]] = m[3] ?? m[2];
  return out;
}

function globToRegExp(pattern) {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A matcher for a .dockerignore text: excluded(path) → true when the file is left out of the context. */
export function dockerignore(text) {
  const patterns = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
    const negate = l.startsWith('!');
    const p = (negate ? l.slice(1) : l).trim().replace(/^\/+/, '').replace(/\/+$/, '');
    return { negate, re: globToRegExp(p) };
  });
  return (file) => {
    const parts = file.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const { negate, re } of patterns) {
      if (candidates.some((c) => re.test(c))) excluded = !negate;
    }
    return excluded;
  };
}
