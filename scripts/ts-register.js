// Runs a TypeScript entry point without a build, for child processes that tests start and kill
// (the sync worker): each .ts file is transpiled on require with the project's compiler options.
// Types are checked by `tsc --noEmit` in `npm test`, not here.
//
// Transpiled files are kept in node_modules/.cache/ts-register, keyed by the source, the
// tsconfig and the compiler's version: a test suite starts these processes dozens of times, and
// transpiling the hub's few hundred files took about 5 s of CPU at each start. The compiler is
// loaded only when a file is missing from the cache.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const TSCONFIG = path.join(ROOT, 'tsconfig.json');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'ts-register');
const salt = [fs.readFileSync(TSCONFIG, 'utf8'), require('typescript/package.json').version, fs.readFileSync(path.join(__dirname, 'ts-register.js'), 'utf8')].join('\0');

let compile = null;
function transpile(source, filename) {
  if (!compile) {
    const ts = require('typescript');
    const { config } = ts.readConfigFile(TSCONFIG, ts.sys.readFile);
    const compilerOptions = { ...ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT).options, sourceMap: false, inlineSourceMap: true };
    compile = (text, fileName) => ts.transpileModule(text, { compilerOptions, fileName }).outputText;
  }
  return compile(source, filename);
}

const hash = (...parts) => crypto.createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);

/** One entry per source file: `<file's hash>-<content's hash>.js`; a new version replaces the old. */
function cached(source, filename) {
  const prefix = `${hash(filename)}-`;
  const file = path.join(CACHE_DIR, `${prefix}${hash(salt, source)}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const output = transpile(source, filename);
    try {
      // Written aside and renamed: processes starting together never read half a file.
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, output);
      fs.renameSync(temp, file);
      for (const old of fs.readdirSync(CACHE_DIR)) if (old.startsWith(prefix) && old.endsWith('.js') && path.join(CACHE_DIR, old) !== file) fs.rmSync(path.join(CACHE_DIR, old), { force: true });
    } catch {
      // A read-only tree still runs, only slower.
    }
    return output;
  }
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(cached(fs.readFileSync(filename, 'utf8'), filename), filename);
};

// `node scripts/ts-register.js <dir>...`: transpiles every .ts file under the directories into the
// cache without running them. The tests' global setup does it once, so the processes a suite starts
// at the same moment (the crash matrix starts several) do not each transpile the hub on a clean clone.
if (require.main === module) {
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
    });
  for (const file of process.argv.slice(2).flatMap((dir) => walk(path.resolve(ROOT, dir)))) cached(fs.readFileSync(file, 'utf8'), file);
}
